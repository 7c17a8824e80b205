"""The public list of decisions: filters, keyset pages, batches for exports, the feed.

Every query here has the shape ``WHERE status = 'published' [AND unit/type/重大 = …]
AND decided_on in range ORDER BY decided_on DESC, id DESC LIMIT n`` over an index that starts
with the equality columns and ends with (decided_on, id), so the first page and the last page of
a million rows cost the same. Nothing counts the table. Free text only ever matches published,
masked fields (searching a raw name must not reveal which decisions concern that person).
"""

from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date

from flask import abort
from sqlalchemy import and_, or_, select, tuple_
from sqlalchemy.orm import contains_eager

from portal.core.pagination import Page, keyset_page
from portal.core.publication import PUBLISHED
from portal.disclosure.decisions.models import VIOLATION_TYPES, DecisionRevision, PenaltyDecision
from portal.disclosure.decisions.public import PublicDecision, public_view
from portal.disclosure.decisions.rules import DecisionSettings, RetentionCutoffs
from portal.org.models import Unit

PAGE_SIZE = 20
EXPORT_BATCH = 500
FEED_SIZE = 50
QUERY_MAX_LENGTH = 100
FIRST_YEAR = 2000


@dataclass(frozen=True)
class DecisionFilters:
    """The filters of the public list, from and back to query arguments."""

    unit: str = ""
    violation: str = ""
    year: int | None = None
    major: bool = False
    q: str = ""

    @classmethod
    def from_args(cls, args, units_by_code: dict[str, Unit], today: date) -> "DecisionFilters":
        """Parse ``args``; a value no form offers is a 400 with a Chinese message."""
        unit = args.get("unit", "").strip()
        if unit and unit not in units_by_code:
            abort(400, "没有这个执法单位，请从列表中选择。")
        violation = args.get("violation", "").strip()
        if violation and violation not in VIOLATION_TYPES:
            abort(400, "没有这种违法行为类型，请从列表中选择。")
        year_text = args.get("year", "").strip()
        year = None
        if year_text:
            if not year_text.isdigit() or not FIRST_YEAR <= int(year_text) <= today.year:
                abort(400, f"年份应在{FIRST_YEAR}年到{today.year}年之间。")
            year = int(year_text)
        major = args.get("major", "") in ("1", "on", "true", "yes")
        q = " ".join(args.get("q", "").split())[:QUERY_MAX_LENGTH]
        return cls(unit=unit, violation=violation, year=year, major=major, q=q)

    def as_args(self) -> dict:
        """The non-empty filters, for links that keep them (pages, downloads, feed)."""
        values = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value:
                values[field.name] = 1 if value is True else value
        return values

    @property
    def active(self) -> bool:
        return bool(self.as_args())


def _decision_with_revision():
    return (
        select(PenaltyDecision)
        .join(PenaltyDecision.current_revision)
        .options(contains_eager(PenaltyDecision.current_revision))
    )


def listed_statement(filters: DecisionFilters, units_by_code: dict, cutoffs: RetentionCutoffs):
    """Published decisions still within their retention period, matching ``filters``."""
    stmt = _decision_with_revision().where(
        PenaltyDecision.status == PUBLISHED,
        PenaltyDecision.decided_on >= cutoffs.earliest,
        or_(
            and_(
                PenaltyDecision.party_type == "person",
                PenaltyDecision.decided_on >= cutoffs.person,
            ),
            and_(
                PenaltyDecision.party_type == "organisation",
                PenaltyDecision.decided_on >= cutoffs.organisation,
            ),
        ),
    )
    if filters.unit:
        stmt = stmt.where(PenaltyDecision.unit_id == units_by_code[filters.unit].id)
    if filters.violation:
        stmt = stmt.where(PenaltyDecision.violation_type == filters.violation)
    if filters.major:
        stmt = stmt.where(PenaltyDecision.is_major.is_(True))
    if filters.year:
        stmt = stmt.where(
            PenaltyDecision.decided_on >= date(filters.year, 1, 1),
            PenaltyDecision.decided_on <= date(filters.year, 12, 31),
        )
    if filters.q:
        stmt = stmt.where(
            or_(
                *(
                    column.contains(filters.q, autoescape=True)
                    for column in (
                        DecisionRevision.doc_no,
                        DecisionRevision.party,
                        DecisionRevision.violation,
                        DecisionRevision.facts,
                        DecisionRevision.penalty,
                    )
                )
            )
        )
    return stmt


SORT_COLUMNS = (PenaltyDecision.decided_on, PenaltyDecision.id)


def sort_key(decision: PenaltyDecision) -> tuple:
    return (decision.decided_on.isoformat(), decision.id)


def parse_sort_key(values) -> tuple[date, int]:
    day, identifier = values
    if not isinstance(identifier, int) or isinstance(identifier, bool):
        raise TypeError("the id of a cursor is an integer")
    return date.fromisoformat(day), identifier


class DecisionList:
    """The public list for one request: its units, retention cut-offs and settings."""

    def __init__(self, session, units: list[Unit], today: date, settings: DecisionSettings):
        self.session = session
        self.units_by_code = {unit.code: unit for unit in units}
        self.units_by_id = {unit.id: unit for unit in units}
        self.settings = settings
        self.cutoffs = RetentionCutoffs.on(today, settings)

    def view(self, decision: PenaltyDecision) -> PublicDecision | None:
        return public_view(
            decision,
            self.units_by_id[decision.unit_id],
            decision.current_revision,
            self.cutoffs,
            self.settings,
        )

    def page(self, filters: DecisionFilters, cursor: str | None, size: int = PAGE_SIZE):
        """One page of views, newest decision first, and the cursor of the next page."""
        stmt = listed_statement(filters, self.units_by_code, self.cutoffs)
        page = keyset_page(
            self.session,
            stmt,
            list(SORT_COLUMNS),
            sort_key,
            cursor,
            size,
            descending=True,
            parse_key=parse_sort_key,
        )
        return Page([self.view(decision) for decision in page.items], page.next_cursor)

    def all(self, filters: DecisionFilters) -> Iterator[PublicDecision]:
        """Every listed decision matching ``filters``, fetched in keyset batches (exports)."""
        stmt = listed_statement(filters, self.units_by_code, self.cutoffs)
        ordered = stmt.order_by(*(column.desc() for column in SORT_COLUMNS))
        after = None
        while True:
            batch_stmt = ordered
            if after is not None:
                batch_stmt = batch_stmt.where(tuple_(*SORT_COLUMNS) < tuple_(*after))
            batch = self.session.scalars(batch_stmt.limit(EXPORT_BATCH)).all()
            for decision in batch:
                yield self.view(decision)
            if len(batch) < EXPORT_BATCH:
                return
            after = (batch[-1].decided_on, batch[-1].id)
            self.session.expunge_all()

    def latest(self, unit: Unit, limit: int = 5) -> list[PublicDecision]:
        stmt = listed_statement(DecisionFilters(unit=unit.code), self.units_by_code, self.cutoffs)
        stmt = stmt.order_by(*(column.desc() for column in SORT_COLUMNS)).limit(limit)
        return [self.view(decision) for decision in self.session.scalars(stmt)]

    def feed(self, unit: Unit | None = None, limit: int = FEED_SIZE) -> list[PublicDecision]:
        """The latest public changes — publications, corrections, withdrawals — newest first."""
        # Only the feed index's own column in WHERE, so that the newest changes are read off
        # it; public_updated_at is set by publication and withdrawal only, and what expired is
        # dropped below.
        stmt = (
            _decision_with_revision()
            .where(PenaltyDecision.public_updated_at.is_not(None))
            .order_by(PenaltyDecision.public_updated_at.desc(), PenaltyDecision.id.desc())
        )
        if unit is not None:
            stmt = stmt.where(PenaltyDecision.unit_id == unit.id)
        views = []
        for decision in self.session.scalars(stmt.limit(limit * 2)):
            view = self.view(decision)
            if view is not None and view.status in ("published", "corrected", "withdrawn"):
                views.append(view)
        return views[:limit]
