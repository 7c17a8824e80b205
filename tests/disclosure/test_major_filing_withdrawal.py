"""重大 with confiscation, 法制审核 before the decision, 备案 due, withdrawal clock, 不予公开.

Each rule at its edge; "today" is passed in (or a fixed past date is used), never the clock.
"""

import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.audit.services import Actor
from portal.core.calendar import load_calendar
from portal.core.publication import PublicationError
from portal.disclosure.decisions import deadlines
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.rules import (
    DecisionSettings,
    filing_due_on,
    major_reasons,
    withdrawal_due_on,
)
from portal.disclosure.decisions.services import (
    publication_problems,
    publish_decision,
    record_revocation,
    update_major_review,
    withdraw_decision,
)
from portal.extensions import db
from tests.disclosure.conftest import unit_of
from tests.disclosure.test_importer import row as import_row
from tests.disclosure.test_importer import write_csv
from tests.factories import add_decision

CALENDAR = load_calendar(None)
STAFF = Actor(None, "staff_x")
ZERO = Decimal("0")


@pytest.fixture
def session(app_context, units):
    return db.session


# --- 重大: each of the fine and the confiscation at 9,999 / 10,000 (and 99,999 / 100,000) -----


@pytest.mark.parametrize(
    ("party_type", "fine", "income", "property_value", "major"),
    [
        ("person", "9999", "0", "0", False),
        ("person", "10000", "0", "0", True),
        ("person", "0", "9999", "0", False),
        ("person", "0", "10000", "0", True),
        ("person", "0", "0", "9999", False),
        ("person", "0", "0", "10000", True),
        # 没收违法所得 and 非法财物 are one confiscation: their values add up …
        ("person", "0", "5000", "5000", True),
        ("person", "0", "4999.99", "5000", False),
        # … but the fine is a measure of its own and is never added to them
        ("person", "5000", "5000", "0", False),
        ("organisation", "0", "99999", "0", False),
        ("organisation", "0", "100000", "0", True),
        ("organisation", "0", "0", "99999.99", False),
        ("organisation", "0", "0", "100000", True),
        ("organisation", "99999", "0", "0", False),
    ],
)
def test_confiscation_counts_toward_the_thresholds(party_type, fine, income, property_value, major):
    reasons = major_reasons(
        party_type, Decimal(fine), False, False, Decimal(income), Decimal(property_value)
    )
    assert bool(reasons) is major
    if major and fine == "0":
        assert "没收违法所得、非法财物价值" in reasons[0]


def test_a_decision_saved_with_confiscation_is_major(session):
    small = add_decision(unit_of("xinhua"), fine_amount="500", confiscated_income="9999")
    assert not small.is_major
    big = add_decision(unit_of("xinhua"), fine_amount="500", confiscated_income="10000")
    assert big.is_major and big.confiscated_income == Decimal("10000.00")
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.object_id == str(big.id)).order_by(AuditEntry.id)
    ).first()
    assert json.loads(entry.after_json)["confiscated_income"] == "10000.00"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("confiscated_income", "-1", "没收违法所得金额应为不小于0的数字"),
        ("confiscated_income", "一万", "没收违法所得金额应为数字"),
        ("confiscated_property_value", "1.005", "没收非法财物价值最多保留两位小数"),
        ("nondisclosure_reason", "because", "请从列表中选择不予公开的情形"),
    ],
)
def test_bad_amounts_are_refused_in_chinese(session, field, value, message):
    with pytest.raises(PublicationError) as refused:
        add_decision(unit_of("xinhua"), **{field: value})
    assert refused.value.field == field and message in str(refused.value)


# --- 法制审核 on or before the decision date -------------------------------------------------


def _review(session, decision, reviewed_on, today=date(2026, 3, 20)):
    return update_major_review(
        session,
        STAFF,
        decision,
        raised=False,
        raise_reason="",
        legal_reviewed_on=reviewed_on,
        filed_on=None,
        filing_note="",
        today=today,
    )


def test_legal_review_on_the_decision_day_is_accepted_the_day_after_refused(session):
    decision = add_decision(unit_of("xinhua"), fine_amount="20000", decided_on=date(2026, 3, 10))
    with pytest.raises(PublicationError) as refused:
        _review(session, decision, date(2026, 3, 11))
    assert refused.value.field == "legal_reviewed_on"
    assert "法制审核日期不能晚于处罚决定日期" in str(refused.value)
    assert decision.legal_reviewed_on is None
    assert _review(session, decision, date(2026, 3, 10))
    assert decision.legal_reviewed_on == date(2026, 3, 10)


def test_a_major_decision_is_not_published_before_legal_review(session):
    decision = add_decision(unit_of("xinhua"), fine_amount="0", confiscated_income="10000")
    with pytest.raises(PublicationError, match="须先完成法制审核"):
        publish_decision(session, STAFF, decision, may_review=True)
    # a review dated after the decision (e.g. from old data) does not count as passed
    decision.legal_reviewed_on = date(2099, 1, 1)
    assert any("不能晚于处罚决定日期" in p for p in publication_problems(decision, may_review=True))
    decision.legal_reviewed_on = decision.decided_on
    publish_decision(session, STAFF, decision, may_review=True)
    assert decision.status == "published"


def test_legal_review_through_the_form_one_day_late_is_a_chinese_400(
    app, client, units, create_user, login
):
    create_user("xinhua_staff", role="staff", unit_code="xinhua")
    login("xinhua_staff")
    with app.app_context():
        decision = add_decision(
            unit_of("xinhua"), fine_amount="30000", decided_on=date(2026, 3, 10)
        )
        db.session.commit()
        decision_id = decision.id
    response = client.post(
        f"/admin/decisions/{decision_id}/major",
        data={"legal_reviewed_on": "2026-03-11", "filed_on": "", "filing_note": "平城管备字"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400  # the form again, with the message and the input kept
    assert "法制审核日期不能晚于处罚决定日期" in page and 'value="2026-03-11"' in page
    with app.app_context():
        assert db.session.get(PenaltyDecision, decision_id).legal_reviewed_on is None


# --- 备案 ------------------------------------------------------------------------------------


def test_filing_is_due_fifteen_calendar_days_later_rolled_to_a_working_day():
    assert filing_due_on(date(2026, 3, 2), CALENDAR) == date(2026, 3, 17)  # a Tuesday
    # 2026-03-07 + 15 = Sunday 22 March → Monday 23 March
    assert filing_due_on(date(2026, 3, 7), CALENDAR) == date(2026, 3, 23)
    # 2026-09-17 + 15 = 2 October (National Day holiday, 1-7 October) → 8 October
    assert filing_due_on(date(2026, 9, 17), CALENDAR) == date(2026, 10, 8)
    assert filing_due_on(date(2026, 3, 2), CALENDAR, 20) == date(2026, 3, 23)  # Sun 22 → Mon


@pytest.mark.app_config(FILING_DAYS=20)
def test_filing_days_are_a_setting(app):
    assert DecisionSettings.of(app.config).filing_days == 20


def test_due_and_late_filings(session):
    major = add_decision(unit_of("xinhua"), fine_amount="20000", decided_on=date(2026, 3, 2))
    add_decision(unit_of("xinhua"), fine_amount="200", decided_on=date(2026, 3, 2))  # not 重大
    scoped = select(PenaltyDecision)
    (item,) = deadlines.filings_due(session, scoped, date(2026, 3, 17), CALENDAR, 15)
    assert item.decision.id == major.id and item.due_on == date(2026, 3, 17)
    assert item.days_left == 0 and not item.is_late
    (late,) = deadlines.filings_due(session, scoped, date(2026, 3, 18), CALENDAR, 15)
    assert late.is_late and late.days_left == -1
    assert deadlines.filing_late(major, date(2026, 3, 18), CALENDAR, 15)
    major.filed_on = date(2026, 3, 18)
    assert deadlines.filings_due(session, scoped, date(2026, 3, 18), CALENDAR, 15) == []
    (filed_late,) = deadlines.filed_late(session, scoped, date(2026, 1, 1), CALENDAR, 15)
    assert filed_late.decision.id == major.id
    major.filed_on = date(2026, 3, 17)
    assert deadlines.filed_late(session, scoped, date(2026, 1, 1), CALENDAR, 15) == []
    assert not deadlines.filing_late(major, date(2026, 4, 1), CALENDAR, 15)


def test_the_due_page_lists_filings_of_the_own_unit_only(app, client, units, create_user, login):
    with app.app_context():
        for unit, doc_no in (("xinhua", "新华重大1号"), ("weidong", "卫东重大1号")):
            add_decision(
                unit_of(unit), doc_no=doc_no, fine_amount="50000", decided_on=date(2026, 1, 5)
            )
        db.session.commit()
    create_user("xinhua_staff", role="staff", unit_code="xinhua")
    login("xinhua_staff")
    page = client.get("/admin/decisions/due").get_data(as_text=True)
    section = page[page.index('id="due-filings"') :]
    assert "新华重大1号" in section and "卫东重大1号" not in page
    assert "2026-01-20" in section and "已逾期" in section  # 5 January + 15 days


# --- withdrawal: the clock runs from the revocation, not from its recording ------------------


def test_the_withdrawal_clock_runs_from_the_revocation_date(session):
    decision = add_decision(unit_of("xinhua"), decided_on=date(2026, 2, 2))
    publish_decision(session, STAFF, decision, may_review=False, now=datetime(2026, 2, 3, 2))
    # revoked on Thursday 5 March, recorded only on Wednesday 11 March
    record_revocation(
        session,
        STAFF,
        decision,
        kind="revoked",
        revoked_on=date(2026, 3, 5),
        reason="行政复议决定撤销",
        today=date(2026, 3, 11),
    )
    assert decision.revocation_recorded_on == date(2026, 3, 11)
    assert withdrawal_due_on(date(2026, 3, 5), CALENDAR) == date(2026, 3, 10)
    (item,) = deadlines.withdrawals_due(
        session, select(PenaltyDecision), date(2026, 3, 11), CALENDAR
    )
    assert item.due_on == date(2026, 3, 10) and item.is_late  # already late when recorded
    assert deadlines.withdrawal_late(decision, date(2026, 3, 11), CALENDAR)
    withdraw_decision(session, STAFF, decision, "已被撤销", now=datetime(2026, 3, 11, 2))
    assert deadlines.withdrawal_late(decision, date(2026, 3, 30), CALENDAR)
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.action == "decision.revocation")
    ).one()
    assert json.loads(entry.after_json)["revoked_on"] == "2026-03-05"
    assert json.loads(entry.after_json)["revocation_recorded_on"] == "2026-03-11"


def test_a_withdrawal_on_the_last_day_is_on_time(session):
    decision = add_decision(unit_of("xinhua"), decided_on=date(2026, 2, 2))
    publish_decision(session, STAFF, decision, may_review=False, now=datetime(2026, 2, 3, 2))
    record_revocation(
        session,
        STAFF,
        decision,
        kind="changed",
        revoked_on=date(2026, 3, 5),
        reason="变更",
        today=date(2026, 3, 6),
    )
    # 10 March 23:30 Shanghai = 15:30 UTC: still the last day
    withdraw_decision(session, STAFF, decision, "已变更", now=datetime(2026, 3, 10, 15, 30))
    assert not deadlines.withdrawal_late(decision, date(2026, 3, 30), CALENDAR)


@pytest.mark.parametrize(
    ("revoked_on", "message"),
    [
        (date(2026, 3, 12), "不能晚于今天"),
        (date(2026, 2, 1), "不能早于处罚决定日期"),
        (None, "请填写决定被撤销或变更的日期"),
    ],
)
def test_bad_revocation_dates_are_refused(session, revoked_on, message):
    decision = add_decision(unit_of("xinhua"), decided_on=date(2026, 2, 2))
    with pytest.raises(PublicationError, match=message):
        record_revocation(
            session,
            STAFF,
            decision,
            kind="revoked",
            revoked_on=revoked_on,
            reason="x",
            today=date(2026, 3, 11),
        )
    assert decision.revoked_on is None


# --- 依法不予公开 ----------------------------------------------------------------------------


def test_a_decision_withheld_by_law_is_never_published(session):
    decision = add_decision(unit_of("xinhua"), nondisclosure_reason="trade_secret")
    with pytest.raises(PublicationError, match="涉及商业秘密，依法不予公开"):
        publish_decision(session, STAFF, decision, may_review=True)
    scoped = select(PenaltyDecision)
    assert deadlines.publications_due(session, scoped, date(2030, 1, 1), CALENDAR) == []


def test_import_takes_the_confiscation_columns(app, runner, units, tmp_path):
    path = tmp_path / "decisions.csv"
    write_csv(
        path,
        [
            import_row(doc_no="没收1号", confiscated_income="10000", confiscated_property_value=""),
            import_row(doc_no="没收2号", confiscated_income="", confiscated_property_value="9999"),
        ],
    )
    result = runner.invoke(args=["decisions", "import", str(path)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        rows = dict(
            db.session.execute(select(PenaltyDecision.doc_no, PenaltyDecision.is_major)).all()
        )
    assert rows == {"没收1号": True, "没收2号": False}
    write_csv(path, [import_row(doc_no="没收3号", confiscated_income="很多")])
    result = runner.invoke(args=["decisions", "import", str(path)])
    assert result.exit_code == 1 and "没收违法所得金额应为数字" in result.output


def test_public_page_api_and_csv_show_the_confiscation(client, make_decision):
    made = make_decision(
        fine_amount="500", confiscated_income="1200", confiscated_property_value="800.5"
    )
    page = client.get(f"/decisions/{made.public_id}").get_data(as_text=True)
    assert "没收违法所得" in page and "1,200.00元" in page and "800.50元" in page
    data = client.get(f"/api/v1/decisions/{made.public_id}").get_json()
    assert data["confiscated_income"] == 1200.0 and data["confiscated_property_value"] == 800.5
    text = client.get("/decisions.csv").get_data(as_text=True)
    header, first = text.lstrip("\ufeff").splitlines()[:2]
    assert "confiscated_income" in header and "1200.00" in first and "800.50" in first


def test_a_revocation_dated_in_the_future_is_a_chinese_400(app, client, units, create_user, login):
    create_user("xinhua_staff", role="staff", unit_code="xinhua")
    login("xinhua_staff")
    with app.app_context():
        decision = add_decision(unit_of("xinhua"), decided_on=date(2026, 3, 10))
        db.session.commit()
        decision_id = decision.id
    response = client.post(
        f"/admin/decisions/{decision_id}/revocation",
        data={"kind": "revoked", "revoked_on": "2099-01-01", "reason": "复议决定撤销"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "撤销或变更的日期不能晚于今天" in page and "复议决定撤销" in page
    with app.app_context():
        assert db.session.get(PenaltyDecision, decision_id).revoked_on is None
