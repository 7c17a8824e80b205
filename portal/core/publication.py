"""The publication lifecycle of everything the portal publishes (SPEC: Publication lifecycle).

    draft ──► review ──► published ──► published (corrected: a new revision) ──► withdrawn
      ▲  ╰──────────────────▲  │
      ╰── returned ─────────╯  ╰──────────────────────────────────────────────► withdrawn

A publishable kind (penalty decisions, disclosure documents; later outcomes, reviews, media
responses) is two tables:

* the item, with :class:`PublishableMixin`: the working copy staff edit (which may hold personal
  data), its status, and a ``public_id`` that is its permalink key for ever;
* its revisions, with :class:`RevisionMixin`: one row per publication holding exactly what the
  public saw — already masked — and, from the second on, the public reason for the correction.

Public pages, feeds, exports, the API and the search index read revisions only, never the
working copy. A ``portal.publishing.lifecycle.Lifecycle`` per kind does the state changes (kept
apart so that models can import this module without the audit and search packages).
"""

import secrets
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from portal.core.models import utcnow

DRAFT, REVIEW, PUBLISHED, WITHDRAWN = "draft", "review", "published", "withdrawn"

#: status → how staff see it
STATUS_LABELS = {DRAFT: "草稿", REVIEW: "待审核", PUBLISHED: "已公示", WITHDRAWN: "已撤下"}
#: public status (see ``PublishableMixin.public_status``) → how the public sees it
PUBLIC_STATUS_LABELS = {
    "published": "公示中",
    "corrected": "已更正",
    "withdrawn": "已撤下",
    "expired": "公示期满",
}
#: status → the statuses a lifecycle action may move it to
TRANSITIONS = {
    DRAFT: frozenset({REVIEW, PUBLISHED}),
    REVIEW: frozenset({DRAFT, PUBLISHED}),
    PUBLISHED: frozenset({PUBLISHED, WITHDRAWN}),  # published → published is a correction
    WITHDRAWN: frozenset(),
}
REASON_MAX_LENGTH = 1000

#: permalink keys: no 0/o, 1/l/i, so that a key read aloud or retyped survives
_PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_public_id(length: int = 10) -> str:
    return "".join(secrets.choice(_PUBLIC_ID_ALPHABET) for _ in range(length))


def status_constraint() -> CheckConstraint:
    """The CHECK every publishable table carries (put it in ``__table_args__``)."""
    return CheckConstraint(
        "status IN ('draft', 'review', 'published', 'withdrawn')", name="publication_status"
    )


class PublicationError(ValueError):
    """A lifecycle step the rules refuse; the message is Chinese and safe to show."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class PublishableMixin:
    #: draft → review → published → withdrawn (see ``TRANSITIONS``)
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    #: the permalink key, fixed at creation; the public URL answers for ever once published
    public_id: Mapped[str] = mapped_column(String(16), unique=True, default=new_public_id)
    #: how many revisions were published; the current public revision has this number
    revision_count: Mapped[int] = mapped_column(default=0)
    first_published_at: Mapped[datetime | None]
    #: when the public record last changed (publication, correction, withdrawal); feeds use it
    public_updated_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    #: shown publicly with the withdrawal notice
    withdrawal_reason: Mapped[str] = mapped_column(Text, default="")
    review_requested_at: Mapped[datetime | None]
    #: the reviewer's note when an item is sent back to draft (staff only)
    review_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def was_published(self) -> bool:
        return self.first_published_at is not None

    @property
    def is_corrected(self) -> bool:
        return self.revision_count > 1

    @property
    def public_status(self) -> str:
        if self.status == WITHDRAWN:
            return "withdrawn"
        return "corrected" if self.is_corrected else "published"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def lifecycle_snapshot(self) -> dict:
        return {
            "public_id": self.public_id,
            "status": self.status,
            "revision": self.revision_count,
            "withdrawal_reason": self.withdrawal_reason or None,
        }


class RevisionMixin:
    """One published version. Per kind: a foreign key to the item plus the public fields."""

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 1 for the first publication, then 2, 3 … for each correction
    revision_no: Mapped[int]
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: why this revision replaced the previous one (public); empty for the first
    reason: Mapped[str] = mapped_column(Text, default="")
    #: who published it (back office only)
    published_by_label: Mapped[str] = mapped_column(String(80), default="")

    @declared_attr
    def published_by_id(cls) -> Mapped[int | None]:
        return mapped_column(ForeignKey("staff_user.id"))
