"""What the back office must do next, and by when: decisions due or late for publication,
withdrawals due after a revocation, 重大 decisions waiting for review, 备案 due or late.

Each list takes the caller's unit-scoped select (``scoped_select(PenaltyDecision)``) and is
capped, so a neglected backlog never makes the page slow; nothing counts the table.
"""

from dataclasses import dataclass
from datetime import date

from portal.core.calendar import WorkingCalendar
from portal.core.models import to_local
from portal.core.publication import DRAFT, PUBLISHED, REVIEW
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.rules import filing_due_on, withdrawal_due_on

LIST_LIMIT = 500


@dataclass(frozen=True)
class DueItem:
    decision: PenaltyDecision
    due_on: date
    #: working days left until ``due_on`` (0 on the day itself); negative when late
    working_days_left: int

    @property
    def is_late(self) -> bool:
        return self.working_days_left < 0


def _days_left(today: date, due_on: date, calendar: WorkingCalendar) -> int:
    if due_on >= today:
        return calendar.working_days_between(today, due_on)
    return -max(1, calendar.working_days_between(due_on, today))


def publications_due(session, scoped, today: date, calendar: WorkingCalendar) -> list[DueItem]:
    """Unpublished decisions that must be published, earliest deadline first."""
    decisions = session.scalars(
        scoped.where(
            PenaltyDecision.status.in_((DRAFT, REVIEW)),
            PenaltyDecision.party_is_minor.is_(False),
            PenaltyDecision.nondisclosure_reason == "",
            PenaltyDecision.revoked_on.is_(None),
        )
        .order_by(PenaltyDecision.publication_due_on, PenaltyDecision.id)
        .limit(LIST_LIMIT)
    ).all()
    return [
        DueItem(
            decision,
            decision.publication_due_on,
            _days_left(today, decision.publication_due_on, calendar),
        )
        for decision in decisions
    ]


def published_late(decision: PenaltyDecision) -> bool | None:
    """Whether the first publication came after the due date (None: not published yet)."""
    if decision.first_published_at is None:
        return None
    return to_local(decision.first_published_at).date() > decision.publication_due_on


def withdrawal_due_of(decision: PenaltyDecision, calendar: WorkingCalendar) -> date | None:
    """The withdrawal deadline of a decision that was published when it was revoked."""
    if decision.revoked_on is None or decision.first_published_at is None:
        return None
    return withdrawal_due_on(decision.revoked_on, calendar)


def withdrawal_late(decision: PenaltyDecision, today: date, calendar: WorkingCalendar) -> bool:
    """Withdrawn after the deadline, or still public once it has passed."""
    due_on = withdrawal_due_of(decision, calendar)
    if due_on is None:
        return False
    if decision.withdrawn_at is not None:
        return to_local(decision.withdrawn_at).date() > due_on
    return decision.status == PUBLISHED and today > due_on


@dataclass(frozen=True)
class FilingItem:
    decision: PenaltyDecision
    due_on: date
    #: calendar days left until ``due_on`` (0 on the day); negative when late
    days_left: int

    @property
    def is_late(self) -> bool:
        return self.days_left < 0


def filing_due_of(decision: PenaltyDecision, calendar: WorkingCalendar, days: int) -> date | None:
    return filing_due_on(decision.decided_on, calendar, days) if decision.is_major else None


def filing_late(
    decision: PenaltyDecision, today: date, calendar: WorkingCalendar, days: int
) -> bool:
    """Filed after the deadline, or not filed once it has passed."""
    due_on = filing_due_of(decision, calendar, days)
    if due_on is None:
        return False
    if decision.filed_on is not None:
        return decision.filed_on > due_on
    return today > due_on


def withdrawals_due(session, scoped, today: date, calendar: WorkingCalendar) -> list[DueItem]:
    """Published decisions recorded as revoked, changed or found unlawful: withdraw them."""
    decisions = session.scalars(
        scoped.where(PenaltyDecision.status == PUBLISHED, PenaltyDecision.revoked_on.is_not(None))
        .order_by(PenaltyDecision.revoked_on, PenaltyDecision.id)
        .limit(LIST_LIMIT)
    ).all()
    items = []
    for decision in decisions:
        due_on = withdrawal_due_on(decision.revoked_on, calendar)
        items.append(DueItem(decision, due_on, _days_left(today, due_on, calendar)))
    return items


def reviews_waiting(session, scoped) -> list[PenaltyDecision]:
    return session.scalars(
        scoped.where(PenaltyDecision.status == REVIEW)
        .order_by(PenaltyDecision.review_requested_at, PenaltyDecision.id)
        .limit(LIST_LIMIT)
    ).all()


def filings_due(
    session, scoped, today: date, calendar: WorkingCalendar, days: int
) -> list[FilingItem]:
    """重大 decisions not yet filed (备案) with the city bureau, earliest deadline first."""
    decisions = session.scalars(
        scoped.where(
            PenaltyDecision.is_major.is_(True),
            PenaltyDecision.filed_on.is_(None),
        )
        .order_by(PenaltyDecision.decided_on, PenaltyDecision.id)
        .limit(LIST_LIMIT)
    ).all()
    items = []
    for decision in decisions:
        due_on = filing_due_on(decision.decided_on, calendar, days)
        items.append(FilingItem(decision, due_on, (due_on - today).days))
    return items


def filed_late(
    session, scoped, since: date, calendar: WorkingCalendar, days: int
) -> list[FilingItem]:
    """重大 decisions of ``since`` or later that were filed, but after the deadline."""
    decisions = session.scalars(
        scoped.where(
            PenaltyDecision.is_major.is_(True),
            PenaltyDecision.filed_on.is_not(None),
            PenaltyDecision.decided_on >= since,
        )
        .order_by(PenaltyDecision.decided_on, PenaltyDecision.id)
        .limit(LIST_LIMIT)
    ).all()
    items = []
    for decision in decisions:
        due_on = filing_due_on(decision.decided_on, calendar, days)
        if decision.filed_on > due_on:
            items.append(FilingItem(decision, due_on, (due_on - decision.filed_on).days))
    return items
