"""Creating, revoking and checking integration keys; every change audited in its transaction."""

from sqlalchemy import select

from portal.api.open311.models import Open311Key
from portal.audit.services import Actor, record_change
from portal.core.models import utcnow
from portal.core.tokens import new_token, token_hash

KEY_PREFIX_LENGTH = 8


class KeyRefused(ValueError):
    """A key operation refused; the message is Chinese."""


def create_key(session, actor: Actor, name: str) -> tuple[Open311Key, str]:
    """Add a key for the integration ``name``; returns it and the key itself (shown once)."""
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise KeyRefused("接入方名称应为1至60个字符")
    if session.scalars(select(Open311Key).where(Open311Key.name == name)).first():
        raise KeyRefused(f"已有名为“{name}”的接入方")
    key = new_token()
    row = Open311Key(
        name=name,
        key_hash=token_hash(key),
        key_prefix=key[:KEY_PREFIX_LENGTH],
        created_at=utcnow(),
        created_by=actor.label,
    )
    session.add(row)
    session.flush()
    record_change(
        session, actor, "open311_key.create", "open311_key", name, after=row.audit_snapshot()
    )
    return row, key


def revoke_key(session, actor: Actor, name: str) -> Open311Key:
    """Revoke the key of ``name`` (at once, for every worker: it is looked up per request)."""
    row = session.scalars(select(Open311Key).where(Open311Key.name == name)).first()
    if row is None:
        raise KeyRefused(f"没有名为“{name}”的接入方")
    if row.revoked_at is not None:
        raise KeyRefused(f"“{name}”的密钥已经停用")
    before = row.audit_snapshot()
    row.revoked_at = utcnow()
    record_change(
        session,
        actor,
        "open311_key.revoke",
        "open311_key",
        name,
        before=before,
        after=row.audit_snapshot(),
    )
    return row


def active_key(session, key: str) -> Open311Key | None:
    """The working key row for ``key``; None when unknown or revoked."""
    if not key or len(key) > 200:
        return None
    row = session.scalars(select(Open311Key).where(Open311Key.key_hash == token_hash(key))).first()
    return row if row is not None and row.revoked_at is None else None


def all_keys(session) -> list[Open311Key]:
    return list(session.scalars(select(Open311Key).order_by(Open311Key.created_at, Open311Key.id)))
