"""The value objects of a statistics report and the SQL helpers every figure family shares.

A report is a grid of ``Figures`` per (unit, local month); ``queries`` and ``decision_queries``
fill the grid, ``queries.compute_report`` adds it up. Figures of *today* rather than of a
month (``overdue_now``, ``decisions_overdue_now``) sit in the cell of month ``NOW`` and so
count for their unit and the city, never for a month.
"""

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, literal_column

#: Asia/Shanghai has had no daylight saving time since 1991
LOCAL_OFFSET_HOURS = 8
#: the month key of figures that describe today, not a month
NOW = "now"


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

    def date_month(self, column):
        """'YYYY-MM' of a Date column."""
        if self.postgres:
            return func.to_char(column, "YYYY-MM")
        return func.strftime("%Y-%m", column)

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


def in_year(column, year: int):
    start, end = year_bounds(year)
    return and_(column >= start, column < end)


def date_in_year(column, year: int):
    return and_(column >= date(year, 1, 1), column <= date(year, 12, 31))


def count_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def local_date_of(moment: datetime | None) -> date | None:
    """The Shanghai date of a naive UTC time (None stays None)."""
    if moment is None:
        return None
    return (moment + timedelta(hours=LOCAL_OFFSET_HOURS)).date()


def month_of(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def share(part: float, whole: float) -> float | None:
    """A percentage with one decimal, or None (shown "—") when nothing was counted."""
    return round(100 * part / whole, 1) if whole else None


#: categories of decisions exempt from publication: figure → label
EXEMPTION_FIGURES = {
    "exempt_minor": "未成年人",
    "exempt_state_secret": "涉及国家秘密",
    "exempt_trade_secret": "涉及商业秘密",
    "exempt_privacy": "涉及个人隐私",
    "exempt_other_law": "其他依法不予公开",
}


@dataclass
class Figures:
    """The counts of one unit, one month, or the whole city; rates are derived."""

    received: int = 0
    accepted: int = 0
    rejected: int = 0
    closed: int = 0
    #: open complaints of any year past their current due date, today
    overdue_now: int = 0
    answered: int = 0
    #: answers that had a deadline (the on-time rate's base)
    timed: int = 0
    on_time: int = 0
    answer_days_total: float = 0.0
    late_acceptances: int = 0
    late_answers: int = 0
    late_rehandling_answers: int = 0
    rated: int = 0
    satisfied: int = 0
    dissatisfied: int = 0
    #: 实名差评: 差评 of a person who left a name and a phone number
    callback_due: int = 0
    called_back: int = 0
    decisions_published: int = 0
    #: decisions due for publication in the period whose due date has passed or which were
    #: published (the on-time publication rate's base)
    decisions_due: int = 0
    decisions_on_time: int = 0
    decisions_unpublished_late: int = 0
    decisions_overdue_now: int = 0
    late_withdrawals: int = 0
    late_filings: int = 0
    exempt_minor: int = 0
    exempt_state_secret: int = 0
    exempt_trade_secret: int = 0
    exempt_privacy: int = 0
    exempt_other_law: int = 0

    def add(self, other: "Figures") -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    @property
    def on_time_rate(self) -> float | None:
        return share(self.on_time, self.timed)

    @property
    def average_days(self) -> float | None:
        return round(self.answer_days_total / self.answered, 1) if self.answered else None

    @property
    def satisfaction_rate(self) -> float | None:
        return share(self.satisfied, self.rated)

    @property
    def dissatisfied_share(self) -> float | None:
        return share(self.dissatisfied, self.rated)

    @property
    def callback_rate(self) -> float | None:
        return share(self.called_back, self.callback_due)

    @property
    def decisions_late(self) -> int:
        return self.decisions_due - self.decisions_on_time

    @property
    def publication_on_time_rate(self) -> float | None:
        return share(self.decisions_on_time, self.decisions_due)

    @property
    def exempt_total(self) -> int:
        return sum(getattr(self, name) for name in EXEMPTION_FIGURES)

    def as_dict(self) -> dict:
        """What the API and the CSV give: the counts and the derived rates (percent)."""
        return {key: getattr(self, attribute) for key, attribute in API_FIELDS.items()}


#: API key → Figures attribute, counts first, then rates (the OpenAPI schema reads these)
COUNT_FIELDS = {
    "received": "received",
    "accepted": "accepted",
    "rejected": "rejected",
    "closed": "closed",
    "overdue_now": "overdue_now",
    "answered": "answered",
    "answered_with_deadline": "timed",
    "answered_on_time": "on_time",
    "late_acceptances": "late_acceptances",
    "late_answers": "late_answers",
    "late_rehandling_answers": "late_rehandling_answers",
    "rated": "rated",
    "satisfied": "satisfied",
    "dissatisfied": "dissatisfied",
    "callback_due": "callback_due",
    "called_back": "called_back",
    "decisions_published": "decisions_published",
    "decisions_due": "decisions_due",
    "decisions_published_on_time": "decisions_on_time",
    "decisions_late": "decisions_late",
    "decisions_unpublished_late": "decisions_unpublished_late",
    "decisions_overdue_now": "decisions_overdue_now",
    "late_withdrawals": "late_withdrawals",
    "late_filings": "late_filings",
    **{name: name for name in EXEMPTION_FIGURES},
    "exempt_total": "exempt_total",
}
RATE_FIELDS = {
    "on_time_rate": "on_time_rate",
    "average_days_to_answer": "average_days",
    "satisfaction_rate": "satisfaction_rate",
    "dissatisfied_share": "dissatisfied_share",
    "callback_rate": "callback_rate",
    "publication_on_time_rate": "publication_on_time_rate",
}
API_FIELDS = {**COUNT_FIELDS, **RATE_FIELDS}


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


Cell = dict[tuple[int | None, str], Figures]


def cell(cells: Cell, unit_id, month) -> Figures:
    return cells.setdefault((unit_id, month), Figures())


def unit_filter(column, unit: UnitRef | None):
    return column == unit.id if unit is not None else True
