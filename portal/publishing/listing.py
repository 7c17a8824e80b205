"""What the public may know about a published item of any kind, and a kind's public list.

Every public output (page, feed, CSV, JSON, API, search) turns an item into a
:class:`PublicView` — built from a published revision (masked when it was published), never
from the working copy. A withdrawn item keeps only what identifies it and the notice.

A kind's list subclasses :class:`PublishedList` with its model, its sort columns (a date, then
the id: newest first, paged by keyset over an index ending with them) and its filters; the
statement is ``WHERE status = 'published' [AND unit] [AND the kind's filters]``.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date, datetime

from flask import abort
from sqlalchemy import select, tuple_
from sqlalchemy.orm import contains_eager

from portal.core.pagination import Page, keyset_page
from portal.core.publication import PUBLIC_STATUS_LABELS, PUBLISHED, WITHDRAWN
from portal.org.models import Unit


@dataclass(frozen=True)
class PublicView:
    """One item as the public may see it. A kind may subclass it to add the fields that stay
    public after a withdrawal (``PublishedList.kept``) and properties of its own."""

    public_id: str
    unit_code: str
    unit_name: str
    unit_short_name: str
    #: published, corrected or withdrawn (a kind may add its own, e.g. expired)
    status: str
    first_published_at: datetime
    updated_at: datetime
    revision_no: int
    revision_published_at: datetime
    correction_reason: str
    #: the revision shown; None when withdrawn (the content is no longer public)
    content: object | None
    withdrawn_at: datetime | None
    withdrawal_reason: str
    #: the Atom entry id, stable for ever (an urn:uuid of the permalink key)
    feed_id: str

    @property
    def status_label(self) -> str:
        return PUBLIC_STATUS_LABELS[self.status]


@dataclass(frozen=True)
class UnitFilters:
    """The filters every public list has (``?unit=``); a kind subclasses it with its own
    fields and parses them in ``parse``. Field order is the order of ``as_args``."""

    unit: str = ""

    @classmethod
    def from_args(cls, args, units_by_code: dict, today: date):
        """Parse ``args``; a value no form offers is a 400 with a Chinese message."""
        unit = args.get("unit", "").strip()
        if unit and unit not in units_by_code:
            abort(400, "没有这个执法单位，请从列表中选择。")
        return cls(unit=unit, **cls.parse(args, today))

    @classmethod
    def parse(cls, args, today: date) -> dict:
        return {}

    def as_args(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}

    @property
    def active(self) -> bool:
        return bool(self.as_args())


def parse_year(args, first_year: int, today: date) -> int | None:
    """``?year=``: None when absent, a 400 in Chinese when not between ``first_year`` and now."""
    text = args.get("year", "").strip()
    if not text:
        return None
    if not text.isdigit() or not first_year <= int(text) <= today.year:
        abort(400, f"年份应在{first_year}年到{today.year}年之间。")
    return int(text)


def _parse_sort_key(values) -> tuple[date, int]:
    day, identifier = values
    if not isinstance(identifier, int) or isinstance(identifier, bool):
        raise TypeError("the id of a cursor is an integer")
    return date.fromisoformat(day), identifier


class PublishedList:
    """The public list of one kind for one request."""

    #: the item model (``PublishableMixin``, with ``unit_id`` and ``current_revision``)
    model: type
    #: a date column, then the id: the list's order (newest first) and its keyset
    sort_columns: tuple
    #: the namespace and prefix of the stable Atom ids: uuid5(namespace, "prefix:public_id")
    feed_namespace: uuid.UUID
    feed_prefix: str
    view_class: type = PublicView
    page_size = 20
    export_batch = 500
    feed_size = 50

    def __init__(self, session, units: list[Unit]):
        self.session = session
        self.units_by_code = {unit.code: unit for unit in units}
        self.units_by_id = {unit.id: unit for unit in units}

    # --- what a kind says ---------------------------------------------------------------------

    def sort_value(self, item) -> date:
        """The value of the first sort column for ``item``."""
        raise NotImplementedError

    def where(self, stmt, filters):
        """``stmt`` narrowed by the kind's own filters (the unit is done already)."""
        return stmt

    def kept(self, item, revision) -> dict:
        """Fields of ``view_class`` beyond ``PublicView``'s, kept after a withdrawal."""
        return {}

    def status_of(self, item, revision) -> str:
        return item.public_status

    # --- views --------------------------------------------------------------------------------

    def public_view(self, item, unit: Unit, revision):
        """``revision`` (normally the current one) as the public may see it; None: no public
        page (never published, or no such revision)."""
        if item.first_published_at is None or item.status not in (PUBLISHED, WITHDRAWN):
            return None
        if revision is None:
            return None
        status = self.status_of(item, revision)
        return self.view_class(
            public_id=item.public_id,
            unit_code=unit.code,
            unit_name=unit.name,
            unit_short_name=unit.short_name,
            status=status,
            first_published_at=item.first_published_at,
            updated_at=item.public_updated_at or item.first_published_at,
            revision_no=revision.revision_no,
            revision_published_at=revision.published_at,
            correction_reason=revision.reason,
            content=revision if status != "withdrawn" else None,
            withdrawn_at=item.withdrawn_at,
            withdrawal_reason=item.withdrawal_reason,
            feed_id=uuid.uuid5(self.feed_namespace, f"{self.feed_prefix}:{item.public_id}").urn,
            **self.kept(item, revision),
        )

    def view(self, item):
        return self.public_view(item, self.units_by_id[item.unit_id], item.current_revision)

    # --- statements ---------------------------------------------------------------------------

    def with_revision(self):
        return (
            select(self.model)
            .join(self.model.current_revision)
            .options(contains_eager(self.model.current_revision))
        )

    def statement(self, filters):
        stmt = self.with_revision().where(self.model.status == PUBLISHED)
        if filters.unit:
            stmt = stmt.where(self.model.unit_id == self.units_by_code[filters.unit].id)
        return self.where(stmt, filters)

    def _key(self, item) -> tuple:
        return (self.sort_value(item).isoformat(), item.id)

    def page(self, filters, cursor: str | None, size: int | None = None) -> Page:
        """One page of views, newest first, and the cursor of the next page."""
        page = keyset_page(
            self.session,
            self.statement(filters),
            list(self.sort_columns),
            self._key,
            cursor,
            size or self.page_size,
            descending=True,
            parse_key=_parse_sort_key,
        )
        return Page([self.view(item) for item in page.items], page.next_cursor)

    def all(self, filters) -> Iterator:
        """Every listed item matching ``filters``, in keyset batches (downloads)."""
        ordered = self.statement(filters).order_by(*(c.desc() for c in self.sort_columns))
        after = None
        while True:
            stmt = ordered
            if after is not None:
                stmt = stmt.where(tuple_(*self.sort_columns) < tuple_(*after))
            batch = self.session.scalars(stmt.limit(self.export_batch)).unique().all()
            for item in batch:
                yield self.view(item)
            if len(batch) < self.export_batch:
                return
            after = (self.sort_value(batch[-1]), batch[-1].id)

    def feed(self, unit: Unit | None = None, limit: int | None = None) -> list:
        """The latest public changes — publications, corrections, withdrawals — newest first."""
        stmt = (
            self.with_revision()
            .where(
                self.model.status.in_((PUBLISHED, WITHDRAWN)),
                self.model.public_updated_at.is_not(None),
            )
            .order_by(self.model.public_updated_at.desc(), self.model.id.desc())
            .limit(limit or self.feed_size)
        )
        if unit is not None:
            stmt = stmt.where(self.model.unit_id == unit.id)
        return [self.view(item) for item in self.session.scalars(stmt)]
