"""State changes of the publication lifecycle (see :mod:`portal.core.publication`).

Each step checks the transition, writes the audit entry and — for anything the public sees —
the search-outbox row, all in the caller's transaction, which the caller commits.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from portal.audit.services import Actor, record_change
from portal.core.models import utcnow
from portal.core.publication import (
    DRAFT,
    PUBLISHED,
    REASON_MAX_LENGTH,
    REVIEW,
    STATUS_LABELS,
    TRANSITIONS,
    WITHDRAWN,
    PublicationError,
)
from portal.search.outbox import record_index_change


def _clean_reason(reason: str | None, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise PublicationError(f"请填写{what}", "reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise PublicationError(f"{what}最多{REASON_MAX_LENGTH}个字", "reason")
    return reason


@dataclass(frozen=True)
class Lifecycle:
    """The lifecycle of one kind: ``kind`` names its audit object type, its audit actions
    (``decision.publish`` …) and its search-outbox kind."""

    kind: str
    revision_model: type
    #: the revision model's foreign-key attribute naming the item, e.g. ``decision_id``
    owner_key: str
    #: the item's audit snapshot (before/after of every entry)
    snapshot: Callable[[object], dict]
    #: whether the kind is in the search index (each public change then writes an outbox row)
    indexed: bool = True

    # --- reading ---

    def revision(self, session, item, number: int | None = None):
        """Revision ``number`` of ``item`` (default: the current one), or None."""
        number = item.revision_count if number is None else number
        if number < 1:
            return None
        owner = getattr(self.revision_model, self.owner_key)
        return session.scalars(
            select(self.revision_model).where(
                owner == item.id, self.revision_model.revision_no == number
            )
        ).first()

    def revisions(self, session, item) -> list:
        owner = getattr(self.revision_model, self.owner_key)
        return session.scalars(
            select(self.revision_model)
            .where(owner == item.id)
            .order_by(self.revision_model.revision_no)
        ).all()

    # --- changing ---

    def _move(self, item, target: str) -> None:
        if target not in TRANSITIONS[item.status]:
            raise PublicationError(
                f"当前状态为“{STATUS_LABELS[item.status]}”，不能改为“{STATUS_LABELS[target]}”"
            )
        item.status = target

    def _audit(self, session, actor: Actor, item, action: str, before: dict, **extra) -> None:
        session.flush()
        record_change(
            session,
            actor,
            f"{self.kind}.{action}",
            self.kind,
            item.id,
            before=before,
            after={**self.snapshot(item), **extra},
            unit_id=getattr(item, "unit_id", None),
        )

    def _index(self, session, item) -> None:
        if self.indexed:
            record_index_change(session, self.kind, item.id)

    def submit_for_review(self, session, actor: Actor, item, *, now: datetime | None = None):
        before = self.snapshot(item)
        self._move(item, REVIEW)
        item.review_requested_at = now or utcnow()
        item.review_note = ""
        self._audit(session, actor, item, "submit", before)

    def return_to_draft(self, session, actor: Actor, item, note: str):
        before = self.snapshot(item)
        if item.status != REVIEW:
            raise PublicationError("只有待审核的内容可以退回")
        self._move(item, DRAFT)
        item.review_note = _clean_reason(note, "退回意见")
        self._audit(session, actor, item, "return", before)

    def _add_revision(self, session, actor, item, content: dict, reason: str, now: datetime):
        item.revision_count += 1
        revision = self.revision_model(
            **{self.owner_key: item.id},
            revision_no=item.revision_count,
            published_at=now,
            reason=reason,
            published_by_id=actor.user_id,
            published_by_label=actor.label,
            **content,
        )
        session.add(revision)
        item.public_updated_at = now
        return revision

    def publish(self, session, actor: Actor, item, content: dict, *, now: datetime | None = None):
        """First publication: revision 1 holds ``content`` (the masked public fields)."""
        if item.status == PUBLISHED:
            raise PublicationError("已经公示，如需修改请使用“更正”")
        before = self.snapshot(item)
        self._move(item, PUBLISHED)
        now = now or utcnow()
        session.flush()  # the item's id, for the revision
        revision = self._add_revision(session, actor, item, content, "", now)
        item.first_published_at = item.first_published_at or now
        self._audit(session, actor, item, "publish", before)
        self._index(session, item)
        return revision

    def correct(
        self,
        session,
        actor: Actor,
        item,
        content: dict,
        reason: str,
        *,
        before: dict | None = None,
        now: datetime | None = None,
    ):
        """A new revision replaces the current one; ``reason`` is shown publicly.

        ``before`` is the item's snapshot taken before the caller changed its working copy.
        """
        if item.status != PUBLISHED:
            raise PublicationError("只有公示中的内容可以更正")
        reason = _clean_reason(reason, "更正原因")
        before = before if before is not None else self.snapshot(item)
        self._move(item, PUBLISHED)
        revision = self._add_revision(session, actor, item, content, reason, now or utcnow())
        self._audit(session, actor, item, "correct", before, reason=reason)
        self._index(session, item)
        return revision

    def withdraw(
        self, session, actor: Actor, item, reason: str, *, now: datetime | None = None
    ) -> None:
        """撤下: off every list, feed and the index; the permalink says when and why."""
        if item.status != PUBLISHED:
            raise PublicationError("只有公示中的内容可以撤下")
        reason = _clean_reason(reason, "撤下原因")
        before = self.snapshot(item)
        self._move(item, WITHDRAWN)
        now = now or utcnow()
        item.withdrawn_at = now
        item.withdrawal_reason = reason
        item.public_updated_at = now
        self._audit(session, actor, item, "withdraw", before)
        self._index(session, item)
