"""Complaint deadlines, in calendar days (信访工作条例, 2022).

- accept or reject within 15 days of submission (收到之日起15日内);
- answer within 60 days of acceptance (受理之日起60日内), extendable once by at most 30 days
  with a recorded reason told to the person;
- a 复查 request (to the organ one level up, 第35条) may be made within 30 days of the written
  answer, and is answered within 30 days of the request; the 复核 that may follow (第36条) is
  outside the portal. (In code the 复查 is still called "rehandling".)

How "within N days" is counted: the day of the event is not counted and day 1 is the next day,
so the last day is ``event date + N days``, and the period runs until 24:00 of that day. This is
the general rule for periods:

    民法典 第二百零一条: 按照年、月、日计算期间的, 开始的当日不计入, 自下一日开始计算。
    民法典 第二百零三条: 期间的最后一日的截止时间为二十四时。

Procedural law and administrative practice count the same way. E.g. submitted on 1 March, the
15 days are 2-16 March: due 16 March.

The same rule says that when the last day is a statutory holiday (法定休假日) the period ends
on the day after the holiday ends (民法典 第二百零三条). That needs the holiday list, so it applies
only when a ``calendar`` is passed: a due date on a non-working day (weekend or holiday, but
not a 调休 make-up working day) moves to the next working day. Holidays in the middle of a
period never lengthen it. An extension is added to the 60 days before that adjustment.

All dates are Asia/Shanghai dates; converting timestamps is the caller's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from portal.core.calendar import WorkingCalendar
from portal.core.deadline_rules import RULES

# the periods of 信访工作条例, from the one registry the calculator on /calendar shows
ACCEPTANCE_DAYS = RULES["complaint_acceptance"].default_days
ANSWER_DAYS = RULES["complaint_answer"].default_days
MAX_EXTENSION_DAYS = RULES["extension"].default_days - ANSWER_DAYS
REHANDLING_REQUEST_DAYS = RULES["review_request"].default_days
REHANDLING_ANSWER_DAYS = RULES["review_answer"].default_days

ACCEPTANCE_LABEL = "受理期限"
ANSWER_LABEL = "办理答复期限"
REHANDLING_REQUEST_LABEL = "申请复查期限"
REHANDLING_ANSWER_LABEL = "复查答复期限"

#: Workflow states, as stored on the complaint.
STATES = ("submitted", "accepted", "in_progress", "answered", "rehandling", "closed", "rejected")
FINAL_STATES = frozenset({"closed", "rejected"})


@dataclass(frozen=True)
class Deadline:
    #: What is due, for people: "受理期限", "办理答复期限", ...
    label: str
    #: The last day of the period; the deadline is met on this day until 24:00.
    due_on: date
    #: How ``due_on`` was computed, in one Chinese sentence shown to staff and the person.
    basis: str
    #: the event the period runs from (not counted itself), and its length with any extension
    started_on: date | None = field(default=None, compare=False)
    days: int = field(default=0, compare=False)

    def clock(self, today: date) -> str:
        """ "第 N 天 / 共 60 天" for the stage's clock on the status page."""
        if self.started_on is None or not self.days:
            return ""
        return f"第 {max(0, (today - self.started_on).days)} 天 / 共 {self.days} 天"


def days_remaining(deadline: Deadline, today: date) -> int:
    """Days left until ``due_on``: 0 on the last day, negative once overdue."""
    return (deadline.due_on - today).days


def is_overdue(deadline: Deadline, today: date) -> bool:
    return today > deadline.due_on


def is_due_soon(deadline: Deadline, today: date, within: int = 3) -> bool:
    """Not overdue yet, and due in at most ``within`` days (today counts as 0)."""
    return 0 <= days_remaining(deadline, today) <= within


def acceptance_due_on(submitted_on: date, calendar: WorkingCalendar | None = None) -> date:
    return _period_end(submitted_on, ACCEPTANCE_DAYS, calendar)


def answer_due_on(
    accepted_on: date, extension_days: int = 0, calendar: WorkingCalendar | None = None
) -> date:
    """60 days from acceptance, plus an extension of 0-30 days; other values raise ValueError."""
    _check_extension(extension_days)
    return _period_end(accepted_on, ANSWER_DAYS + extension_days, calendar)


def rehandling_request_until(answered_on: date, calendar: WorkingCalendar | None = None) -> date:
    """The last day on which the person may still ask for re-handling."""
    return _period_end(answered_on, REHANDLING_REQUEST_DAYS, calendar)


def rehandling_answer_due_on(requested_on: date, calendar: WorkingCalendar | None = None) -> date:
    return _period_end(requested_on, REHANDLING_ANSWER_DAYS, calendar)


def acceptance_deadline(submitted_on: date, calendar: WorkingCalendar | None = None) -> Deadline:
    return _deadline(ACCEPTANCE_LABEL, submitted_on, "提交", ACCEPTANCE_DAYS, calendar)


def answer_deadline(
    accepted_on: date, extension_days: int = 0, calendar: WorkingCalendar | None = None
) -> Deadline:
    _check_extension(extension_days)
    return _deadline(ANSWER_LABEL, accepted_on, "受理", ANSWER_DAYS, calendar, extension_days)


def rehandling_request_deadline(
    answered_on: date, calendar: WorkingCalendar | None = None
) -> Deadline:
    return _deadline(
        REHANDLING_REQUEST_LABEL, answered_on, "答复", REHANDLING_REQUEST_DAYS, calendar
    )


def rehandling_answer_deadline(
    requested_on: date, calendar: WorkingCalendar | None = None
) -> Deadline:
    return _deadline(
        REHANDLING_ANSWER_LABEL, requested_on, "提出复查申请", REHANDLING_ANSWER_DAYS, calendar
    )


def current_deadline(
    state: str,
    submitted_on: date | None = None,
    accepted_on: date | None = None,
    answered_on: date | None = None,
    extension_days: int = 0,
    rehandling_requested_on: date | None = None,
    *,
    calendar: WorkingCalendar | None = None,
) -> Deadline | None:
    """The deadline running in ``state``, or None in a final state.

    "submitted" → acceptance; "accepted" and "in_progress" → answer (with the extension);
    "answered" → the window for asking for re-handling; "rehandling" → the re-handling answer;
    "closed" and "rejected" → None. Raises ValueError for an unknown state or when the date
    that state needs is missing.
    """
    if state not in STATES:
        raise ValueError(f"unknown complaint state {state!r}")
    if state in FINAL_STATES:
        return None
    if state == "submitted":
        return acceptance_deadline(_required(submitted_on, "submitted_on", state), calendar)
    if state in ("accepted", "in_progress"):
        return answer_deadline(
            _required(accepted_on, "accepted_on", state), extension_days or 0, calendar
        )
    if state == "answered":
        return rehandling_request_deadline(_required(answered_on, "answered_on", state), calendar)
    return rehandling_answer_deadline(
        _required(rehandling_requested_on, "rehandling_requested_on", state), calendar
    )


def _period_end(event_on: date, days: int, calendar: WorkingCalendar | None) -> date:
    # The event day is not counted, so the N-th day after it is the last one.
    due_on = event_on + timedelta(days=days)
    if calendar is not None:
        due_on = calendar.first_working_day_on_or_after(due_on)
    return due_on


def _deadline(
    label: str,
    event_on: date,
    event: str,
    days: int,
    calendar: WorkingCalendar | None,
    extension_days: int = 0,
) -> Deadline:
    unadjusted_on = _period_end(event_on, days + extension_days, None)
    due_on = _period_end(event_on, days + extension_days, calendar)
    basis = f"自{_chinese_date(event_on)}{event}之日起{days}日"
    if extension_days:
        basis += f"，经延期{extension_days}日"
    if due_on != unadjusted_on:
        # 民法典 第二百零三条 speaks of 法定休假日, which covers weekends as well as holidays.
        basis += (
            f"，期满日{_chinese_date(unadjusted_on)}为法定休假日，顺延至{_chinese_date(due_on)}"
        )
    return Deadline(
        label=label,
        due_on=due_on,
        basis=basis,
        started_on=event_on,
        days=days + extension_days,
    )


def _check_extension(extension_days: int) -> None:
    if not 0 <= extension_days <= MAX_EXTENSION_DAYS:
        raise ValueError(
            f"extension_days must be between 0 and {MAX_EXTENSION_DAYS}, got {extension_days}"
        )


def _required(value: date | None, name: str, state: str) -> date:
    if value is None:
        raise ValueError(f"state {state!r} needs {name}")
    return value


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
