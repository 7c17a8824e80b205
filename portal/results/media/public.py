"""What the public may know about a media response, and the public list.

Every public output (page, feed, CSV, JSON, API, search) turns a response into a
:class:`PublicMedia` here: built from a published revision (masked when it was published),
never from the working copy. A withdrawn response keeps only what identifies it and the notice.
The list is ``WHERE status = 'published' [AND unit] [AND year] ORDER BY reported_on DESC, id
DESC`` over an index ending with (reported_on, id), paged by keyset.
"""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from flask import abort, url_for
from sqlalchemy import select, tuple_
from sqlalchemy.orm import contains_eager

from portal.core.pagination import Page, keyset_page
from portal.core.public_record import (
    PublicRevisionNote,
    revisions_json,
    utc_iso,
    withdrawal_json,
)
from portal.core.publication import PUBLIC_STATUS_LABELS, PUBLISHED, WITHDRAWN
from portal.core.safe_urls import safe_http_url
from portal.org.models import Unit
from portal.results.media.models import PUBLIC_FIELDS, MediaResponse, MediaResponseRevision

#: the namespace of the stable feed ids (urn:uuid) of media responses
FEED_ID_NAMESPACE = uuid.UUID("3b7d0c52-8f1e-5a44-b1c3-6a0e9d2f4c17")
PAGE_SIZE = 20
EXPORT_BATCH = 500
FEED_SIZE = 50
FIRST_YEAR = 2000


@dataclass(frozen=True)
class PublicMedia:
    public_id: str
    unit_code: str
    unit_name: str
    unit_short_name: str
    #: published, corrected or withdrawn
    status: str
    outlet: str
    reported_on: date
    headline: str
    first_published_at: datetime
    updated_at: datetime
    revision_no: int
    revision_published_at: datetime
    correction_reason: str
    #: None when withdrawn: the report summary and the response are no longer public
    content: MediaResponseRevision | None
    withdrawn_at: datetime | None
    withdrawal_reason: str

    @property
    def status_label(self) -> str:
        return PUBLIC_STATUS_LABELS[self.status]

    @property
    def feed_id(self) -> str:
        return uuid.uuid5(FEED_ID_NAMESPACE, f"media:{self.public_id}").urn


def public_view(item: MediaResponse, unit: Unit, revision) -> PublicMedia | None:
    """``revision`` (normally the current one) as the public may see it; None: no public page."""
    if item.first_published_at is None or item.status not in (PUBLISHED, WITHDRAWN):
        return None
    if revision is None:
        return None
    status = item.public_status
    return PublicMedia(
        public_id=item.public_id,
        unit_code=unit.code,
        unit_name=unit.name,
        unit_short_name=unit.short_name,
        status=status,
        outlet=revision.outlet,
        reported_on=revision.reported_on,
        headline=revision.headline,
        first_published_at=item.first_published_at,
        updated_at=item.public_updated_at or item.first_published_at,
        revision_no=revision.revision_no,
        revision_published_at=revision.published_at,
        correction_reason=revision.reason,
        content=revision if status != "withdrawn" else None,
        withdrawn_at=item.withdrawn_at,
        withdrawal_reason=item.withdrawal_reason,
    )


@dataclass(frozen=True)
class MediaFilters:
    unit: str = ""
    year: int | None = None

    @classmethod
    def from_args(cls, args, units_by_code: dict, today: date) -> "MediaFilters":
        """Parse ``args``; a value no form offers is a 400 with a Chinese message."""
        unit = args.get("unit", "").strip()
        if unit and unit not in units_by_code:
            abort(400, "没有这个执法单位，请从列表中选择。")
        year_text = args.get("year", "").strip()
        year = None
        if year_text:
            if not year_text.isdigit() or not FIRST_YEAR <= int(year_text) <= today.year:
                abort(400, f"年份应在{FIRST_YEAR}年到{today.year}年之间。")
            year = int(year_text)
        return cls(unit=unit, year=year)

    def as_args(self) -> dict:
        return {key: value for key, value in (("unit", self.unit), ("year", self.year)) if value}

    @property
    def active(self) -> bool:
        return bool(self.as_args())


SORT_COLUMNS = (MediaResponse.reported_on, MediaResponse.id)


def _sort_key(item: MediaResponse) -> tuple:
    return (item.reported_on.isoformat(), item.id)


def _parse_sort_key(values) -> tuple[date, int]:
    day, identifier = values
    if not isinstance(identifier, int) or isinstance(identifier, bool):
        raise TypeError("the id of a cursor is an integer")
    return date.fromisoformat(day), identifier


def _with_revision():
    return (
        select(MediaResponse)
        .join(MediaResponse.current_revision)
        .options(contains_eager(MediaResponse.current_revision))
    )


class MediaList:
    """The public list for one request."""

    def __init__(self, session, units: list[Unit]):
        self.session = session
        self.units_by_code = {unit.code: unit for unit in units}
        self.units_by_id = {unit.id: unit for unit in units}

    def view(self, item: MediaResponse) -> PublicMedia | None:
        return public_view(item, self.units_by_id[item.unit_id], item.current_revision)

    def statement(self, filters: MediaFilters):
        stmt = _with_revision().where(MediaResponse.status == PUBLISHED)
        if filters.unit:
            stmt = stmt.where(MediaResponse.unit_id == self.units_by_code[filters.unit].id)
        if filters.year:
            stmt = stmt.where(
                MediaResponse.reported_on >= date(filters.year, 1, 1),
                MediaResponse.reported_on <= date(filters.year, 12, 31),
            )
        return stmt

    def page(self, filters: MediaFilters, cursor: str | None, size: int = PAGE_SIZE) -> Page:
        """One page, newest report first, and the cursor of the next page."""
        page = keyset_page(
            self.session,
            self.statement(filters),
            list(SORT_COLUMNS),
            _sort_key,
            cursor,
            size,
            descending=True,
            parse_key=_parse_sort_key,
        )
        return Page([self.view(item) for item in page.items], page.next_cursor)

    def all(self, filters: MediaFilters) -> Iterator[PublicMedia]:
        """Every listed response matching ``filters``, in keyset batches (downloads)."""
        ordered = self.statement(filters).order_by(*(column.desc() for column in SORT_COLUMNS))
        after = None
        while True:
            batch_stmt = ordered
            if after is not None:
                batch_stmt = batch_stmt.where(tuple_(*SORT_COLUMNS) < tuple_(*after))
            batch = self.session.scalars(batch_stmt.limit(EXPORT_BATCH)).all()
            for item in batch:
                yield self.view(item)
            if len(batch) < EXPORT_BATCH:
                return
            after = (batch[-1].reported_on, batch[-1].id)

    def feed(self, unit: Unit | None = None, limit: int = FEED_SIZE) -> list[PublicMedia]:
        """The latest public changes — publications, corrections, withdrawals — newest first."""
        stmt = (
            _with_revision()
            .where(
                MediaResponse.status.in_((PUBLISHED, WITHDRAWN)),
                MediaResponse.public_updated_at.is_not(None),
            )
            .order_by(MediaResponse.public_updated_at.desc(), MediaResponse.id.desc())
            .limit(limit)
        )
        if unit is not None:
            stmt = stmt.where(MediaResponse.unit_id == unit.id)
        return [self.view(item) for item in self.session.scalars(stmt)]


# --- JSON and CSV ----------------------------------------------------------------------------


def media_json(view: PublicMedia, history: list[PublicRevisionNote] | None = None) -> dict:
    """The API's and the JSON download's representation (the OpenAPI ``MediaResponse``)."""
    content = view.content
    document = {
        "public_id": view.public_id,
        "unit_code": view.unit_code,
        "unit_name": view.unit_name,
        "outlet": view.outlet,
        "reported_on": view.reported_on.isoformat(),
        "headline": view.headline,
        "link": (safe_http_url(content.link) or None) if content else None,
        "report_summary": content.report_summary if content else None,
        "response": content.response if content else None,
        "action_taken": content.action_taken if content else None,
        "published_at": utc_iso(view.first_published_at),
        "updated_at": utc_iso(view.updated_at),
        "revision": view.revision_no,
        "status": view.status,
        "correction_reason": view.correction_reason or None,
        "withdrawal": withdrawal_json(view),
        "url": url_for("media.media_detail", public_id=view.public_id, _external=True),
    }
    if history is not None:
        document["revisions"] = revisions_json(history, "media.media_revision", view.public_id)
    return document


CSV_HEADER = [
    "public_id",
    "unit_code",
    "unit_name",
    *PUBLIC_FIELDS,
    "published_at",
    "updated_at",
    "revision",
    "status",
    "url",
]


def media_csv_row(view: PublicMedia) -> list:
    data = media_json(view)
    return [data[column] for column in CSV_HEADER]
