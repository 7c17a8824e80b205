"""The append-only, hash-chained audit log."""

from datetime import datetime

from sqlalchemy import DDL, ForeignKey, String, Text, event, inspect
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db


class AuditEntry(db.Model):
    """One change: who, when, what object, its state before and after.

    ``entry_hash`` = SHA-256 over the previous entry's hash and this entry's fields, so editing
    or deleting any row breaks the chain from that row on (``flask --app portal audit verify``).
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the staff user who made the change; None for the command line and the public
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    #: who, as text that survives the user's renaming: ``username`` or ``cli`` or ``public``
    actor_label: Mapped[str] = mapped_column(String(80))
    #: dotted verb, e.g. ``unit.update``, ``user.create``, ``decision.publish``
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(64))
    #: the unit the object belongs to, so unit staff see their own unit's history
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    #: canonical JSON (sorted keys) — stored as text so that no database reorders it
    before_json: Mapped[str] = mapped_column(Text, default="null")
    after_json: Mapped[str] = mapped_column(Text, default="null")
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)

    @classmethod
    def unit_scope_column(cls):
        return cls.unit_id


class AuditChainHead(db.Model):
    """A single row: the hash of the newest entry.

    Appending locks this row first, so concurrent appenders queue and each links to the entry
    committed just before; comparing it with the last entry also reveals a deleted tail.
    """

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_entry_id: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default="")


# create_all() (tests) gets the head row the same way the migration inserts it
event.listen(
    AuditChainHead.__table__,
    "after_create",
    DDL("INSERT INTO audit_chain_head (id, last_entry_id, last_hash) VALUES (1, 0, '')"),
)


@event.listens_for(AuditEntry, "before_update")
def _refuse_update(_mapper, _connection, entry: AuditEntry) -> None:
    """Entries are append-only; the one update allowed seals a new entry with its hash."""
    state = inspect(entry)
    changed = {attribute.key for attribute in state.attrs if attribute.history.has_changes()}
    sealing = changed == {"entry_hash"} and state.attrs.entry_hash.history.deleted == [""]
    if not sealing:
        raise PermissionError("audit entries are append-only")


@event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(_mapper, _connection, _entry: AuditEntry) -> None:
    raise PermissionError("audit entries are append-only")
