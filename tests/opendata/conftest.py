"""Fixtures of the open-data tests: demo units and published records made through the
services (decisions and documents, corrected and withdrawn)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.core.models import local_today, utcnow
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.disclosure.decisions.services import (
    correct_decision,
    publish_decision,
    withdraw_decision,
)
from portal.disclosure.demo import load_demo_units
from portal.disclosure.services import publish_document
from portal.extensions import db
from portal.org.models import Unit
from tests.factories import add_decision, add_document, decision_data


def unit_of(code: str) -> Unit:
    return db.session.scalars(select(Unit).where(Unit.code == code)).one()


@pytest.fixture
def records(app):
    """Three decisions (one corrected, one withdrawn) of xinhua and weidong, and a document.
    Times are fixed relative to now, an hour apart, so the change log's order is known."""
    start = utcnow() - timedelta(hours=10)
    with app.app_context():
        load_demo_units(db.session)
        xinhua, weidong = unit_of("xinhua"), unit_of("weidong")
        plain = add_decision(xinhua, facts="当事人在建设路摆摊经营水果。")
        corrected = add_decision(xinhua, penalty="罚款人民币200元")
        withdrawn = add_decision(weidong)
        document = add_document(xinhua, title="投诉渠道")
        for number, decision in enumerate((plain, corrected, withdrawn)):
            publish_decision(
                db.session,
                CLI_ACTOR,
                decision,
                may_review=True,
                now=start + timedelta(hours=number),
            )
        publish_document(
            db.session, CLI_ACTOR, document, app.config, now=start + timedelta(hours=3)
        )
        correct_decision(
            db.session,
            CLI_ACTOR,
            corrected,
            decision_data(doc_no=corrected.doc_no, penalty="罚款人民币100元"),
            "罚款金额录入错误",
            may_review=True,
            today=local_today(),
            settings=current_settings(),
            calendar=working_calendar(),
            now=start + timedelta(hours=4),
        )
        withdraw_decision(
            db.session, CLI_ACTOR, withdrawn, "该决定已被依法撤销", now=start + timedelta(hours=5)
        )
        db.session.commit()
        ids = SimpleNamespace(
            plain=plain.public_id,
            corrected=corrected.public_id,
            withdrawn=withdrawn.public_id,
            document=document.public_id,
            plain_id=plain.id,
            xinhua_id=xinhua.id,
        )
    return ids


def decision_by_public_id(public_id: str) -> PenaltyDecision:
    return db.session.scalars(
        select(PenaltyDecision).where(PenaltyDecision.public_id == public_id)
    ).one()
