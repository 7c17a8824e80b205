"""Staff corrections of the automatic masking, kept with an item's working copy.

In the masked preview staff may hide a further span (``mask``: every occurrence of that text is
then masked too) or show a detected *name* that is no person (``unmask``, with a reason); an
ID number, phone, card, e-mail or any other finding can never be unmasked. Every masking of the
item — preview, publication, correction, ``masking rescan`` — reads these rows through
:func:`overrides_options`, so what staff decided holds at publication and afterwards.

The audit log is never pruned, so its entries carry the text's masked form and a fingerprint,
not the text itself.
"""

import hashlib
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from portal.audit.services import Actor, record_change
from portal.core.masking import UNMASKABLE_KINDS, Finding
from portal.core.models import utcnow
from portal.core.publication import PublicationError
from portal.extensions import db

MASK, UNMASK = "mask", "unmask"
SPAN_MAX_LENGTH = 100
REASON_MAX_LENGTH = 500


class MaskingOverride(db.Model):
    """One staff decision about the masking of one item's texts."""

    __tablename__ = "masking_override"
    __table_args__ = (
        CheckConstraint("action IN ('mask', 'unmask')", name="action"),
        UniqueConstraint("item_kind", "item_id", "action", "text"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the publishable kind: decision, media, document; complaint (its outcome, see
    #: ``portal.results.outcomes.masking``)
    item_kind: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[int] = mapped_column(index=True)
    #: mask: hide every occurrence of ``text``; unmask: ``text`` was detected as a name wrongly
    action: Mapped[str] = mapped_column(String(10))
    #: the span as written in the working copy (private, like the working copy)
    text: Mapped[str] = mapped_column(String(SPAN_MAX_LENGTH))
    #: why (required for unmask; staff only)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def overrides_of(session, item_kind: str, item_id: int | None) -> list[MaskingOverride]:
    if item_id is None:
        return []
    return session.scalars(
        select(MaskingOverride)
        .where(MaskingOverride.item_kind == item_kind, MaskingOverride.item_id == item_id)
        .order_by(MaskingOverride.id)
    ).all()


def overrides_options(item_kind: str, item_id: int | None, session=None) -> dict:
    """The ``extra_spans`` and ``unmasked_names`` arguments of ``mask_text`` for an item."""
    rows = overrides_of(session or db.session, item_kind, item_id)
    return {
        "extra_spans": [row.text for row in rows if row.action == MASK],
        "unmasked_names": [row.text for row in rows if row.action == UNMASK],
    }


def _snapshot(row: MaskingOverride) -> dict:
    fingerprint = hashlib.sha256(row.text.encode("utf-8")).hexdigest()[:16]
    shown = row.text[:1] + "某" * (len(row.text) - 1) if row.action == UNMASK else "*"
    return {
        "item": f"{row.item_kind}:{row.item_id}",
        "action": row.action,
        "length": len(row.text),
        "text_masked": shown,
        "text_fingerprint": fingerprint,
        "reason": row.reason or None,
    }


def _clean_span(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise PublicationError("请先在预览中选中要隐去的文字", "text")
    if len(text) > SPAN_MAX_LENGTH:
        raise PublicationError(f"一次最多隐去{SPAN_MAX_LENGTH}个字", "text")
    return text


def add_mask(
    session, actor: Actor, item_kind: str, item, text: str, *, unit_id: int | None = None
) -> MaskingOverride:
    """Hide every occurrence of ``text`` in the item's public texts from now on."""
    return _add(session, actor, item_kind, item.id, MASK, _clean_span(text), "", unit_id)


def add_unmask(
    session,
    actor: Actor,
    item_kind: str,
    item,
    text: str,
    reason: str,
    findings: list[Finding],
    *,
    unit_id: int | None = None,
) -> MaskingOverride:
    """Show a detected name that is no person's. ``findings`` are the item's current findings:
    only a name among them can be unmasked, never a number, an e-mail or an address."""
    text = (text or "").strip()
    reason = (reason or "").strip()
    matching = [finding for finding in findings if finding.original.strip() == text]
    if not matching:
        raise PublicationError("预览中没有这处自动隐去的内容", "text")
    if any(finding.kind not in UNMASKABLE_KINDS for finding in matching):
        raise PublicationError("证件号码、电话、银行卡号、电子邮箱等不能取消隐去", "text")
    if not reason:
        raise PublicationError("请说明为什么这不是自然人的姓名", "reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise PublicationError(f"原因最多{REASON_MAX_LENGTH}个字", "reason")
    return _add(session, actor, item_kind, item.id, UNMASK, text, reason, unit_id)


def remove(session, actor: Actor, row: MaskingOverride, *, unit_id: int | None = None) -> None:
    """Take a staff decision back: the automatic masking applies again."""
    before = _snapshot(row)
    session.delete(row)
    session.flush()
    record_change(
        session, actor, "masking.revert", row.item_kind, row.item_id, before=before, unit_id=unit_id
    )


def _add(
    session,
    actor: Actor,
    item_kind: str,
    item_id: int,
    action: str,
    text: str,
    reason: str,
    unit_id: int | None,
) -> MaskingOverride:
    """The row for this decision, audited; the existing one if staff made it already."""
    existing = session.scalars(
        select(MaskingOverride).where(
            MaskingOverride.item_kind == item_kind,
            MaskingOverride.item_id == item_id,
            MaskingOverride.action == action,
            MaskingOverride.text == text,
        )
    ).first()
    if existing is not None:
        return existing
    row = MaskingOverride(
        item_kind=item_kind,
        item_id=item_id,
        action=action,
        text=text,
        reason=reason,
        created_by_id=actor.user_id,
    )
    session.add(row)
    session.flush()
    record_change(
        session,
        actor,
        f"masking.{action}",
        item_kind,
        item_id,
        after=_snapshot(row),
        unit_id=unit_id,
    )
    return row
