"""Writing and verifying the audit log.

Every service that changes state calls ``record_change`` inside its own transaction, so the
change and its audit entry commit together or not at all.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from portal.audit.models import AuditChainHead, AuditEntry
from portal.core.models import utcnow


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a staff user, or a named non-user such as ``cli``."""

    user_id: int | None
    label: str

    @classmethod
    def of_user(cls, user) -> "Actor":
        return cls(user.id, user.username)


CLI_ACTOR = Actor(None, "cli")
PUBLIC_ACTOR = Actor(None, "public")


def _json_default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not JSON-serialisable in an audit entry: {type(value).__name__}")


def canonical_json(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_json_default)


def entry_digest(entry: AuditEntry) -> str:
    """The hash of an entry's content chained to the previous entry's hash."""
    fields = [
        entry.id,
        entry.at.isoformat(timespec="microseconds"),
        entry.actor_id,
        entry.actor_label,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.unit_id,
        entry.before_json,
        entry.after_json,
    ]
    payload = entry.prev_hash + "\n" + json.dumps(fields, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record_change(
    session,
    actor: Actor,
    action: str,
    obj_type: str,
    obj_id,
    *,
    before: dict | None = None,
    after: dict | None = None,
    unit_id: int | None = None,
) -> AuditEntry:
    """Append one entry to the chain in the caller's transaction (which the caller commits)."""
    head = session.scalars(
        select(AuditChainHead).where(AuditChainHead.id == 1).with_for_update()
    ).one()
    entry = AuditEntry(
        at=utcnow(),
        actor_id=actor.user_id,
        actor_label=actor.label,
        action=action,
        object_type=obj_type,
        object_id=str(obj_id),
        unit_id=unit_id,
        before_json=canonical_json(before),
        after_json=canonical_json(after),
        prev_hash=head.last_hash,
        entry_hash="",
    )
    session.add(entry)
    session.flush()  # assigns the id, which the hash covers
    entry.entry_hash = entry_digest(entry)
    head.last_entry_id = entry.id
    head.last_hash = entry.entry_hash
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    entries_checked: int
    #: id of the first entry that fails, or None when the chain is intact
    first_bad_id: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.first_bad_id is None and not self.problem


def verify_chain(session, batch_size: int = 5000) -> ChainReport:
    """Recompute every hash in id order; report the first entry that does not match."""
    previous_hash = ""
    checked = 0
    last_id = 0
    while True:
        batch = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.id > last_id)
            .order_by(AuditEntry.id)
            .limit(batch_size)
        ).all()
        if not batch:
            break
        for entry in batch:
            if entry.prev_hash != previous_hash:
                return ChainReport(
                    checked,
                    entry.id,
                    "its prev_hash does not match the previous entry (one was deleted or altered)",
                )
            if entry_digest(entry) != entry.entry_hash:
                return ChainReport(
                    checked, entry.id, "its content does not match its hash (the entry was altered)"
                )
            previous_hash = entry.entry_hash
            last_id = entry.id
            checked += 1
        session.expunge_all()
    head = session.get(AuditChainHead, 1)
    if head is None or head.last_hash != previous_hash or head.last_entry_id != last_id:
        bad_id = head.last_entry_id if head else None
        return ChainReport(
            checked,
            bad_id,
            "the chain head does not match the last entry (entries at the end were deleted)",
        )
    return ChainReport(checked)
