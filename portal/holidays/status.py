"""What the calendar knows, and which open deadlines rest on days it only computed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from portal.complaints.deadlines import FINAL_STATES
from portal.complaints.models import Complaint
from portal.core.calendar import WorkingCalendar
from portal.core.calendar_store import first_provisional_day
from portal.core.publication import DRAFT, REVIEW
from portal.disclosure.decisions.models import PenaltyDecision


@dataclass(frozen=True)
class ProvisionalDeadlines:
    complaints: int
    decisions: int
    #: from this day on, due dates are computed from the law, not from a notice
    from_day: date | None

    @property
    def count(self) -> int:
        return self.complaints + self.decisions


def provisional_deadlines(
    session, calendar: WorkingCalendar, today: date, scoped_complaints=None, scoped_decisions=None
) -> ProvisionalDeadlines:
    """Open deadlines (a complaint's next step, an unpublished decision's publication) that
    fall on or after the first provisional day."""
    from_day = first_provisional_day(calendar, today)
    if from_day is None:
        return ProvisionalDeadlines(0, 0, None)
    complaints = scoped_complaints if scoped_complaints is not None else select(Complaint)
    decisions = scoped_decisions if scoped_decisions is not None else select(PenaltyDecision)
    complaint_count = session.scalar(
        complaints.with_only_columns(func.count(Complaint.id)).where(
            Complaint.state.not_in(tuple(FINAL_STATES)), Complaint.due_on >= from_day
        )
    )
    decision_count = session.scalar(
        decisions.with_only_columns(func.count(PenaltyDecision.id)).where(
            PenaltyDecision.status.in_((DRAFT, REVIEW)),
            PenaltyDecision.party_is_minor.is_(False),
            PenaltyDecision.publication_due_on >= from_day,
        )
    )
    return ProvisionalDeadlines(complaint_count or 0, decision_count or 0, from_day)
