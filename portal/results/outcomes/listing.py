"""The public list of outcomes: filters, keyset pages, batches for exports, the feed, and the
number of tip-offs (举报) received — the only thing published about them.

Lists read the current published revision (joined on ``revision_count``) ordered by its answer
date, newest first, then id; free text matches masked, published fields only.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time

from flask import abort
from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import contains_eager

from portal.complaints.models import SATISFACTION_LEVELS, Complaint
from portal.core.models import LOCAL_TZ
from portal.core.pagination import Page, keyset_page
from portal.core.publication import PUBLISHED, WITHDRAWN
from portal.org.models import Unit
from portal.results.outcomes.models import (
    PUBLISHABLE_KINDS,
    ComplaintOutcome,
    ComplaintOutcomeRevision,
)
from portal.results.outcomes.public import PublicOutcome, public_view

PAGE_SIZE = 20
EXPORT_BATCH = 500
FEED_SIZE = 50
QUERY_MAX_LENGTH = 100
FIRST_YEAR = 2000
#: the rating filter: a level 1-5, or none (未评价)
RATING_FILTERS = {str(level): label for level, label in SATISFACTION_LEVELS.items()} | {
    "none": "未评价"
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class OutcomeFilters:
    unit: str = ""
    kind: str = ""
    #: YYYY-MM of the answer
    month: str = ""
    rating: str = ""
    q: str = ""

    @classmethod
    def from_args(cls, args, units_by_code: dict[str, Unit], today: date) -> "OutcomeFilters":
        """Parse ``args``; a value no form offers is a 400 with a Chinese message."""
        unit = args.get("unit", "").strip()
        if unit and unit not in units_by_code:
            abort(400, "没有这个执法单位，请从列表中选择。")
        kind = args.get("kind", "").strip()
        if kind and kind not in PUBLISHABLE_KINDS:
            abort(400, "类型应为投诉、建议或表扬（举报件不公开办理结果）。")
        month = args.get("month", "").strip()
        if month:
            match = _MONTH.match(month)
            valid = match and 1 <= int(match[2]) <= 12
            if not valid or not FIRST_YEAR <= int(match[1]) <= today.year:
                abort(400, "月份格式应为 年-月，例如 2026-03。")
        rating = args.get("rating", "").strip()
        if rating and rating not in RATING_FILTERS:
            abort(400, "没有这个评价等级，请从列表中选择。")
        q = " ".join(args.get("q", "").split())[:QUERY_MAX_LENGTH]
        return cls(unit=unit, kind=kind, month=month, rating=rating, q=q)

    def as_args(self) -> dict:
        return {
            field.name: getattr(self, field.name)
            for field in fields(self)
            if getattr(self, field.name)
        }

    @property
    def active(self) -> bool:
        return bool(self.as_args())

    def month_range(self) -> tuple[date, date] | None:
        if not self.month:
            return None
        year, month = int(self.month[:4]), int(self.month[5:])
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1)
        return start, end


def _with_revision():
    return (
        select(ComplaintOutcome)
        .join(ComplaintOutcome.current_revision)
        .options(contains_eager(ComplaintOutcome.current_revision))
    )


def listed_statement(filters: OutcomeFilters, units_by_code: dict):
    stmt = _with_revision().where(ComplaintOutcome.status == PUBLISHED)
    if filters.unit:
        stmt = stmt.where(ComplaintOutcome.unit_id == units_by_code[filters.unit].id)
    if filters.kind:
        stmt = stmt.where(ComplaintOutcomeRevision.kind == filters.kind)
    if filters.rating == "none":
        stmt = stmt.where(ComplaintOutcomeRevision.rating_level.is_(None))
    elif filters.rating:
        stmt = stmt.where(ComplaintOutcomeRevision.rating_level == int(filters.rating))
    span = filters.month_range()
    if span:
        stmt = stmt.where(
            ComplaintOutcomeRevision.answered_on >= span[0],
            ComplaintOutcomeRevision.answered_on < span[1],
        )
    if filters.q:
        stmt = stmt.where(
            or_(
                ComplaintOutcomeRevision.summary.contains(filters.q, autoescape=True),
                ComplaintOutcomeRevision.reply.contains(filters.q, autoescape=True),
            )
        )
    return stmt


SORT_COLUMNS = (ComplaintOutcomeRevision.answered_on, ComplaintOutcome.id)


def sort_key(outcome: ComplaintOutcome) -> tuple:
    return (outcome.current_revision.answered_on.isoformat(), outcome.id)


def parse_sort_key(values) -> tuple[date, int]:
    day, identifier = values
    if not isinstance(identifier, int) or isinstance(identifier, bool):
        raise TypeError("the id of a cursor is an integer")
    return date.fromisoformat(day), identifier


def _utc_start(day: date) -> datetime:
    return datetime.combine(day, time(), LOCAL_TZ).astimezone(UTC).replace(tzinfo=None)


class OutcomeList:
    """The public list for one request."""

    def __init__(self, session, units: list[Unit]):
        self.session = session
        self.units_by_code = {unit.code: unit for unit in units}
        self.units_by_id = {unit.id: unit for unit in units}

    def view(self, outcome: ComplaintOutcome) -> PublicOutcome | None:
        return public_view(outcome, self.units_by_id[outcome.unit_id], outcome.current_revision)

    def page(self, filters: OutcomeFilters, cursor: str | None, size: int = PAGE_SIZE) -> Page:
        page = keyset_page(
            self.session,
            listed_statement(filters, self.units_by_code),
            list(SORT_COLUMNS),
            sort_key,
            cursor,
            size,
            descending=True,
            parse_key=parse_sort_key,
        )
        return Page([self.view(outcome) for outcome in page.items], page.next_cursor)

    def all(self, filters: OutcomeFilters) -> Iterator[PublicOutcome]:
        """Every listed outcome matching ``filters``, in keyset batches (exports)."""
        ordered = listed_statement(filters, self.units_by_code).order_by(
            *(column.desc() for column in SORT_COLUMNS)
        )
        after = None
        while True:
            stmt = ordered
            if after is not None:
                stmt = stmt.where(tuple_(*SORT_COLUMNS) < tuple_(*after))
            batch = self.session.scalars(stmt.limit(EXPORT_BATCH)).unique().all()
            for outcome in batch:
                yield self.view(outcome)
            if len(batch) < EXPORT_BATCH:
                return
            after = (batch[-1].current_revision.answered_on, batch[-1].id)

    def feed(self, unit: Unit | None = None, limit: int = FEED_SIZE) -> list[PublicOutcome]:
        """The latest public changes — publications, corrections, withdrawals — newest first."""
        stmt = (
            _with_revision()
            .where(ComplaintOutcome.status.in_((PUBLISHED, WITHDRAWN)))
            .order_by(ComplaintOutcome.public_updated_at.desc(), ComplaintOutcome.id.desc())
        )
        if unit is not None:
            stmt = stmt.where(ComplaintOutcome.unit_id == unit.id)
        return [self.view(outcome) for outcome in self.session.scalars(stmt.limit(limit))]

    def tipoffs_received(self, filters: OutcomeFilters) -> int:
        """How many tip-offs were received (submitted) in the month and unit of ``filters``."""
        stmt = select(func.count()).select_from(Complaint).where(Complaint.kind == "tipoff")
        if filters.unit:
            stmt = stmt.where(Complaint.handling_unit_id == self.units_by_code[filters.unit].id)
        span = filters.month_range()
        if span:
            stmt = stmt.where(
                Complaint.submitted_at >= _utc_start(span[0]),
                Complaint.submitted_at < _utc_start(span[1]),
            )
        return self.session.scalar(stmt)
