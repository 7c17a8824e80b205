"""Complaint outcomes through their services: who may be published, masking, the lifecycle
and its audit entries, and the facts a revision keeps."""

import json
from datetime import date

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR
from portal.core.publication import PublicationError
from portal.extensions import db
from portal.results.outcomes.masking import prefill
from portal.results.outcomes.models import ComplaintOutcome
from portal.results.outcomes.services import (
    OUTCOME_LIFECYCLE,
    correct_outcome,
    publication_problems,
    publish_outcome,
    withdraw_outcome,
)
from tests.results.outcome_helpers import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    CONTACT_PHONE,
    add_units,
    closed_complaint,
    published,
)


@pytest.fixture
def units(app, create_unit):
    add_units(app, create_unit)
    with app.app_context():
        yield app


def _publish(complaint, summary="执法人员态度粗暴。", reply="已批评教育，责令整改。"):
    return publish_outcome(
        db.session, CLI_ACTOR, complaint, category="conduct", summary=summary, reply=reply
    )


def test_only_closed_complaints_suggestions_and_praise_are_published_once(units):
    app = units
    open_case = closed_complaint(app, "xinhua", close=False)
    assert publication_problems(db.session, open_case) == ["只有已办结的件可以公示办理结果。"]
    with pytest.raises(PublicationError, match="已办结"):
        _publish(open_case)
    db.session.rollback()

    tipoff = closed_complaint(app, "xinhua", kind="tipoff")
    assert tipoff.state == "closed"
    with pytest.raises(PublicationError, match="举报件不公开办理结果"):
        _publish(tipoff)
    db.session.rollback()

    praise = closed_complaint(app, "xinhua", kind="praise", description="执法队员冒雨清理积水。")
    _publish(praise)
    db.session.commit()
    with pytest.raises(PublicationError, match="已经公示过"):
        _publish(praise)
    db.session.rollback()
    assert db.session.scalar(select(db.func.count()).select_from(ComplaintOutcome)) == 1


def test_texts_are_masked_including_the_complainants_own_contacts(units):
    complaint = closed_complaint(
        units,
        "xinhua",
        description=(
            f"我是{CONTACT_NAME}，电话{CONTACT_PHONE}，邮箱{CONTACT_EMAIL}。"
            "证人：王小明，身份证号410402199001011234，家住建设路12号院3号楼501室。"
        ),
        reply=f"{CONTACT_NAME}您好：已处理。如有疑问请拨打0375-2000019，或回电{CONTACT_PHONE}。",
    )
    texts = prefill(complaint)
    for text in texts.values():
        for private in (CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL, "王小明", "410402199001011234"):
            assert private not in text
    outcome = _publish(complaint, summary=complaint.description, reply=complaint.reply)
    db.session.commit()
    revision = outcome.current_revision
    assert "演某某" in revision.summary and "王某某" in revision.summary
    assert "170****0042" in revision.summary and "d***@example.invalid" in revision.summary
    assert "410402********1234" in revision.summary and "12号院" not in revision.summary
    assert "0375-2000019" in revision.reply  # the unit's public complaint phone stays
    assert CONTACT_PHONE not in revision.reply and CONTACT_NAME not in revision.reply
    # the working copy keeps what staff typed (back office only)
    assert CONTACT_PHONE in outcome.summary


def test_a_contact_phone_written_without_a_label_is_masked_too(units):
    complaint = closed_complaint(
        units, "xinhua", contact_phone="3456789", description="请回电 3456789 告知处理结果。"
    )
    assert "3456789" not in prefill(complaint)["summary"]


def test_revision_keeps_the_public_facts(units):
    outcome = published(units, "xinhua", rating=4, day=3)
    revision = outcome.current_revision
    assert (revision.kind, revision.channel, revision.category) == ("complaint", "web", "conduct")
    assert revision.submitted_on == date(2026, 3, 5)
    assert revision.accepted_on == date(2026, 3, 6)
    assert revision.answered_on == date(2026, 3, 13)
    assert revision.answered_on_time is True
    assert revision.rating_label == "满意"
    unrated = published(units, "weidong", rating=None).current_revision
    assert unrated.rating_label == "未评价" and unrated.rating_level is None


def test_lifecycle_is_audited_with_the_unit_and_without_texts(units):
    outcome = published(units, "xinhua")
    outcome_id, unit_id = outcome.id, outcome.unit_id
    correct_outcome(
        db.session,
        CLI_ACTOR,
        outcome,
        category="street_vending",
        summary="摊主占道经营，执法人员劝离时态度生硬。",
        reply=outcome.reply,
        reason=f"类别有误（{CONTACT_PHONE}来电指出）",
    )
    db.session.commit()
    assert outcome.revision_count == 2 and outcome.public_status == "corrected"
    assert CONTACT_PHONE not in outcome.current_revision.reason
    first = OUTCOME_LIFECYCLE.revision(db.session, outcome, 1)
    assert first.category == "conduct" and outcome.current_revision.category == "street_vending"
    with pytest.raises(PublicationError, match="撤下原因"):
        withdraw_outcome(db.session, CLI_ACTOR, outcome, "  ")
    db.session.rollback()
    outcome = db.session.get(ComplaintOutcome, outcome_id)
    withdraw_outcome(db.session, CLI_ACTOR, outcome, "投诉人申请复核。")
    db.session.commit()
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.object_type == "outcome").order_by(AuditEntry.id)
    ).all()
    assert [entry.action for entry in entries] == [
        "outcome.publish",
        "outcome.correct",
        "outcome.withdraw",
    ]
    assert {entry.unit_id for entry in entries} == {unit_id}
    assert json.loads(entries[-1].after_json)["status"] == "withdrawn"
    for entry in entries:
        dumped = str(json.loads(entry.before_json)) + str(json.loads(entry.after_json))
        assert CONTACT_NAME not in dumped and CONTACT_PHONE not in dumped
        assert "态度" not in dumped  # no texts, only their fingerprint
    with pytest.raises(PublicationError):
        correct_outcome(
            db.session,
            CLI_ACTOR,
            outcome,
            category="other",
            summary="xxxxxx",
            reply="yyyyyy",
            reason="再改",
        )
