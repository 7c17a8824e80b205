"""Factories for published-results tests."""

from datetime import date

import pytest
from sqlalchemy import insert, select

from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.org.models import Unit
from portal.results.models import EVALUATION_DIMENSIONS, EvaluationAnswer, EvaluationPeriod
from tests.results.media_helpers import make_media


@pytest.fixture
def create_period(app):
    def create(name="2026年下半年", opens_on=date(2026, 7, 1), closes_on=date(2099, 12, 31)):
        with app.app_context():
            period = EvaluationPeriod(name=name, opens_on=opens_on, closes_on=closes_on)
            db.session.add(period)
            db.session.commit()
            return period.id

    return create


@pytest.fixture
def add_answers(app):
    """Bulk answers: ``add_answers(period_id, unit_code, [(5,4,3,4,5), ...])``."""

    def add(period_id: int, unit_code: str, score_rows, comment: str = ""):
        with app.app_context():
            unit_id = db.session.scalars(select(Unit.id).where(Unit.code == unit_code)).one()
            rows = [
                {
                    "period_id": period_id,
                    "unit_id": unit_id,
                    "comment": comment,
                    **dict(zip(EVALUATION_DIMENSIONS, scores, strict=True)),
                }
                for scores in score_rows
            ]
            db.session.execute(insert(EvaluationAnswer), rows)
            db.session.commit()

    return add


@pytest.fixture
def demo_units(app):
    with app.app_context():
        load_demo_units(db.session)
        db.session.commit()


@pytest.fixture
def media(app, demo_units):
    """``media(unit_code="xinhua", publish=True, **fields)`` → id, public_id, headline."""

    def make(*args, **kwargs):
        with app.app_context():
            return make_media(*args, **kwargs)

    return make
