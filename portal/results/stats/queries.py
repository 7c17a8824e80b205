"""The aggregate queries behind /stats/ — one GROUP BY (unit, local month) per figure family.

Every figure is counted by the database; Python only adds up the grouped rows (at most units ×
12 of them) into unit totals, month totals and the city total — except the few figures whose
deadline needs the holiday calendar (late acceptances, late 复查 answers, late withdrawals and
filings): for those the database selects only the rows that can be late and Python applies the
same deadline functions the workflow uses. No figure reads a name, a contact detail or the
content of a complaint: statistics are counts only, and tip-offs (举报) are counted like every
other kind. The decision figures are in ``decision_queries``.

口径 (what each figure counts; shown on the page as "口径说明"):

- 收到 ``received``: submissions by the local month of ``submitted_at``;
  受理 ``accepted`` by ``accepted_at``; 不予受理 ``rejected`` by ``rejected_at``;
  办结 ``closed`` by ``closed_at``.
- 当前超期 ``overdue_now``: complaints of ANY year still waiting for staff (受理, 办理 or 复查)
  with ``due_on`` before today — a figure of today, counted per unit, never per month.
- 答复 ``answered``, 按期答复 ``on_time``, 按期答复率 ``on_time_rate`` and 平均答复用时
  ``average_days``: by the month of the first answer (``answered_at``); the rate is the share of
  answers with ``answered_on_time`` true among answers that had a deadline; the time is calendar
  days from submission to the first answer.
- 逾期受理 ``late_acceptances``: the acceptance deadline (15 days from submission, rolled over a
  rest day) fell in the month and the complaint was accepted or refused after it, or is still
  waiting although it passed. 逾期答复 ``late_answers``: answers given late, by the month of
  the answer, plus complaints still unanswered past ``answer_due_on``, by the month of that
  date. 逾期复查答复 ``late_rehandling_answers``: like 逾期受理, for the 30 days of a 复查.
- 满意度: each complaint's FIRST rating (web or phone; the earliest ``rated_at``), by the month
  it was given. 满意率 = (非常满意 + 满意 + 基本满意) / rated complaints; 差评 = 不满意 or
  非常不满意 (level ≤ 2), its share of rated complaints; 实名差评 = 差评 of a person who left a
  name AND a phone number (an e-mail address alone cannot be called back); 实名差评回访率 =
  实名差评 with a call back (a ``followed_up`` event on or after the rating) / 实名差评.
- Decisions: see ``portal.results.stats.decision_queries``.

Local months are Asia/Shanghai, a fixed UTC+8 offset, so a dialect-aware SQL expression buckets
the naive UTC times exactly.
"""

from datetime import date, datetime, timedelta

from sqlalchemy import and_, exists, func, or_, select

from portal.complaints import deadlines as complaint_deadlines
from portal.complaints.models import (
    DISSATISFIED_AT_MOST,
    Complaint,
    ComplaintEvent,
    ComplaintRating,
)
from portal.core.calendar import WorkingCalendar
from portal.results.stats.decision_queries import decision_figures
from portal.results.stats.figures import (
    NOW,
    SUPERVISION_OFFICE,
    Cell,
    Dialect,
    Figures,
    Report,
    UnitRef,
    count_if,
    in_year,
    local_date_of,
    month_of,
    year_bounds,
)
from portal.results.stats.figures import cell as _cell
from portal.results.stats.figures import unit_filter as _unit_filter

__all__ = ["Figures", "Report", "UnitRef", "compute_report"]

#: the states in which staff owe the next step (see portal.complaints.schedule)
OPEN_STATES = ("submitted", "accepted", "in_progress", "rehandling")
SATISFIED_FROM = DISSATISFIED_AT_MOST + 1
_count_if = count_if
_in_year = in_year


def _complaint_counts(session, dialect, cells, year, unit, today) -> None:
    """received by submission month; accepted, rejected, closed by their own; overdue now."""
    in_unit = _unit_filter(Complaint.handling_unit_id, unit)
    month = dialect.local_month(Complaint.submitted_at)
    rows = session.execute(
        select(Complaint.handling_unit_id, month, func.count())
        .where(_in_year(Complaint.submitted_at, year), in_unit)
        .group_by(Complaint.handling_unit_id, month)
    )
    for unit_id, key, received in rows:
        _cell(cells, unit_id, key).received = received
    # 当前超期: every open case of any year, not only those submitted in ``year``
    rows = session.execute(
        select(Complaint.handling_unit_id, func.count())
        .where(Complaint.state.in_(OPEN_STATES), Complaint.due_on < today, in_unit)
        .group_by(Complaint.handling_unit_id)
    )
    for unit_id, overdue in rows:
        _cell(cells, unit_id, NOW).overdue_now = overdue
    for column, name in (
        (Complaint.accepted_at, "accepted"),
        (Complaint.rejected_at, "rejected"),
        (Complaint.closed_at, "closed"),
    ):
        month = dialect.local_month(column)
        rows = session.execute(
            select(Complaint.handling_unit_id, month, func.count())
            .where(_in_year(column, year), in_unit)
            .group_by(Complaint.handling_unit_id, month)
        )
        for unit_id, key, count in rows:
            setattr(_cell(cells, unit_id, key), name, count)


def _answers(session, dialect, cells, year, unit) -> None:
    month = dialect.local_month(Complaint.answered_at)
    rows = session.execute(
        select(
            Complaint.handling_unit_id,
            month,
            func.count(),
            func.count(Complaint.answered_on_time),
            _count_if(Complaint.answered_on_time.is_(True)),
            func.coalesce(
                func.sum(dialect.days_between(Complaint.answered_at, Complaint.submitted_at)), 0
            ),
        )
        .where(
            _in_year(Complaint.answered_at, year), _unit_filter(Complaint.handling_unit_id, unit)
        )
        .group_by(Complaint.handling_unit_id, month)
    )
    for unit_id, key, answered, timed, on_time, days in rows:
        figures = _cell(cells, unit_id, key)
        figures.answered, figures.timed, figures.on_time = answered, timed, on_time
        figures.answer_days_total = float(days)


def _ratings(session, dialect, cells, year, unit) -> None:
    """Each complaint's first rating (window function), with whether a call back followed."""
    order = func.row_number().over(
        partition_by=ComplaintRating.complaint_id,
        order_by=(ComplaintRating.rated_at, ComplaintRating.id),
    )
    first = select(
        ComplaintRating.complaint_id,
        ComplaintRating.level,
        ComplaintRating.rated_at,
        order.label("position"),
    ).subquery("first_rating")
    called_back = exists().where(
        ComplaintEvent.complaint_id == first.c.complaint_id,
        ComplaintEvent.action == "followed_up",
        ComplaintEvent.at >= first.c.rated_at,
    )
    # 实名: a name and a phone number (a call back needs a phone)
    named = and_(
        Complaint.is_anonymous.is_(False),
        Complaint.contact_name != "",
        Complaint.contact_phone != "",
    )
    dissatisfied = first.c.level <= DISSATISFIED_AT_MOST
    month = dialect.local_month(first.c.rated_at)
    rows = session.execute(
        select(
            Complaint.handling_unit_id,
            month,
            func.count(),
            _count_if(first.c.level >= SATISFIED_FROM),
            _count_if(dissatisfied),
            _count_if(and_(dissatisfied, named)),
            _count_if(and_(dissatisfied, named, called_back)),
        )
        .select_from(first)
        .join(Complaint, Complaint.id == first.c.complaint_id)
        .where(
            first.c.position == 1,
            _in_year(first.c.rated_at, year),
            _unit_filter(Complaint.handling_unit_id, unit),
        )
        .group_by(Complaint.handling_unit_id, month)
    )
    for unit_id, key, rated, satisfied, bad, due, done in rows:
        figures = _cell(cells, unit_id, key)
        figures.rated, figures.satisfied, figures.dissatisfied = rated, satisfied, bad
        figures.callback_due, figures.called_back = due, done


def _late_answers_open(session, dialect, cells, year, unit, today) -> None:
    """Answers given late (by the answer's month) and complaints still unanswered past
    ``answer_due_on`` (by the month of that date)."""
    in_unit = _unit_filter(Complaint.handling_unit_id, unit)
    month = dialect.local_month(Complaint.answered_at)
    rows = session.execute(
        select(Complaint.handling_unit_id, month, func.count())
        .where(
            _in_year(Complaint.answered_at, year),
            Complaint.answered_on_time.is_(False),
            in_unit,
        )
        .group_by(Complaint.handling_unit_id, month)
    )
    for unit_id, key, count in rows:
        _cell(cells, unit_id, key).late_answers += count
    due_month = dialect.date_month(Complaint.answer_due_on)
    rows = session.execute(
        select(Complaint.handling_unit_id, due_month, func.count())
        .where(
            Complaint.answered_at.is_(None),
            Complaint.state.in_(("accepted", "in_progress")),
            Complaint.answer_due_on < today,
            Complaint.answer_due_on >= date(year, 1, 1),
            Complaint.answer_due_on <= date(year, 12, 31),
            in_unit,
        )
        .group_by(Complaint.handling_unit_id, due_month)
    )
    for unit_id, key, count in rows:
        _cell(cells, unit_id, key).late_answers += count


def _late_steps(session, dialect, cells, year, unit, today, calendar) -> None:
    """Late acceptances and late 复查 answers: deadlines in ``year`` missed or still open."""
    start, end = year_bounds(year)
    now_at = datetime.combine(today + timedelta(days=1), datetime.min.time())
    in_unit = _unit_filter(Complaint.handling_unit_id, unit)
    acceptance = func.coalesce(Complaint.accepted_at, Complaint.rejected_at)
    candidates = session.execute(
        select(
            Complaint.handling_unit_id, Complaint.submitted_at, acceptance, Complaint.state
        ).where(
            Complaint.submitted_at >= start - timedelta(days=45),
            Complaint.submitted_at < end,
            or_(
                and_(acceptance.is_(None), Complaint.state == "submitted"),
                acceptance.is_not(None),
            ),
            # only what took longer than the bare period can be late
            dialect.days_between(func.coalesce(acceptance, now_at), Complaint.submitted_at)
            > complaint_deadlines.ACCEPTANCE_DAYS - 1,
            in_unit,
        )
    )
    for unit_id, month in _late_months(
        candidates, complaint_deadlines.acceptance_due_on, year, today, calendar
    ):
        _cell(cells, unit_id, month).late_acceptances += 1
    requested, answered = Complaint.rehandling_requested_at, Complaint.rehandling_answered_at
    candidates = session.execute(
        select(Complaint.handling_unit_id, requested, answered, Complaint.state).where(
            requested >= start - timedelta(days=60),
            requested < end,
            or_(answered.is_not(None), Complaint.state == "rehandling"),
            dialect.days_between(func.coalesce(answered, now_at), requested)
            > complaint_deadlines.REHANDLING_ANSWER_DAYS - 1,
            in_unit,
        )
    )
    for unit_id, month in _late_months(
        candidates, complaint_deadlines.rehandling_answer_due_on, year, today, calendar
    ):
        _cell(cells, unit_id, month).late_rehandling_answers += 1


def _late_months(candidates, due_on_of, year, today, calendar):
    """(unit, month of the due date) of each step done after its due date in ``year``, or
    still not done once it passed; ``candidates`` are (unit, started at, done at, state)."""
    for unit_id, started_at, done_at, _state in candidates:
        due_on = due_on_of(local_date_of(started_at), calendar)
        done_on = local_date_of(done_at)
        late = done_on > due_on if done_on else today > due_on
        if late and due_on.year == year:
            yield unit_id, month_of(due_on)


def compute_report(
    session,
    year: int,
    unit: UnitRef | None,
    all_units: list[UnitRef],
    today: date,
    now,
    *,
    calendar: WorkingCalendar,
    filing_days: int = 15,
) -> Report:
    """Every figure of ``year`` (for one unit, or every unit and the city), as of ``today``."""
    dialect = Dialect(session.get_bind().dialect.name)
    cells: Cell = {}
    _complaint_counts(session, dialect, cells, year, unit, today)
    _answers(session, dialect, cells, year, unit)
    _late_answers_open(session, dialect, cells, year, unit, today)
    _late_steps(session, dialect, cells, year, unit, today, calendar)
    _ratings(session, dialect, cells, year, unit)
    decision_figures(session, dialect, cells, year, unit, today, calendar, filing_days)

    by_unit: dict[int | None, Figures] = {}
    by_month = {f"{year}-{number:02d}": Figures() for number in range(1, 13)}
    city = Figures()
    for (unit_id, month), figures in cells.items():
        by_unit.setdefault(unit_id, Figures()).add(figures)
        if month in by_month:
            by_month[month].add(figures)
        city.add(figures)
    listed = [unit] if unit is not None else all_units
    units = [(ref, by_unit.get(ref.id, Figures())) for ref in listed]
    if unit is None and None in by_unit:
        units.append((SUPERVISION_OFFICE, by_unit[None]))
    return Report(
        year=year,
        unit=unit,
        city=city,
        units=units,
        months=list(by_month.items()),
        computed_at=now,
        today=today,
    )
