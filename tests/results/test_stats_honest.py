"""Honest public figures: what is late counts as late even when nothing happened.

Each test builds a few records, computes the report with "today" passed in, and checks one
figure at its edge. 2025 dates only: the holiday table covers the year.
"""

import itertools
from datetime import date, datetime

import pytest
from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.complaints.models import Complaint, ComplaintEvent, ComplaintRating
from portal.core.calendar import load_calendar
from portal.core.models import utcnow
from portal.disclosure.decisions.services import (
    publish_decision,
    record_revocation,
    withdraw_decision,
)
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.org.models import Unit
from portal.results.stats.queries import UnitRef, compute_report
from tests.factories import add_decision

CALENDAR = load_calendar(None)
_numbers = itertools.count(1)


@pytest.fixture
def xinhua(app_context):
    load_demo_units(db.session)
    db.session.commit()
    return db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()


def report(year: int, today: date, unit=None):
    db.session.flush()
    units = [
        UnitRef(u.id, u.code, u.name, u.short_name)
        for u in db.session.scalars(select(Unit).order_by(Unit.id))
    ]
    return compute_report(
        db.session, year, unit, units, today, utcnow(), calendar=CALENDAR, filing_days=15
    )


def complaint(unit, submitted_at, **fields) -> Complaint:
    item = Complaint(
        tracking_no=f"2025111100{next(_numbers):06d}",
        query_code_hash="x",
        kind="complaint",
        channel="web",
        handling_unit_id=unit.id,
        subject_unit_id=unit.id,
        description="测试",
        submitted_at=submitted_at,
        contact_name=fields.pop("contact_name", "测试人"),
        contact_phone=fields.pop("contact_phone", "13800000000"),
        **fields,
    )
    db.session.add(item)
    return item


# --- decisions --------------------------------------------------------------------------------


def test_a_never_published_past_due_decision_counts_as_late(xinhua):
    add_decision(xinhua, decided_on=date(2025, 3, 3))  # due Wednesday 12 March, never published
    on_the_day = report(2025, date(2025, 3, 12)).city
    assert (on_the_day.decisions_due, on_the_day.publication_on_time_rate) == (0, None)
    city = report(2025, date(2025, 3, 13)).city
    assert city.decisions_due == 1 and city.decisions_on_time == 0
    assert city.decisions_unpublished_late == 1 and city.publication_on_time_rate == 0.0
    assert city.decisions_overdue_now == 1
    # ... and it still counts a year later, in 2025's figures and in today's
    later = report(2025, date(2026, 6, 1))
    assert later.city.decisions_late == 1 and later.city.decisions_overdue_now == 1
    march = dict(later.months)["2025-03"]
    assert march.decisions_due == 1 and march.decisions_overdue_now == 0  # a figure of today


def test_publication_on_the_last_day_is_on_time_the_day_after_late(xinhua):
    on_time = add_decision(xinhua, decided_on=date(2025, 3, 3))
    late = add_decision(xinhua, decided_on=date(2025, 3, 3))
    # 12 March 23:30 and 13 March 00:30 in Shanghai
    publish_decision(
        db.session, CLI_ACTOR, on_time, may_review=True, now=datetime(2025, 3, 12, 15, 30)
    )
    publish_decision(
        db.session, CLI_ACTOR, late, may_review=True, now=datetime(2025, 3, 12, 16, 30)
    )
    city = report(2025, date(2025, 12, 31)).city
    assert (city.decisions_due, city.decisions_on_time, city.decisions_late) == (2, 1, 1)
    assert city.decisions_unpublished_late == 0 and city.publication_on_time_rate == 50.0


def test_exempt_decisions_are_counted_by_category_and_never_listed(app, xinhua):
    add_decision(xinhua, decided_on=date(2025, 5, 6), party_is_minor=True, doc_no="未成年1号")
    add_decision(
        xinhua, decided_on=date(2025, 5, 7), nondisclosure_reason="trade_secret", doc_no="商密1号"
    )
    add_decision(xinhua, decided_on=date(2025, 6, 7), nondisclosure_reason="privacy")
    db.session.commit()
    result = report(2025, date(2025, 12, 31))
    city = result.city
    assert (city.exempt_minor, city.exempt_trade_secret, city.exempt_privacy) == (1, 1, 1)
    assert city.exempt_total == 3 and city.exempt_state_secret == 0
    assert dict(result.months)["2025-05"].exempt_total == 2
    # exempt decisions are not due for publication: never late, never in the rate
    assert city.decisions_due == 0 and city.decisions_overdue_now == 0
    client = app.test_client()
    for url in ("/decisions/?year=2025", "/decisions.json", "/decisions.csv", "/stats/?year=2025"):
        text = client.get(url).get_data(as_text=True)
        assert "未成年1号" not in text and "商密1号" not in text


def test_late_withdrawals_count_from_the_revocation_date(xinhua):
    late, on_time, pending = (add_decision(xinhua, decided_on=date(2025, 2, 3)) for _ in range(3))
    for decision in (late, on_time, pending):
        publish_decision(db.session, CLI_ACTOR, decision, may_review=True, now=datetime(2025, 2, 5))
        # revoked Wednesday 5 March (due Monday 10 March), recorded on 7 March
        record_revocation(
            db.session,
            CLI_ACTOR,
            decision,
            kind="revoked",
            revoked_on=date(2025, 3, 5),
            reason="复议撤销",
            today=date(2025, 3, 7),
        )
    withdraw_decision(db.session, CLI_ACTOR, late, "撤销", now=datetime(2025, 3, 11, 2))
    withdraw_decision(db.session, CLI_ACTOR, on_time, "撤销", now=datetime(2025, 3, 10, 2))
    assert report(2025, date(2025, 3, 10)).city.late_withdrawals == 1  # pending: not yet late
    result = report(2025, date(2025, 3, 11))
    assert result.city.late_withdrawals == 2  # the late one and the one still public
    assert dict(result.months)["2025-03"].late_withdrawals == 2


def test_late_filings_on_the_day_after_the_deadline(xinhua):
    late, on_time, missing = (
        add_decision(xinhua, decided_on=date(2025, 3, 3), fine_amount="20000") for _ in range(3)
    )
    assert late.is_major
    late.filed_on, on_time.filed_on = date(2025, 3, 19), date(2025, 3, 18)  # due Tue 18 March
    assert report(2025, date(2025, 3, 18)).city.late_filings == 1
    assert report(2025, date(2025, 3, 19)).city.late_filings == 2
    assert missing.filed_on is None


# --- complaints -------------------------------------------------------------------------------


def test_an_open_complaint_from_last_year_counts_in_overdue_now(xinhua):
    complaint(
        xinhua,
        datetime(2024, 12, 20, 2),
        state="accepted",
        accepted_at=datetime(2024, 12, 21, 2),
        due_on=date(2025, 2, 18),
    )
    assert report(2025, date(2025, 2, 18)).city.overdue_now == 0
    this_year = report(2025, date(2025, 2, 19))
    assert this_year.city.overdue_now == 1
    assert dict((ref.code, f) for ref, f in this_year.units)["xinhua"].overdue_now == 1
    assert all(figures.overdue_now == 0 for _, figures in this_year.months)
    assert report(2024, date(2025, 2, 19)).city.overdue_now == 1


def test_late_acceptance_across_a_holiday(xinhua):
    # submitted 16 September 2025: + 15 days = 1 October (National Day, off until 8 October)
    # so acceptance is due Thursday 9 October
    for accepted_at in (datetime(2025, 10, 9, 8), datetime(2025, 10, 10, 1)):
        complaint(xinhua, datetime(2025, 9, 16, 2), state="accepted", accepted_at=accepted_at)
    complaint(xinhua, datetime(2025, 9, 16, 2))  # never accepted
    assert report(2025, date(2025, 10, 9)).city.late_acceptances == 1
    result = report(2025, date(2025, 10, 10))
    assert result.city.late_acceptances == 2
    assert dict(result.months)["2025-10"].late_acceptances == 2


def test_late_rehandling_answers(xinhua):
    # asked for 复查 on Sunday 2 March 2025: due Tuesday 1 April
    fields = {"accepted_at": datetime(2025, 1, 2), "answered_at": datetime(2025, 2, 1)}
    asked = datetime(2025, 3, 2, 2)
    complaint(
        xinhua,
        datetime(2025, 1, 1),
        state="closed",
        rehandling_requested_at=asked,
        rehandling_answered_at=datetime(2025, 4, 1, 8),
        **fields,
    )
    complaint(
        xinhua,
        datetime(2025, 1, 1),
        state="closed",
        rehandling_requested_at=asked,
        rehandling_answered_at=datetime(2025, 4, 2, 1),
        **fields,
    )
    complaint(
        xinhua, datetime(2025, 1, 1), state="rehandling", rehandling_requested_at=asked, **fields
    )
    assert report(2025, date(2025, 4, 1)).city.late_rehandling_answers == 1
    assert report(2025, date(2025, 4, 2)).city.late_rehandling_answers == 2


def test_unanswered_past_the_answer_deadline_is_a_late_answer(xinhua):
    complaint(
        xinhua,
        datetime(2025, 1, 1),
        state="in_progress",
        accepted_at=datetime(2025, 1, 2),
        answer_due_on=date(2025, 3, 3),
        due_on=date(2025, 3, 3),
    )
    complaint(
        xinhua,
        datetime(2025, 1, 1),
        state="answered",
        accepted_at=datetime(2025, 1, 2),
        answered_at=datetime(2025, 3, 4, 2),
        answer_due_on=date(2025, 3, 3),
        answered_on_time=False,
    )
    assert report(2025, date(2025, 3, 3)).city.late_answers == 1
    result = report(2025, date(2025, 3, 4))
    assert result.city.late_answers == 2 and dict(result.months)["2025-03"].late_answers == 2


def test_a_name_with_only_an_email_is_not_real_name(xinhua):
    by_phone = complaint(xinhua, datetime(2025, 1, 1), state="answered")
    by_mail = complaint(
        xinhua, datetime(2025, 1, 1), state="answered", contact_phone="", contact_email="a@b.cn"
    )
    for item in (by_phone, by_mail):
        db.session.add(
            ComplaintRating(complaint=item, level=1, rated_at=datetime(2025, 2, 1), source="web")
        )
    db.session.add(
        ComplaintEvent(
            complaint=by_phone,
            at=datetime(2025, 2, 2),
            action="followed_up",
            state_after="answered",
        )
    )
    city = report(2025, date(2025, 12, 31)).city
    assert city.dissatisfied == 2
    assert (city.callback_due, city.called_back, city.callback_rate) == (1, 1, 100.0)
