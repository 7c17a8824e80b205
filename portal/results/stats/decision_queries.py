"""The penalty-decision figures of a report: publication, its timeliness, withdrawals, 备案,
and the decisions exempt from publication (counted by category, never listed).

Figures that need the working-day calendar (withdrawal and filing deadlines) read only the few
rows that can be late — revoked decisions, 重大 decisions — and apply the rules of
``portal.disclosure.decisions.deadlines`` in Python, so they agree with the back office.
"""

from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select

from portal.core.calendar import WorkingCalendar
from portal.core.publication import DRAFT, REVIEW
from portal.disclosure.decisions import deadlines
from portal.disclosure.decisions.models import PenaltyDecision
from portal.results.stats.figures import (
    NOW,
    Cell,
    Dialect,
    UnitRef,
    cell,
    count_if,
    date_in_year,
    in_year,
    month_of,
    unit_filter,
)

#: a filing deadline can be this many days after the decision at most (15 days and a
#: rolled-over Spring Festival); wider than needed is harmless
_FILING_SLACK_DAYS = 40


def _published(session, dialect: Dialect, cells: Cell, year: int, unit) -> None:
    """decisions_published by the local month of the first publication."""
    published = PenaltyDecision.first_published_at
    month = dialect.local_month(published)
    rows = session.execute(
        select(PenaltyDecision.unit_id, month, func.count())
        .where(
            published.is_not(None),
            in_year(published, year),
            unit_filter(PenaltyDecision.unit_id, unit),
        )
        .group_by(PenaltyDecision.unit_id, month)
    )
    for unit_id, key, count in rows:
        cell(cells, unit_id, key).decisions_published = count


def _publishable():
    """Decisions the law says must be published (not a minor's, not withheld by law)."""
    return and_(
        PenaltyDecision.party_is_minor.is_(False), PenaltyDecision.nondisclosure_reason == ""
    )


def _due(session, dialect: Dialect, cells: Cell, year: int, unit, today: date) -> None:
    """By the month of ``publication_due_on``: decisions due whose due date has passed or that
    were published; on time = first published on or before it; never published and past it =
    late. A decision revoked before it was ever published is no longer due."""
    published = PenaltyDecision.first_published_at
    unpublished = published.is_(None)
    due_on = PenaltyDecision.publication_due_on
    month = dialect.date_month(due_on)
    counted = and_(
        _publishable(),
        date_in_year(due_on, year),
        or_(published.is_not(None), and_(due_on < today, PenaltyDecision.revoked_on.is_(None))),
        unit_filter(PenaltyDecision.unit_id, unit),
    )
    rows = session.execute(
        select(
            PenaltyDecision.unit_id,
            month,
            func.count(),
            count_if(and_(published.is_not(None), dialect.local_date(published) <= due_on)),
            count_if(unpublished),
        )
        .where(counted)
        .group_by(PenaltyDecision.unit_id, month)
    )
    for unit_id, key, due, on_time, unpublished_late in rows:
        figures = cell(cells, unit_id, key)
        figures.decisions_due, figures.decisions_on_time = due, on_time
        figures.decisions_unpublished_late = unpublished_late


def _overdue_now(session, cells: Cell, unit, today: date) -> None:
    """Decisions of any year still unpublished past their due date, today."""
    rows = session.execute(
        select(PenaltyDecision.unit_id, func.count())
        .where(
            _publishable(),
            PenaltyDecision.status.in_((DRAFT, REVIEW)),
            PenaltyDecision.revoked_on.is_(None),
            PenaltyDecision.publication_due_on < today,
            unit_filter(PenaltyDecision.unit_id, unit),
        )
        .group_by(PenaltyDecision.unit_id)
    )
    for unit_id, count in rows:
        cell(cells, unit_id, NOW).decisions_overdue_now = count


def _exemptions(session, dialect: Dialect, cells: Cell, year: int, unit) -> None:
    """Decisions exempt from publication by category, by the month of the decision."""
    month = dialect.date_month(PenaltyDecision.decided_on)
    category = PenaltyDecision.nondisclosure_reason
    rows = session.execute(
        select(
            PenaltyDecision.unit_id, month, PenaltyDecision.party_is_minor, category, func.count()
        )
        .where(
            or_(PenaltyDecision.party_is_minor.is_(True), category != ""),
            date_in_year(PenaltyDecision.decided_on, year),
            unit_filter(PenaltyDecision.unit_id, unit),
        )
        .group_by(PenaltyDecision.unit_id, month, PenaltyDecision.party_is_minor, category)
    )
    for unit_id, key, minor, reason, count in rows:
        name = "exempt_minor" if minor else f"exempt_{reason}"
        figures = cell(cells, unit_id, key)
        setattr(figures, name, getattr(figures, name) + count)


def _late_withdrawals(session, cells, year, unit, today, calendar: WorkingCalendar) -> None:
    """Withdrawals due in the period (3 working days after the revocation) that came late, or
    have not come although the deadline passed; by the month of the deadline."""
    start = date(year, 1, 1) - timedelta(days=15)
    decisions = session.scalars(
        select(PenaltyDecision).where(
            PenaltyDecision.revoked_on.is_not(None),
            PenaltyDecision.first_published_at.is_not(None),
            PenaltyDecision.revoked_on >= start,
            PenaltyDecision.revoked_on <= date(year, 12, 31),
            unit_filter(PenaltyDecision.unit_id, unit),
        )
    )
    for decision in decisions:
        due_on = deadlines.withdrawal_due_of(decision, calendar)
        if due_on.year == year and deadlines.withdrawal_late(decision, today, calendar):
            cell(cells, decision.unit_id, month_of(due_on)).late_withdrawals += 1


def _late_filings(session, cells, year, unit, today, calendar, filing_days: int) -> None:
    """重大 decisions whose 备案 was due in the period and came late or not at all."""
    start = date(year, 1, 1) - timedelta(days=filing_days + _FILING_SLACK_DAYS)
    decisions = session.scalars(
        select(PenaltyDecision).where(
            PenaltyDecision.is_major.is_(True),
            PenaltyDecision.decided_on >= start,
            PenaltyDecision.decided_on <= date(year, 12, 31),
            unit_filter(PenaltyDecision.unit_id, unit),
        )
    )
    for decision in decisions:
        due_on = deadlines.filing_due_of(decision, calendar, filing_days)
        if due_on.year == year and deadlines.filing_late(decision, today, calendar, filing_days):
            cell(cells, decision.unit_id, month_of(due_on)).late_filings += 1


def decision_figures(
    session,
    dialect: Dialect,
    cells: Cell,
    year: int,
    unit: UnitRef | None,
    today: date,
    calendar: WorkingCalendar,
    filing_days: int,
) -> None:
    """Every decision figure of ``year`` into ``cells``."""
    _published(session, dialect, cells, year, unit)
    _due(session, dialect, cells, year, unit, today)
    _overdue_now(session, cells, unit, today)
    _exemptions(session, dialect, cells, year, unit)
    _late_withdrawals(session, cells, year, unit, today, calendar)
    _late_filings(session, cells, year, unit, today, calendar, filing_days)
