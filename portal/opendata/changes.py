"""The site-wide change log: every publication, correction and withdrawal of every published
kind, newest first — read from the revision tables and the withdrawal notices, so it can never
disagree with the records themselves."""

from dataclasses import dataclass
from datetime import datetime

from flask import url_for
from sqlalchemy import Integer, String, and_, case, literal, null, select, tuple_, union_all

from portal.core.pagination import decode_cursor, encode_cursor
from portal.core.publication import WITHDRAWN
from portal.opendata.records import PUBLISHED_KINDS, PublishedKind
from portal.results.outcomes.models import CATEGORIES, PUBLISHABLE_KINDS

#: event → how the log names it
EVENTS = {"publish": "公示", "correct": "更正", "withdraw": "撤下"}


@dataclass(frozen=True)
class Change:
    at: datetime
    kind: str
    event: str
    row_id: int
    public_id: str
    revision_no: int
    #: the public reason of a correction or withdrawal ('' for a first publication)
    reason: str
    unit_id: int | None
    title: str

    @property
    def key(self) -> list:
        return [self.at.isoformat(), self.kind, self.event, self.row_id]

    @property
    def kind_label(self) -> str:
        return PUBLISHED_KINDS[self.kind].label

    @property
    def event_label(self) -> str:
        return EVENTS[self.event]

    @property
    def permalink(self) -> str:
        kind = PUBLISHED_KINDS[self.kind]
        if self.event == "correct":
            return url_for(
                kind.revision_endpoint,
                public_id=self.public_id,
                revision_no=self.revision_no,
                _external=True,
            )
        return url_for(kind.endpoint, public_id=self.public_id, _external=True)


def _title_column(kind: PublishedKind, revision_model):
    if kind.title_field:
        return getattr(revision_model, kind.title_field)
    return revision_model.category  # outcomes: named by kind and category (see _title)


def _unit_column(kind: PublishedKind):
    if kind.has_unit:
        return kind.item_model.unit_id
    return null().cast(Integer)  # review rounds cover every unit


def _kind_selects(kind: PublishedKind):
    item, revision = kind.item_model, kind.revision_model
    owner = getattr(revision, kind.owner_key)
    subkind = revision.kind if kind.name == "outcome" else null().cast(String)

    def columns(at, event, row_id, revision_no, reason):
        return (
            at.label("at"),
            literal(kind.name, String).label("kind"),
            event.label("event"),
            row_id.label("row_id"),
            item.public_id.label("public_id"),
            revision_no.label("revision_no"),
            reason.label("reason"),
            _unit_column(kind).label("unit_id"),
            _title_column(kind, revision).label("title"),
            subkind.label("subkind"),
        )

    published = (
        select(
            *columns(
                revision.published_at,
                case((revision.revision_no == 1, "publish"), else_="correct"),
                revision.id,
                revision.revision_no,
                revision.reason,
            )
        )
        .select_from(revision)
        .join(item, item.id == owner)
    )
    withdrawn = (
        select(
            *columns(
                item.withdrawn_at,
                literal("withdraw", String),
                item.id,
                item.revision_count,
                item.withdrawal_reason,
            )
        )
        .select_from(item)
        .join(revision, and_(owner == item.id, revision.revision_no == item.revision_count))
        .where(item.status == WITHDRAWN, item.withdrawn_at.is_not(None))
    )
    return published, withdrawn


def _title(row) -> str:
    if row.kind == "outcome":
        kind = PUBLISHABLE_KINDS.get(row.subkind, "")
        return f"{kind}办理结果（{CATEGORIES.get(row.title, row.title)}）"
    return row.title


def change_log():
    """All changes as one subquery (columns of :class:`Change` plus ``subkind``)."""
    selects = [part for kind in PUBLISHED_KINDS.values() for part in _kind_selects(kind)]
    return union_all(*selects).subquery("change_log")


def _to_change(row) -> Change:
    return Change(
        at=row.at,
        kind=row.kind,
        event=row.event,
        row_id=row.row_id,
        public_id=row.public_id,
        revision_no=row.revision_no,
        reason=row.reason or "",
        unit_id=row.unit_id,
        title=_title(row),
    )


def parse_key(values) -> tuple:
    at, kind, event, row_id = values
    if kind not in PUBLISHED_KINDS or event not in EVENTS or not isinstance(row_id, int):
        raise ValueError("not a change key")
    return datetime.fromisoformat(at), kind, event, row_id


def changes_page(
    session,
    *,
    cursor: str | None = None,
    size: int = 50,
    unit_id: int | None = None,
    kinds: tuple[str, ...] = (),
    events: tuple[str, ...] = (),
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[Change], str | None]:
    """One page of changes, newest first, and the cursor of the next (None: the last page).

    A bad cursor raises ValueError (the views answer 400)."""
    log = change_log()
    stmt = select(log)
    if unit_id is not None:
        stmt = stmt.where(log.c.unit_id == unit_id)
    if kinds:
        stmt = stmt.where(log.c.kind.in_(kinds))
    if events:
        stmt = stmt.where(log.c.event.in_(events))
    if since is not None:
        stmt = stmt.where(log.c.at > since)
    if until is not None:
        stmt = stmt.where(log.c.at <= until)
    if cursor:
        after = parse_key(decode_cursor(cursor, 4))
        position = tuple_(log.c.at, log.c.kind, log.c.event, log.c.row_id)
        stmt = stmt.where(position < tuple_(*after))
    order = (log.c.at.desc(), log.c.kind.desc(), log.c.event.desc(), log.c.row_id.desc())
    rows = session.execute(stmt.order_by(*order).limit(size + 1)).all()
    changes = [_to_change(row) for row in rows[:size]]
    next_cursor = encode_cursor(tuple(changes[-1].key)) if len(rows) > size else None
    return changes, next_cursor
