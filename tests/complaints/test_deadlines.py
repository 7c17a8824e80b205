from datetime import date

import pytest

from portal.complaints.deadlines import (
    ACCEPTANCE_LABEL,
    ANSWER_LABEL,
    REHANDLING_ANSWER_LABEL,
    REHANDLING_REQUEST_LABEL,
    Deadline,
    acceptance_due_on,
    answer_deadline,
    answer_due_on,
    current_deadline,
    days_remaining,
    is_due_soon,
    is_overdue,
    rehandling_answer_due_on,
    rehandling_request_until,
)
from portal.core.calendar import load_calendar


@pytest.fixture(scope="module")
def calendar():
    return load_calendar(None)


def test_the_event_day_is_not_counted():
    # Submitted 1 March: the 15 days are 2-16 March.
    assert acceptance_due_on(date(2026, 3, 1)) == date(2026, 3, 16)


@pytest.mark.parametrize(
    ("function", "event_on", "due_on"),
    [
        # Month ends.
        (rehandling_request_until, date(2026, 1, 31), date(2026, 3, 2)),
        (rehandling_answer_due_on, date(2026, 1, 31), date(2026, 3, 2)),
        (answer_due_on, date(2026, 1, 31), date(2026, 4, 1)),
        (acceptance_due_on, date(2026, 4, 30), date(2026, 5, 15)),
        # Year boundary.
        (acceptance_due_on, date(2026, 12, 31), date(2027, 1, 15)),
        (answer_due_on, date(2026, 12, 31), date(2027, 3, 1)),
        (rehandling_request_until, date(2026, 12, 20), date(2027, 1, 19)),
        # Leap years: 2028 has 29 February.
        (acceptance_due_on, date(2028, 2, 14), date(2028, 2, 29)),
        (acceptance_due_on, date(2028, 2, 15), date(2028, 3, 1)),
        (rehandling_request_until, date(2028, 1, 31), date(2028, 3, 1)),
        (rehandling_answer_due_on, date(2028, 2, 29), date(2028, 3, 30)),
        (answer_due_on, date(2028, 2, 29), date(2028, 4, 29)),
        (answer_due_on, date(2027, 12, 31), date(2028, 2, 29)),
    ],
)
def test_calendar_day_periods(function, event_on, due_on):
    assert function(event_on) == due_on


def test_extension_lengthens_the_answer_period():
    accepted_on = date(2026, 1, 31)
    assert answer_due_on(accepted_on, extension_days=0) == date(2026, 4, 1)
    assert answer_due_on(accepted_on, extension_days=30) == date(2026, 5, 1)


@pytest.mark.parametrize("extension_days", [-1, 31, 60])
def test_extension_out_of_range_is_refused(extension_days):
    with pytest.raises(ValueError, match="extension_days"):
        answer_due_on(date(2026, 1, 31), extension_days=extension_days)
    with pytest.raises(ValueError, match="extension_days"):
        answer_deadline(date(2026, 1, 31), extension_days=extension_days)


def test_deadline_explains_itself():
    deadline = answer_deadline(date(2026, 1, 31), extension_days=30)
    assert deadline == Deadline(
        label="办理答复期限",
        due_on=date(2026, 5, 1),
        basis="自2026年1月31日受理之日起60日，经延期30日",
    )


def test_a_due_date_on_a_holiday_moves_past_it(calendar):
    # 60 days after 2 August 2026 is 1 October (国庆, 1-7 October off): due 8 October.
    deadline = answer_deadline(date(2026, 8, 2), calendar=calendar)
    assert deadline.due_on == date(2026, 10, 8)
    assert deadline.basis == (
        "自2026年8月2日受理之日起60日，期满日2026年10月1日为法定休假日，顺延至2026年10月8日"
    )
    assert answer_due_on(date(2026, 8, 2)) == date(2026, 10, 1)


def test_a_due_date_on_a_weekend_moves_to_monday(calendar):
    # Submitted Saturday 7 March 2026; 15 days later is Sunday 22 March.
    assert acceptance_due_on(date(2026, 3, 7)) == date(2026, 3, 22)
    assert acceptance_due_on(date(2026, 3, 7), calendar=calendar) == date(2026, 3, 23)


def test_a_due_date_on_a_makeup_working_day_stays(calendar):
    # 10 October 2026 is a Saturday worked in exchange for 国庆.
    assert rehandling_request_until(date(2026, 9, 10), calendar=calendar) == date(2026, 10, 10)


def test_holidays_inside_the_period_do_not_lengthen_it(calendar):
    # 春节 2026 (15-23 February) lies inside these 15 days; the last day is a working day.
    assert acceptance_due_on(date(2026, 2, 12), calendar=calendar) == date(2026, 2, 27)


def test_extension_is_added_before_moving_past_a_holiday(calendar):
    # 60 + 30 days after 3 July 2026 is 1 October; the holiday moves it to 8 October.
    assert answer_due_on(date(2026, 7, 3), extension_days=30, calendar=calendar) == date(
        2026, 10, 8
    )


@pytest.mark.parametrize(
    ("today", "remaining", "overdue", "due_soon"),
    [
        (date(2026, 3, 10), 6, False, False),
        (date(2026, 3, 13), 3, False, True),
        (date(2026, 3, 16), 0, False, True),
        (date(2026, 3, 17), -1, True, False),
        (date(2026, 4, 16), -31, True, False),
    ],
)
def test_days_remaining(today, remaining, overdue, due_soon):
    deadline = Deadline(label=ACCEPTANCE_LABEL, due_on=date(2026, 3, 16), basis="")
    assert days_remaining(deadline, today) == remaining
    assert is_overdue(deadline, today) is overdue
    assert is_due_soon(deadline, today) is due_soon


def test_due_soon_window_is_configurable():
    deadline = Deadline(label=ACCEPTANCE_LABEL, due_on=date(2026, 3, 16), basis="")
    assert not is_due_soon(deadline, date(2026, 3, 9))
    assert is_due_soon(deadline, date(2026, 3, 9), within=7)


DATES = {
    "submitted_on": date(2026, 1, 5),
    "accepted_on": date(2026, 1, 12),
    "answered_on": date(2026, 2, 10),
    "extension_days": 10,
    "rehandling_requested_on": date(2026, 2, 20),
}


@pytest.mark.parametrize(
    ("state", "label", "due_on", "basis"),
    [
        ("submitted", ACCEPTANCE_LABEL, date(2026, 1, 20), "自2026年1月5日提交之日起15日"),
        (
            "accepted",
            ANSWER_LABEL,
            date(2026, 3, 23),
            "自2026年1月12日受理之日起60日，经延期10日",
        ),
        (
            "in_progress",
            ANSWER_LABEL,
            date(2026, 3, 23),
            "自2026年1月12日受理之日起60日，经延期10日",
        ),
        ("answered", REHANDLING_REQUEST_LABEL, date(2026, 3, 12), "自2026年2月10日答复之日起30日"),
        (
            "rehandling",
            REHANDLING_ANSWER_LABEL,
            date(2026, 3, 22),
            "自2026年2月20日提出复查申请之日起30日",
        ),
    ],
)
def test_current_deadline_per_state(state, label, due_on, basis):
    assert current_deadline(state, **DATES) == Deadline(label=label, due_on=due_on, basis=basis)


def test_current_deadline_applies_the_calendar(calendar):
    # 22 March 2026 is a Sunday.
    deadline = current_deadline("rehandling", **DATES, calendar=calendar)
    assert deadline.due_on == date(2026, 3, 23)


@pytest.mark.parametrize("state", ["closed", "rejected"])
def test_final_states_have_no_deadline(state):
    assert current_deadline(state, **DATES) is None


def test_current_deadline_accepts_positional_dates():
    deadline = current_deadline("accepted", date(2026, 1, 5), date(2026, 1, 12), None, 0, None)
    assert deadline.due_on == date(2026, 3, 13)


def test_current_deadline_needs_the_date_of_its_state():
    with pytest.raises(ValueError, match="accepted_on"):
        current_deadline("in_progress", submitted_on=date(2026, 1, 5))


def test_current_deadline_refuses_unknown_states():
    with pytest.raises(ValueError, match="unknown"):
        current_deadline("lost", **DATES)
