"""What the public may know about an outcome — the one projection every public output uses.

Pages, the feed, CSV, JSON, the API and the search index turn an outcome into a
:class:`PublicOutcome` here and read nothing else: the current (or a given) published revision,
masked when it was published. A withdrawn outcome keeps only what identifies it and the notice.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from flask import url_for

from portal.complaints.models import CHANNELS, KINDS
from portal.core.public_record import (
    PublicRevisionNote,
    revisions_json,
    utc_iso,
    withdrawal_json,
)
from portal.core.publication import PUBLIC_STATUS_LABELS, PUBLISHED, WITHDRAWN
from portal.org.models import Unit
from portal.results.outcomes.models import CATEGORIES, ComplaintOutcome, ComplaintOutcomeRevision

FEED_ID_NAMESPACE = uuid.UUID("0b5e3c8e-7d1f-5a0e-b3f1-4c2d9e6a7f11")


@dataclass(frozen=True)
class PublicOutcome:
    public_id: str
    unit_code: str
    unit_name: str
    unit_short_name: str
    #: published, corrected or withdrawn
    status: str
    first_published_at: datetime
    updated_at: datetime
    revision_no: int
    revision_published_at: datetime
    correction_reason: str
    #: None when withdrawn: the content is no longer public
    content: ComplaintOutcomeRevision | None
    withdrawn_at: datetime | None
    withdrawal_reason: str

    @property
    def status_label(self) -> str:
        return PUBLIC_STATUS_LABELS[self.status]

    @property
    def title(self) -> str:
        if self.content is None:
            return f"{self.unit_short_name}办理结果（已撤下）"
        return f"{self.unit_short_name} {self.content.kind_label}：{self.content.category_label}"

    @property
    def feed_id(self) -> str:
        return uuid.uuid5(FEED_ID_NAMESPACE, f"outcome:{self.public_id}").urn


def public_view(
    outcome: ComplaintOutcome, unit: Unit, revision: ComplaintOutcomeRevision | None
) -> PublicOutcome | None:
    """``revision`` of ``outcome`` as the public may see it; None: never published."""
    if outcome.first_published_at is None or outcome.status not in (PUBLISHED, WITHDRAWN):
        return None
    if revision is None:
        return None
    status = outcome.public_status
    return PublicOutcome(
        public_id=outcome.public_id,
        unit_code=unit.code,
        unit_name=unit.name,
        unit_short_name=unit.short_name,
        status=status,
        first_published_at=outcome.first_published_at,
        updated_at=outcome.public_updated_at or outcome.first_published_at,
        revision_no=revision.revision_no,
        revision_published_at=revision.published_at,
        correction_reason=revision.reason,
        content=revision if status != "withdrawn" else None,
        withdrawn_at=outcome.withdrawn_at,
        withdrawal_reason=outcome.withdrawal_reason,
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def outcome_json(view: PublicOutcome, history: list[PublicRevisionNote] | None = None) -> dict:
    """The API's representation (the OpenAPI ``Outcome`` schema)."""
    content = view.content
    document = {
        "public_id": view.public_id,
        "unit_code": view.unit_code,
        "unit_name": view.unit_name,
        "kind": content.kind if content else None,
        "kind_label": KINDS[content.kind] if content else None,
        "category": content.category if content else None,
        "category_label": CATEGORIES[content.category] if content else None,
        "channel": content.channel if content else None,
        "channel_label": CHANNELS[content.channel] if content else None,
        "submitted_on": _iso(content.submitted_on) if content else None,
        "accepted_on": _iso(content.accepted_on) if content else None,
        "answered_on": _iso(content.answered_on) if content else None,
        "answered_on_time": content.answered_on_time if content else None,
        "summary": content.summary if content else None,
        "reply": content.reply if content else None,
        "rating": content.rating_level if content else None,
        "rating_label": content.rating_label if content else None,
        "published_at": utc_iso(view.first_published_at),
        "updated_at": utc_iso(view.updated_at),
        "revision": view.revision_no,
        "status": view.status,
        "withdrawal": withdrawal_json(view),
        "url": url_for("outcomes.outcome", public_id=view.public_id, _external=True),
    }
    if history is not None:
        document["revisions"] = revisions_json(history, "outcomes.outcome_revision", view.public_id)
    return document


CSV_HEADER = [
    "public_id",
    "unit_code",
    "unit_name",
    "kind_label",
    "category_label",
    "channel_label",
    "submitted_on",
    "accepted_on",
    "answered_on",
    "answered_on_time",
    "summary",
    "reply",
    "rating_label",
    "published_at",
    "revision",
    "status",
    "url",
]
def outcome_csv_row(view: PublicOutcome) -> list:
    data = outcome_json(view)
    on_time = data["answered_on_time"]
    data["answered_on_time"] = "" if on_time is None else ("是" if on_time else "否")
    return [data[column] for column in CSV_HEADER]
