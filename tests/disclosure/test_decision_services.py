"""Decision services: validation, the lifecycle, its audit entries and search-outbox rows."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR, Actor, verify_chain
from portal.core.calendar import load_calendar
from portal.core.models import local_today
from portal.core.publication import PublicationError
from portal.disclosure.decisions.deadlines import publications_due, withdrawals_due
from portal.disclosure.decisions.models import DecisionRevision, PenaltyDecision
from portal.disclosure.decisions.rules import DecisionSettings
from portal.disclosure.decisions.services import (
    DECISION_LIFECYCLE,
    correct_decision,
    publish_decision,
    record_revocation,
    return_decision,
    submit_decision,
    update_decision,
    update_major_review,
    withdraw_decision,
)
from portal.extensions import db
from portal.search.models import SearchOutboxEntry
from tests.disclosure.conftest import unit_of
from tests.factories import add_decision, decision_data

STAFF = Actor(None, "staff_x")
SUPERVISOR = Actor(None, "boss")
RULES = {
    "today": local_today(),
    "settings": DecisionSettings(),
    "calendar": load_calendar(None),
}


@pytest.fixture
def session(app_context, units):
    return db.session


def audit_actions(session, decision_id) -> list[str]:
    return list(
        session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.object_type == "decision", AuditEntry.object_id == str(decision_id))
            .order_by(AuditEntry.id)
        )
    )


def outbox(session) -> list[tuple[str, str]]:
    return [(e.kind, e.object_id) for e in session.scalars(select(SearchOutboxEntry))]


def test_create_derives_major_flag_and_due_date(session):
    decision = add_decision(
        unit_of("xinhua"), fine_amount="12000", decided_on=date(2026, 3, 2), party_type="person"
    )
    assert decision.is_major
    assert decision.publication_due_on == date(2026, 3, 11)
    assert decision.status == "draft" and decision.revision_count == 0
    assert audit_actions(session, decision.id) == ["decision.create"]
    assert outbox(session) == []  # nothing public yet


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"doc_no": "  "}, "doc_no", "请填写文书号"),
        ({"party_type": "alien"}, "party_type", "请选择当事人类型"),
        ({"fine_amount": "-1"}, "fine_amount", "罚款金额应为不小于0的数字"),
        ({"fine_amount": "12.345"}, "fine_amount", "最多保留两位小数"),
        ({"fine_amount": "一千"}, "fine_amount", "罚款金额应为数字"),
        ({"decided_on": local_today() + timedelta(days=1)}, "decided_on", "不能晚于今天"),
        ({"violation_type": "jaywalking"}, "violation_type", "请选择违法行为类型"),
        ({"related_names": "李\n王五"}, "related_names", "至少两个字"),
    ],
)
def test_invalid_working_copies_are_refused_in_chinese(session, overrides, field, message):
    with pytest.raises(PublicationError) as refused:
        add_decision(unit_of("xinhua"), **overrides)
    assert refused.value.field == field
    assert message in str(refused.value)


def test_doc_no_is_unique_within_a_unit_only(session):
    add_decision(unit_of("xinhua"), doc_no="同号〔2026〕第1号")
    add_decision(unit_of("weidong"), doc_no="同号〔2026〕第1号")
    with pytest.raises(PublicationError, match="已有文书号"):
        add_decision(unit_of("xinhua"), doc_no="同号〔2026〕第1号")


def test_publish_creates_revision_one_audit_and_outbox(session):
    decision = add_decision(unit_of("xinhua"), party_name="张三", facts="当事人张三在场。")
    revision = publish_decision(session, STAFF, decision, may_review=False)
    session.commit()
    assert decision.status == "published" and decision.revision_count == 1
    assert revision.revision_no == 1 and revision.party == "张某某"
    assert revision.facts == "当事人张某某在场。"
    assert decision.first_published_at == decision.public_updated_at == revision.published_at
    assert audit_actions(session, decision.id) == ["decision.create", "decision.publish"]
    assert outbox(session) == [("decision", str(decision.id))]
    assert verify_chain(session).intact


def test_the_audit_log_keeps_no_personal_data(session):
    decision = add_decision(
        unit_of("xinhua"),
        party_name="欧阳建国",
        facts="当事人欧阳建国，手机13812345678。",
    )
    publish_decision(session, STAFF, decision, may_review=False)
    entries = session.scalars(select(AuditEntry)).all()
    text = json.dumps([(e.before_json, e.after_json) for e in entries], ensure_ascii=False)
    assert "欧阳建国" not in text and "13812345678" not in text
    assert "欧阳某某" in text and "texts_fingerprint" in text


def test_a_minor_is_never_published(session):
    decision = add_decision(unit_of("xinhua"), party_is_minor=True)
    with pytest.raises(PublicationError, match="未成年人"):
        publish_decision(session, SUPERVISOR, decision, may_review=True)
    with pytest.raises(PublicationError, match="未成年人"):
        submit_decision(session, STAFF, decision)
    assert decision.status == "draft"
    # and the database refuses it even if code forgot the rule
    decision.status = "published"
    with pytest.raises(IntegrityError):
        session.flush()


def test_major_needs_legal_review_and_a_supervisor(session):
    decision = add_decision(unit_of("xinhua"), party_type="organisation", fine_amount="150000")
    assert decision.is_major
    with pytest.raises(PublicationError, match="法制审核"):
        publish_decision(session, SUPERVISOR, decision, may_review=True)
    update_major_review(
        session,
        STAFF,
        decision,
        raised=False,
        raise_reason="",
        legal_reviewed_on=decision.decided_on,
        filed_on=None,
        filing_note="",
        today=local_today(),
    )
    with pytest.raises(PublicationError, match="综合监督科审核"):
        publish_decision(session, STAFF, decision, may_review=False)
    submit_decision(session, STAFF, decision)
    assert decision.status == "review"
    return_decision(session, SUPERVISOR, decision, "请补充证据目录", may_review=True)
    assert decision.status == "draft" and decision.review_note == "请补充证据目录"
    submit_decision(session, STAFF, decision)
    publish_decision(session, SUPERVISOR, decision, may_review=True)
    assert decision.status == "published"
    assert audit_actions(session, decision.id) == [
        "decision.create",
        "decision.major",
        "decision.submit",
        "decision.return",
        "decision.submit",
        "decision.publish",
    ]


def test_staff_may_raise_the_major_flag_but_not_lower_the_rule(session):
    small = add_decision(unit_of("xinhua"), fine_amount="500")
    assert not small.is_major
    with pytest.raises(PublicationError, match="理由"):
        update_major_review(
            session,
            STAFF,
            small,
            raised=True,
            raise_reason="",
            legal_reviewed_on=None,
            filed_on=None,
            filing_note="",
            today=local_today(),
        )
    update_major_review(
        session,
        STAFF,
        small,
        raised=True,
        raise_reason="社会影响较大",
        legal_reviewed_on=None,
        filed_on=None,
        filing_note="",
        today=local_today(),
    )
    assert small.is_major
    big = add_decision(unit_of("xinhua"), fine_amount="20000")
    update_major_review(
        session,
        STAFF,
        big,
        raised=False,
        raise_reason="",
        legal_reviewed_on=None,
        filed_on=None,
        filing_note="",
        today=local_today(),
    )
    assert big.is_major  # the thresholds still apply


def test_correction_adds_a_revision_and_keeps_the_old_one(session):
    decision = add_decision(unit_of("xinhua"), fine_amount="200", penalty="罚款人民币200元")
    publish_decision(session, STAFF, decision, may_review=False)
    session.commit()
    data = decision_data(
        doc_no=decision.doc_no, fine_amount="300", penalty="罚款人民币300元", party_name="张三"
    )
    with pytest.raises(PublicationError, match="更正原因"):
        correct_decision(session, STAFF, decision, data, "  ", may_review=False, **RULES)
    session.rollback()
    decision = session.get(PenaltyDecision, decision.id)
    correct_decision(
        session,
        STAFF,
        decision,
        data,
        "罚款金额录入有误，张三的决定书为300元",
        may_review=False,
        **RULES,
    )
    session.commit()
    first, second = DECISION_LIFECYCLE.revisions(session, decision)
    assert (first.revision_no, first.penalty, first.fine_amount) == (1, "罚款人民币200元", 200)
    assert (second.revision_no, second.penalty, second.fine_amount) == (2, "罚款人民币300元", 300)
    assert second.reason == "罚款金额录入有误，张某某的决定书为300元"  # the reason is masked too
    assert decision.public_status == "corrected"
    assert audit_actions(session, decision.id)[-1] == "decision.correct"
    assert outbox(session).count(("decision", str(decision.id))) == 2


def test_a_draft_is_edited_not_corrected(session):
    decision = add_decision(unit_of("xinhua"))
    changed = update_decision(
        session, STAFF, decision, decision_data(doc_no=decision.doc_no, fine_amount="50"), **RULES
    )
    assert changed and decision.fine_amount == 50
    publish_decision(session, STAFF, decision, may_review=False)
    with pytest.raises(PublicationError, match="更正"):
        update_decision(session, STAFF, decision, decision_data(), **RULES)


def test_revocation_makes_a_withdrawal_due_within_three_working_days(session):
    decision = add_decision(unit_of("xinhua"), decided_on=date(2026, 2, 2))
    publish_decision(session, STAFF, decision, may_review=False)
    record_revocation(
        session,
        STAFF,
        decision,
        kind="revoked",
        revoked_on=date(2026, 3, 5),
        reason="行政复议决定撤销（新政复决字〔2026〕第3号）",
        today=date(2026, 3, 6),
    )
    scoped = select(PenaltyDecision)
    calendar = load_calendar(None)
    (item,) = withdrawals_due(session, scoped, date(2026, 3, 6), calendar)
    assert item.due_on == date(2026, 3, 10) and not item.is_late
    (late,) = withdrawals_due(session, scoped, date(2026, 3, 12), calendar)
    assert late.is_late
    withdraw_decision(session, STAFF, decision, "该决定已被行政复议决定撤销")
    assert decision.status == "withdrawn" and decision.withdrawal_reason
    assert withdrawals_due(session, scoped, date(2026, 3, 12), calendar) == []
    assert audit_actions(session, decision.id)[-2:] == ["decision.revocation", "decision.withdraw"]
    with pytest.raises(PublicationError):
        withdraw_decision(session, STAFF, decision, "再撤一次")


def test_the_due_list_counts_working_days(session):
    on_time = add_decision(unit_of("xinhua"), decided_on=date(2026, 3, 2))
    minor = add_decision(unit_of("xinhua"), decided_on=date(2026, 3, 2), party_is_minor=True)
    published = add_decision(unit_of("xinhua"), decided_on=date(2026, 3, 2))
    publish_decision(session, STAFF, published, may_review=False)
    calendar = load_calendar(None)
    scoped = select(PenaltyDecision)
    (item,) = publications_due(session, scoped, date(2026, 3, 9), calendar)
    assert item.decision.id == on_time.id and item.decision.id != minor.id
    assert item.due_on == date(2026, 3, 11) and item.working_days_left == 2
    (late,) = publications_due(session, scoped, date(2026, 3, 13), calendar)
    assert late.is_late and late.working_days_left == -2


def test_revisions_are_rows_of_their_own(session):
    decision = add_decision(unit_of("xinhua"))
    publish_decision(session, STAFF, decision, may_review=False)
    assert session.scalar(select(DecisionRevision.decision_id)) == decision.id
    assert CLI_ACTOR.label == "cli"


@pytest.mark.app_config(DECISION_PUBLICATION_WORKING_DAYS=20)
def test_the_day_count_is_a_setting_of_the_app(session):
    decision = add_decision(unit_of("xinhua"), decided_on=date(2026, 3, 2))
    assert decision.publication_due_on == date(2026, 3, 30)


def test_the_holidays_come_from_the_configured_file(app, session, tmp_path):
    holidays = tmp_path / "holidays.json"
    holidays.write_text('{"holidays": ["2026-03-04", "2026-03-05"], "makeup_workdays": []}')
    app.config["HOLIDAYS_FILE"] = str(holidays)
    app.extensions.pop("working_calendar", None)
    decision = add_decision(unit_of("xinhua"), decided_on=date(2026, 3, 2))
    assert decision.publication_due_on == date(2026, 3, 13)  # two days later than 11 March
