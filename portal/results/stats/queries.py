"""The aggregate queries behind /stats/ — one GROUP BY (unit, local month) per figure family.

Every figure is counted by the database; Python only adds up the grouped rows (at most units ×
12 of them) into unit totals, month totals and the city total. No figure reads a name, a
contact detail or the content of a complaint: statistics are counts only, and tip-offs (举报)
are counted like every other kind.

口径 (what each figure counts; shown on the page as "口径说明"):

- 收到 ``received``: submissions by the local month of ``submitted_at``;
  受理 ``accepted`` by ``accepted_at``; 不予受理 ``rejected`` by ``rejected_at``;
  办结 ``closed`` by ``closed_at``.
- 当前超期 ``overdue_now``: cases submitted in the period that are still waiting for staff
  (受理, 办理 or 复核) with ``due_on`` before today — a figure of today, not of the past.
- 答复 ``answered``, 按期答复 ``on_time``, 按期答复率 ``on_time_rate`` and 平均答复用时
  ``average_days``: by the month of the first answer (``answered_at``); the rate is the share of
  answers with ``answered_on_time`` true among answers that had a deadline; the time is calendar
  days from submission to the first answer.
- 满意度: each complaint's FIRST rating (web or phone; the earliest ``rated_at``), by the month
  it was given. 满意率 = (非常满意 + 满意 + 基本满意) / rated complaints; 差评 = 不满意 or
  非常不满意 (level ≤ 2), its share of rated complaints; 回访率 = 差评 with a call back
  (a ``followed_up`` event on or after the rating) / 差评 that can be called back (the person
  left a name and a phone number, or was called back anyway).
- 处罚决定公示 ``decisions_published`` by the local month of ``first_published_at`` (later
  withdrawals still count); 按期公示率 = first published on or before ``publication_due_on``
  (local date) / published.

Local months are Asia/Shanghai, a fixed UTC+8 offset, so a dialect-aware SQL expression buckets
the naive UTC times exactly.
"""

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, exists, func, literal_column, or_, select

from portal.complaints.models import (
    DISSATISFIED_AT_MOST,
    Complaint,
    ComplaintEvent,
    ComplaintRating,
)
from portal.disclosure.decisions.models import PenaltyDecision

#: Asia/Shanghai has had no daylight saving time since 1991
LOCAL_OFFSET_HOURS = 8
#: the states in which staff owe the next step (see portal.complaints.schedule)
OPEN_STATES = ("submitted", "accepted", "in_progress", "rehandling")
SATISFIED_FROM = DISSATISFIED_AT_MOST + 1


# --- the dialect helper -------------------------------------------------------------------


class Dialect:
    """SQL expressions that differ between SQLite and PostgreSQL."""

    def __init__(self, name: str):
        self.postgres = name == "postgresql"

    def _local(self, column):
        if self.postgres:
            return column + literal_column(f"interval '{LOCAL_OFFSET_HOURS} hours'")
        return func.datetime(column, f"+{LOCAL_OFFSET_HOURS} hours")

    def local_month(self, column):
        """'YYYY-MM' of a naive UTC time, in Shanghai."""
        if self.postgres:
            return func.to_char(self._local(column), "YYYY-MM")
        return func.strftime("%Y-%m", self._local(column))

    def local_date(self, column):
        """The Shanghai date of a naive UTC time, comparable with a Date column."""
        return func.date(self._local(column))  # date(timestamp) is a cast in PostgreSQL

    def days_between(self, later, earlier):
        """Fractional days from ``earlier`` to ``later``."""
        if self.postgres:
            return func.extract("epoch", later - earlier) / 86400.0
        return func.julianday(later) - func.julianday(earlier)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The naive UTC times at which the local year begins and the next one begins."""
    offset = timedelta(hours=LOCAL_OFFSET_HOURS)
    return datetime(year, 1, 1) - offset, datetime(year + 1, 1, 1) - offset


def _in_year(column, year: int):
    start, end = year_bounds(year)
    return and_(column >= start, column < end)


def _count_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# --- the figures ----------------------------------------------------------------------------


def _share(part: float, whole: float) -> float | None:
    """A percentage with one decimal, or None (shown "—") when nothing was counted."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Figures:
    """The counts of one unit, one month, or the whole city; rates are derived."""

    received: int = 0
    accepted: int = 0
    rejected: int = 0
    closed: int = 0
    overdue_now: int = 0
    answered: int = 0
    #: answers that had a deadline (the on-time rate's base)
    timed: int = 0
    on_time: int = 0
    answer_days_total: float = 0.0
    rated: int = 0
    satisfied: int = 0
    dissatisfied: int = 0
    #: 差评 that can be called back (named, or called back anyway)
    callback_due: int = 0
    called_back: int = 0
    decisions_published: int = 0
    decisions_on_time: int = 0

    def add(self, other: "Figures") -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    @property
    def on_time_rate(self) -> float | None:
        return _share(self.on_time, self.timed)

    @property
    def average_days(self) -> float | None:
        return round(self.answer_days_total / self.answered, 1) if self.answered else None

    @property
    def satisfaction_rate(self) -> float | None:
        return _share(self.satisfied, self.rated)

    @property
    def dissatisfied_share(self) -> float | None:
        return _share(self.dissatisfied, self.rated)

    @property
    def callback_rate(self) -> float | None:
        return _share(self.called_back, self.callback_due)

    @property
    def publication_on_time_rate(self) -> float | None:
        return _share(self.decisions_on_time, self.decisions_published)

    def as_dict(self) -> dict:
        """What the API and the CSV give: the counts and the derived rates (percent)."""
        return {
            "received": self.received,
            "accepted": self.accepted,
            "rejected": self.rejected,
            "closed": self.closed,
            "overdue_now": self.overdue_now,
            "answered": self.answered,
            "answered_with_deadline": self.timed,
            "answered_on_time": self.on_time,
            "on_time_rate": self.on_time_rate,
            "average_days_to_answer": self.average_days,
            "rated": self.rated,
            "satisfied": self.satisfied,
            "satisfaction_rate": self.satisfaction_rate,
            "dissatisfied": self.dissatisfied,
            "dissatisfied_share": self.dissatisfied_share,
            "callback_due": self.callback_due,
            "called_back": self.called_back,
            "callback_rate": self.callback_rate,
            "decisions_published": self.decisions_published,
            "decisions_published_on_time": self.decisions_on_time,
            "publication_on_time_rate": self.publication_on_time_rate,
        }


@dataclass(frozen=True)
class UnitRef:
    """A unit as the report names it (plain values: reports outlive the session)."""

    id: int | None
    code: str
    name: str
    short_name: str


#: complaints with no handling unit are with the supervision office
SUPERVISION_OFFICE = UnitRef(None, "", "综合监督科（未分派）", "综合监督科")


@dataclass
class Report:
    year: int
    unit: UnitRef | None
    city: Figures
    units: list[tuple[UnitRef, Figures]]
    months: list[tuple[str, Figures]]
    computed_at: datetime
    today: date
    extra: dict = field(default_factory=dict)


# --- the queries ----------------------------------------------------------------------------

Cell = dict[tuple[int | None, str], Figures]


def _cell(cells: Cell, unit_id, month) -> Figures:
    return cells.setdefault((unit_id, month), Figures())


def _unit_filter(column, unit: UnitRef | None):
    return column == unit.id if unit is not None else True


def _complaint_counts(session, dialect, cells, year, unit, today) -> None:
    """received and overdue_now by submission month; accepted, rejected, closed by their own."""
    in_unit = _unit_filter(Complaint.handling_unit_id, unit)
    month = dialect.local_month(Complaint.submitted_at)
    rows = session.execute(
        select(
            Complaint.handling_unit_id,
            month,
            func.count(),
            _count_if(and_(Complaint.state.in_(OPEN_STATES), Complaint.due_on < today)),
        )
        .where(_in_year(Complaint.submitted_at, year), in_unit)
        .group_by(Complaint.handling_unit_id, month)
    )
    for unit_id, key, received, overdue in rows:
        figures = _cell(cells, unit_id, key)
        figures.received, figures.overdue_now = received, overdue
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
            _count_if(and_(dissatisfied, or_(named, called_back))),
            _count_if(and_(dissatisfied, called_back)),
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


def _decisions(session, dialect, cells, year, unit) -> None:
    published = PenaltyDecision.first_published_at
    month = dialect.local_month(published)
    on_time = dialect.local_date(published) <= PenaltyDecision.publication_due_on
    rows = session.execute(
        select(PenaltyDecision.unit_id, month, func.count(), _count_if(on_time))
        .where(
            published.is_not(None),
            _in_year(published, year),
            _unit_filter(PenaltyDecision.unit_id, unit),
        )
        .group_by(PenaltyDecision.unit_id, month)
    )
    for unit_id, key, count, timely in rows:
        figures = _cell(cells, unit_id, key)
        figures.decisions_published, figures.decisions_on_time = count, timely


def compute_report(
    session, year: int, unit: UnitRef | None, all_units: list[UnitRef], today: date, now
) -> Report:
    """Every figure of ``year`` (for one unit, or every unit and the city)."""
    dialect = Dialect(session.get_bind().dialect.name)
    cells: Cell = {}
    _complaint_counts(session, dialect, cells, year, unit, today)
    _answers(session, dialect, cells, year, unit)
    _ratings(session, dialect, cells, year, unit)
    _decisions(session, dialect, cells, year, unit)

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
