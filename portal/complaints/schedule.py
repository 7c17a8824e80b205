"""Which deadline applies to a complaint now, from its stored dates (rules in ``deadlines``).

Two views of the same rules:

- ``deadline_for(complaint)`` — what the person sees on /track: the deadline running now,
  including the window for asking for re-handling after an answer. A case closed early keeps
  that window: closing never takes away the 30 days the person has to ask for 复查.
- ``staff_due_on(complaint)`` — the day staff must act by, stored in ``Complaint.due_on`` so
  the queue can filter and sort on it: acceptance, answer (with the extension) or re-handling
  answer; None when the next move is the person's or the case is over.
"""

from datetime import date, datetime

from portal.complaints import deadlines
from portal.complaints.deadlines import Deadline
from portal.complaints.models import Complaint
from portal.core.calendar import WorkingCalendar
from portal.core.calendar_store import current_calendar
from portal.core.models import to_local

_STAFF_STATES = ("submitted", "accepted", "in_progress", "rehandling")


def local_date(moment: datetime | None) -> date | None:
    return to_local(moment).date() if moment is not None else None


def complaint_calendar() -> WorkingCalendar:
    """The app's working-day calendar: imported notices, ``HOLIDAYS_FILE``, computed years."""
    return current_calendar()


def rehandling_used(complaint: Complaint) -> bool:
    return complaint.rehandling_requested_at is not None


def rehandling_request_deadline(
    complaint: Complaint, calendar: WorkingCalendar | None
) -> Deadline | None:
    """The window for asking for re-handling, or None once asked or before any answer."""
    if complaint.answered_at is None or rehandling_used(complaint):
        return None
    return deadlines.rehandling_request_deadline(local_date(complaint.answered_at), calendar)


def rated_satisfied(complaint: Complaint) -> bool:
    """The person rated the first answer 基本满意 or better: nothing is left to ask for."""
    return any(
        rating.source == "web" and rating.answer_round == 1 and not rating.is_dissatisfied
        for rating in complaint.ratings
    )


def rehandling_window_open(
    complaint: Complaint, today: date, calendar: WorkingCalendar | None
) -> bool:
    if complaint.state not in ("answered", "closed") or rated_satisfied(complaint):
        return False
    window = rehandling_request_deadline(complaint, calendar)
    return window is not None and not deadlines.is_overdue(window, today)


def deadline_for(
    complaint: Complaint, today: date, calendar: WorkingCalendar | None
) -> Deadline | None:
    """The deadline the person is shown now (see the module docstring)."""
    state = complaint.state
    if state in _STAFF_STATES:
        return _staff_deadline(complaint, calendar)
    if state == "answered":
        return rehandling_request_deadline(complaint, calendar)
    if state == "closed" and rehandling_window_open(complaint, today, calendar):
        return rehandling_request_deadline(complaint, calendar)
    return None


def staff_due_on(complaint: Complaint, calendar: WorkingCalendar | None) -> date | None:
    if complaint.state not in _STAFF_STATES:
        return None
    return _staff_deadline(complaint, calendar).due_on


def refresh_due_on(complaint: Complaint, calendar: WorkingCalendar | None) -> None:
    """Store the deadlines the queue and the statistics query: ``due_on`` (what staff must
    do next), ``answer_due_on`` and ``answered_on_time``."""
    complaint.due_on = staff_due_on(complaint, calendar)
    complaint.answer_due_on = answer_due_on(complaint, calendar)
    complaint.answered_on_time = (
        local_date(complaint.answered_at) <= complaint.answer_due_on
        if complaint.answered_at is not None and complaint.answer_due_on is not None
        else None
    )


def answer_due_on(complaint: Complaint, calendar: WorkingCalendar | None) -> date | None:
    """The last day for the first answer (with the extension), or None before acceptance."""
    if complaint.accepted_at is None:
        return None
    return deadlines.answer_due_on(
        local_date(complaint.accepted_at), complaint.extension_days or 0, calendar
    )


def _staff_deadline(complaint: Complaint, calendar: WorkingCalendar | None) -> Deadline:
    return deadlines.current_deadline(
        complaint.state,
        submitted_on=local_date(complaint.submitted_at),
        accepted_on=local_date(complaint.accepted_at),
        answered_on=local_date(complaint.answered_at),
        extension_days=complaint.extension_days or 0,
        rehandling_requested_on=local_date(complaint.rehandling_requested_at),
        calendar=calendar,
    )


def urgency(due_on: date | None, today: date) -> str:
    """``overdue``, ``soon`` (within 3 days) or "" — the queue's highlight."""
    if due_on is None:
        return ""
    remaining = (due_on - today).days
    if remaining < 0:
        return "overdue"
    if remaining <= 3:
        return "soon"
    return ""


def describe_remaining(deadline: Deadline, today: date) -> str:
    """ "还剩5天", "今天到期", "已超期2天"."""
    remaining = deadlines.days_remaining(deadline, today)
    if remaining > 0:
        return f"还剩{remaining}天"
    if remaining == 0:
        return "今天到期"
    return f"已超期{-remaining}天"
