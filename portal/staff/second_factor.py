"""The second factor of back-office accounts: enrolment, the login's second step, recovery
codes and an administrator's reset. Every change is audited; no request or flash in here."""

from datetime import datetime

from sqlalchemy import select

from portal.audit.services import Actor, record_change
from portal.core.models import utcnow
from portal.staff.models import RecoveryCode, StaffUser, new_session_token
from portal.staff.services import StaffError
from portal.staff.totp import (
    accepted_step,
    is_totp_shaped,
    new_recovery_codes,
    new_secret,
    normalise_code,
    recovery_code_hash,
)


def needs_second_step(user: StaffUser, required: frozenset[str]) -> bool:
    """Whether a correct password alone is not enough for ``user`` to log in."""
    return user.has_totp or user.role in required


def start_enrolment(session, user: StaffUser) -> str:
    """The secret the user is about to enrol (kept across page loads until confirmed)."""
    if user.has_totp:
        raise StaffError("该账号已启用双重验证", "code")
    if not user.totp_secret:
        user.totp_secret = new_secret()
        session.flush()
    return user.totp_secret


def _replace_recovery_codes(session, user: StaffUser) -> list[str]:
    codes = new_recovery_codes()
    user.recovery_codes.clear()
    session.flush()
    user.recovery_codes.extend(RecoveryCode(code_hash=recovery_code_hash(code)) for code in codes)
    session.flush()
    return codes


def _put_in_force(session, actor: Actor, user: StaffUser, step: int | None) -> list[str]:
    """Enable the secret already on ``user`` and hand out fresh recovery codes, audited."""
    user.totp_enabled_at = utcnow()
    user.totp_last_step = step
    codes = _replace_recovery_codes(session, user)
    record_change(
        session,
        actor,
        "user.totp_enrol",
        "staff_user",
        user.id,
        after={"totp": True, "recovery_codes": len(codes)},
        unit_id=user.unit_id,
    )
    return codes


def confirm_enrolment(session, actor: Actor, user: StaffUser, code: str, at: datetime) -> list[str]:
    """Put the pending secret in force once the user proves their app shows its codes.

    Returns the ten recovery codes, to be shown once; only their hashes are kept."""
    if user.has_totp or not user.totp_secret:
        raise StaffError("请重新开始绑定", "code")
    step = accepted_step(user.totp_secret, normalise_code(code), user.totp_last_step, at)
    if step is None:
        raise StaffError("验证码不正确或已过期，请输入身份验证器上当前显示的6位数字", "code")
    return _put_in_force(session, actor, user, step)


def enrol_directly(session, actor: Actor, user: StaffUser) -> tuple[str, list[str]]:
    """Enrol ``user`` at once (the CLI): the secret and the recovery codes, shown once."""
    if user.has_totp:
        raise StaffError(f"{user.username} 已启用双重验证；如需重新绑定，请先重置")
    user.totp_secret = new_secret()
    return user.totp_secret, _put_in_force(session, actor, user, None)


def pass_second_step(session, user: StaffUser, code: str, at: datetime) -> str | None:
    """``totp`` or ``recovery`` when ``code`` is a fresh TOTP code or an unused recovery code
    of ``user`` (which is then spent); None otherwise. The caller records the login."""
    if not user.has_totp:
        return None
    typed = normalise_code(code)
    if is_totp_shaped(typed):
        step = accepted_step(user.totp_secret, typed, user.totp_last_step, at)
        if step is None:
            return None
        user.totp_last_step = step
        session.flush()
        return "totp"
    recovery = session.scalars(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == recovery_code_hash(typed),
            RecoveryCode.used_at.is_(None),
        )
    ).first()
    if recovery is None:
        return None
    recovery.used_at = utcnow()
    session.flush()
    return "recovery"


def unused_recovery_codes(user: StaffUser) -> int:
    return sum(1 for code in user.recovery_codes if code.used_at is None)


def regenerate_recovery_codes(session, actor: Actor, user: StaffUser) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    if not user.has_totp:
        raise StaffError("请先启用双重验证", "code")
    codes = _replace_recovery_codes(session, user)
    record_change(
        session,
        actor,
        "user.recovery_codes",
        "staff_user",
        user.id,
        after={"recovery_codes": len(codes)},
        unit_id=user.unit_id,
    )
    return codes


def reset_totp(session, actor: Actor, user: StaffUser) -> None:
    """An administrator removes another user's second factor (a lost phone): the user enrols
    again at the next login, and every open session of theirs ends."""
    if actor.user_id == user.id:
        raise StaffError("不能重置自己的双重验证，请由另一位系统管理员操作", "code")
    had_totp = user.has_totp
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    user.recovery_codes.clear()
    user.session_token = new_session_token()
    session.flush()
    record_change(
        session,
        actor,
        "user.totp_reset",
        "staff_user",
        user.id,
        before={"totp": had_totp},
        after={"totp": False},
        unit_id=user.unit_id,
    )
