"""Which deadline a case shows in each state (rules of ``deadlines`` applied to stored dates)."""

from datetime import date, datetime

import pytest
from sqlalchemy import text

from portal.complaints.models import Complaint, ComplaintRating
from portal.complaints.schedule import (
    deadline_for,
    describe_remaining,
    refresh_due_on,
    staff_due_on,
    urgency,
)
from portal.core.calendar import WorkingCalendar
from portal.extensions import db


def case(state: str, **dates) -> Complaint:
    """A case with times given as naive UTC; 02:00 UTC is 10:00 in Shanghai (same date)."""
    return Complaint(state=state, extension_days=dates.pop("extension_days", 0), **dates)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 2, 0)


def test_each_state_shows_its_deadline():
    submitted, accepted, answered = date(2028, 1, 31), date(2028, 2, 10), date(2028, 1, 31)
    assert deadline_for(case("submitted", submitted_at=at(submitted)), submitted, None).due_on == (
        date(2028, 2, 15)
    )
    handling = case("in_progress", submitted_at=at(submitted), accepted_at=at(accepted))
    assert deadline_for(handling, accepted, None).due_on == date(2028, 4, 10)  # 2028 is leap
    handling.extension_days = 30
    deadline = deadline_for(handling, accepted, None)
    assert deadline.due_on == date(2028, 5, 10)
    assert deadline.basis == "自2028年2月10日受理之日起60日，经延期30日"
    waiting = case("answered", submitted_at=at(submitted), answered_at=at(answered))
    assert deadline_for(waiting, answered, None).due_on == date(2028, 3, 1)  # 31 Jan + 30
    assert staff_due_on(waiting, None) is None


def test_a_closed_case_keeps_the_re_handling_window_until_rated_satisfied():
    closed = case("closed", submitted_at=at(date(2026, 3, 1)), answered_at=at(date(2026, 3, 10)))
    assert deadline_for(closed, date(2026, 3, 20), None).label == "申请复查期限"
    assert deadline_for(closed, date(2026, 4, 10), None) is None  # the window has passed
    closed.ratings = [ComplaintRating(source="web", answer_round=1, level=4)]
    assert deadline_for(closed, date(2026, 3, 20), None) is None
    closed.ratings = [ComplaintRating(source="web", answer_round=1, level=2)]
    assert deadline_for(closed, date(2026, 3, 20), None).label == "申请复查期限"


def test_rejected_and_rehandled_cases():
    assert (
        deadline_for(case("rejected", submitted_at=at(date(2026, 3, 1))), date(2026, 3, 2), None)
        is None
    )
    rehandling = case(
        "rehandling",
        submitted_at=at(date(2026, 1, 1)),
        answered_at=at(date(2026, 1, 20)),
        rehandling_requested_at=at(date(2026, 1, 31)),
    )
    assert staff_due_on(rehandling, None) == date(2026, 3, 2)  # 31 Jan + 30 days


def test_a_due_date_on_a_holiday_moves_to_the_next_working_day():
    calendar = WorkingCalendar(
        holidays=[date(2026, 10, d) for d in range(1, 9)], makeup_workdays=[]
    )
    submitted = case("submitted", submitted_at=at(date(2026, 9, 17)))  # + 15 = 2 October
    deadline = deadline_for(submitted, date(2026, 9, 18), calendar)
    assert deadline.due_on == date(2026, 10, 9)
    assert "顺延至2026年10月9日" in deadline.basis


@pytest.mark.parametrize(
    ("due_on", "level", "text"),
    [(date(2026, 3, 1), "overdue", "已超期4天"), (date(2026, 3, 5), "soon", "今天到期"),
     (date(2026, 3, 8), "soon", "还剩3天"), (date(2026, 3, 9), "", "还剩4天")],
)  # fmt: skip
def test_urgency_and_remaining_days(due_on, level, text):
    today = date(2026, 3, 5)
    assert urgency(due_on, today) == level
    closed = case("submitted", submitted_at=at(date(2026, 2, 1)))
    deadline = deadline_for(closed, today, None)
    assert describe_remaining(deadline.__class__(deadline.label, due_on, ""), today) == text


def test_database_errors_never_carry_the_values(app_context):
    with pytest.raises(Exception) as raised:
        db.session.execute(
            text("INSERT INTO no_such_table VALUES (:phone)"), {"phone": "13698765432"}
        )
    db.session.rollback()
    assert "13698765432" not in str(raised.value)


def test_answer_deadline_and_on_time_are_stored_for_statistics():
    accepted = date(2028, 2, 10)  # answer due 60 days later: 10 April (2028 is leap)
    handling = case("in_progress", submitted_at=at(accepted), accepted_at=at(accepted))
    refresh_due_on(handling, None)
    assert (handling.answer_due_on, handling.answered_on_time) == (date(2028, 4, 10), None)

    handling.state, handling.answered_at = "answered", datetime(2028, 4, 10, 15, 59)  # 23:59
    refresh_due_on(handling, None)
    assert handling.answered_on_time is True

    handling.answered_at = datetime(2028, 4, 10, 16, 0)  # 00:00 on 11 April in Shanghai
    refresh_due_on(handling, None)
    assert handling.answered_on_time is False

    handling.extension_days = 15  # an extension moves the deadline the answer is judged by
    refresh_due_on(handling, None)
    assert (handling.answer_due_on, handling.answered_on_time) == (date(2028, 4, 25), True)

    submitted = case("submitted", submitted_at=at(accepted))
    refresh_due_on(submitted, None)
    assert (submitted.answer_due_on, submitted.answered_on_time) == (None, None)
