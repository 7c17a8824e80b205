"""Factories for published-results tests."""

from datetime import date

import pytest
from sqlalchemy import insert, select

from portal.disclosure.models import Unit
from portal.extensions import db
from portal.results.models import EVALUATION_DIMENSIONS, EvaluationAnswer, EvaluationPeriod


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
