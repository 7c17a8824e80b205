"""Every public record of every published kind, as the lines of the integrity snapshot.

One line per published revision (what the public saw, masked when it was published) and one
per withdrawal. A line's ``sha256`` covers everything in it except the ``fields``, which it
covers through ``fields_sha256``: so the text of a record that is no longer public (withdrawn,
or a decision past its publication period) can be left out of a download while its line, and
with it the day's Merkle root, stays verifiable. Kinds are registered in ``PUBLISHED_KINDS``;
a new publishable kind adds one entry.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from portal.core.models import local_today
from portal.core.public_record import utc_iso
from portal.core.publication import PUBLISHED, WITHDRAWN
from portal.disclosure.decisions import models as decision_models
from portal.disclosure.decisions.rules import RetentionCutoffs, current_settings
from portal.disclosure.models import DisclosureDocument, DocumentRevision
from portal.org.models import Unit
from portal.results.media import models as media_models
from portal.results.models import ReviewRound, ReviewRoundRevision
from portal.results.outcomes import models as outcome_models


@dataclass(frozen=True)
class PublishedKind:
    #: the line's ``kind`` (and the audit/search kind)
    name: str
    label: str
    item_model: type
    revision_model: type
    #: the revision's foreign key to the item
    owner_key: str
    #: the revision's public fields, in the order of the downloads
    fields: tuple[str, ...]
    #: the permalink endpoints (``public_id``; and ``revision_no``)
    endpoint: str
    revision_endpoint: str
    #: the revision field whose year files it in the yearly bulk download
    year_field: str
    #: the revision field that names it in lists (None: built by ``title_of``)
    title_field: str | None

    @property
    def has_unit(self) -> bool:
        return hasattr(self.item_model, "unit_id")


PUBLISHED_KINDS = {
    kind.name: kind
    for kind in (
        PublishedKind(
            "decision",
            "行政处罚决定",
            decision_models.PenaltyDecision,
            decision_models.DecisionRevision,
            "decision_id",
            decision_models.PUBLIC_FIELDS,
            "disclosure.decision",
            "disclosure.decision_revision",
            "decided_on",
            "doc_no",
        ),
        PublishedKind(
            "document",
            "公示文件",
            DisclosureDocument,
            DocumentRevision,
            "document_id",
            ("kind", "title", "body_html"),
            "disclosure.document",
            "disclosure.document_revision",
            "published_at",
            "title",
        ),
        PublishedKind(
            "outcome",
            "投诉办理结果",
            outcome_models.ComplaintOutcome,
            outcome_models.ComplaintOutcomeRevision,
            "outcome_id",
            outcome_models.PUBLIC_FIELDS,
            "outcomes.outcome",
            "outcomes.outcome_revision",
            "answered_on",
            None,
        ),
        PublishedKind(
            "review_round",
            "案卷评查",
            ReviewRound,
            ReviewRoundRevision,
            "round_id",
            ("name", "held_on", "summary", "findings"),
            "results.review_round",
            "results.review_round_revision",
            "held_on",
            "name",
        ),
        PublishedKind(
            "media",
            "舆论回应",
            media_models.MediaResponse,
            media_models.MediaResponseRevision,
            "media_response_id",
            media_models.PUBLIC_FIELDS,
            "media.media_detail",
            "media.media_revision",
            "reported_on",
            "headline",
        ),
    )
}


def title_of(kind: PublishedKind, revision) -> str:
    if kind.title_field:
        return getattr(revision, kind.title_field)
    # an outcome has no title of its own: its kind and category
    return f"{revision.kind_label}（{revision.category_label}）"


# --- canonical form and hashes -------------------------------------------------------------


def json_value(value):
    """A field's value as the snapshot writes it (the same on SQLite and PostgreSQL)."""
    if isinstance(value, datetime):
        return utc_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def line_digest(line: dict) -> str:
    """The hash of a line: every key but ``fields`` (covered by ``fields_sha256``) and
    ``sha256`` itself."""
    return sha256_hex(canonical({k: v for k, v in line.items() if k not in ("fields", "sha256")}))


def line_key(line: dict) -> tuple:
    """Identifies a line across days: a revision never changes, a withdrawal never goes."""
    return (line["kind"], line["id"], line["event"], line.get("revision") or 0)


def line_label(line: dict) -> str:
    what = f"revision {line['revision']}" if line["event"] == "revision" else "withdrawal"
    return f"{line['kind']} {line['id']} {what}"


# --- the lines of the database -------------------------------------------------------------


def content_is_public(kind: PublishedKind, item, cutoffs: RetentionCutoffs) -> bool:
    """Whether the item's published text is still shown (not withdrawn, not expired)."""
    if item.status != PUBLISHED:
        return False
    if kind.name == "decision":
        return cutoffs.listed(item.party_type, item.decided_on)
    return True


def current_cutoffs(today: date | None = None) -> RetentionCutoffs:
    return RetentionCutoffs.on(today or local_today(), current_settings())


def unit_codes(session) -> dict[int, str]:
    return dict(session.execute(select(Unit.id, Unit.code)).all())


def revision_line(kind: PublishedKind, item, revision, unit_code: str | None) -> dict:
    fields = {name: json_value(getattr(revision, name)) for name in kind.fields}
    line = {
        "kind": kind.name,
        "id": item.public_id,
        "event": "revision",
        "revision": revision.revision_no,
        "unit": unit_code,
        "at": utc_iso(revision.published_at),
        "reason": revision.reason,
        "fields_sha256": sha256_hex(canonical(fields)),
        "fields": fields,
    }
    line["sha256"] = line_digest(line)
    return line


def withdrawal_line(kind: PublishedKind, item, unit_code: str | None) -> dict:
    line = {
        "kind": kind.name,
        "id": item.public_id,
        "event": "withdrawal",
        "unit": unit_code,
        "at": utc_iso(item.withdrawn_at),
        "reason": item.withdrawal_reason,
    }
    line["sha256"] = line_digest(line)
    return line


def public_lines(session, today: date | None = None, batch_size: int = 500) -> Iterator[dict]:
    """Every line of the public record now, in snapshot order (kind, permalink key, revision,
    then the withdrawal). Lines whose text is no longer public carry ``fields`` = None."""
    units = unit_codes(session)
    cutoffs = current_cutoffs(today)
    for name in sorted(PUBLISHED_KINDS):
        kind = PUBLISHED_KINDS[name]
        item_model, revision_model = kind.item_model, kind.revision_model
        owner = getattr(revision_model, kind.owner_key)
        last_public_id = ""
        while True:
            items = session.scalars(
                select(item_model)
                .where(
                    item_model.status.in_((PUBLISHED, WITHDRAWN)),
                    item_model.first_published_at.is_not(None),
                    item_model.public_id > last_public_id,
                )
                .order_by(item_model.public_id)
                .limit(batch_size)
            ).all()
            if not items:
                break
            by_id = {item.id: item for item in items}
            revisions: dict[int, list] = {item.id: [] for item in items}
            for revision in session.scalars(
                select(revision_model)
                .where(owner.in_(list(by_id)))
                .order_by(owner, revision_model.revision_no)
            ):
                revisions[getattr(revision, kind.owner_key)].append(revision)
            for item in items:
                unit_code = units.get(item.unit_id) if kind.has_unit else None
                shown = content_is_public(kind, item, cutoffs)
                for revision in revisions[item.id]:
                    line = revision_line(kind, item, revision, unit_code)
                    if not shown:
                        line["fields"] = None
                    yield line
                if item.status == WITHDRAWN:
                    yield withdrawal_line(kind, item, unit_code)
            last_public_id = items[-1].public_id
            for loaded in [*items, *(r for rows in revisions.values() for r in rows)]:
                session.expunge(loaded)  # a million decisions must not stay in memory
