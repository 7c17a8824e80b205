"""Enrolling and revoking kiosks; each change audited in the caller's transaction."""

from dataclasses import dataclass

from sqlalchemy import select

from portal.audit.services import Actor, record_change
from portal.core.models import utcnow
from portal.core.tokens import new_token, token_hash
from portal.kiosk.models import Kiosk
from portal.org.models import Unit


class KioskError(ValueError):
    """A refused change; the message is Chinese."""


@dataclass(frozen=True)
class Enrolment:
    kiosk: Kiosk
    #: the one-time token for the kiosk's cookie; only its hash is stored
    token: str


def enrol_kiosk(session, actor: Actor, *, name: str, location: str, unit: Unit) -> Enrolment:
    """Add a kiosk with a fresh token (shown once); the caller commits."""
    name = name.strip()
    if not name:
        raise KioskError("请填写终端名称")
    if session.scalars(select(Kiosk.id).where(Kiosk.name == name)).first() is not None:
        raise KioskError("已有同名终端，请换一个名称，例如加上编号")
    token = new_token()
    kiosk = Kiosk(name=name, location=location.strip(), unit=unit, token_hash=token_hash(token))
    session.add(kiosk)
    session.flush()
    _record(session, actor, "kiosk.enrol", kiosk)
    return Enrolment(kiosk, token)


def renew_token(session, actor: Actor, kiosk: Kiosk) -> Enrolment:
    """A new token for an active kiosk (its old cookie stops counting); the caller commits."""
    if not kiosk.is_active:
        raise KioskError("该终端已停用")
    token = new_token()
    kiosk.token_hash = token_hash(token)
    _record(session, actor, "kiosk.renew_token", kiosk)
    return Enrolment(kiosk, token)


def revoke_kiosk(session, actor: Actor, kiosk: Kiosk) -> None:
    """Stop a kiosk's token counting: its browser is an ordinary visitor from now on."""
    if not kiosk.is_active:
        raise KioskError("该终端已停用")
    before = kiosk.audit_snapshot()
    kiosk.revoked_at = utcnow()
    _record(session, actor, "kiosk.revoke", kiosk, before=before)


def _record(session, actor: Actor, action: str, kiosk: Kiosk, before: dict | None = None) -> None:
    record_change(
        session,
        actor,
        action,
        "kiosk",
        kiosk.id,
        before=before,
        after=kiosk.audit_snapshot(),
        unit_id=kiosk.unit_id,
    )
