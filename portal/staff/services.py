"""Staff accounts: creating, changing, logging in. Every change is audited."""

from sqlalchemy import func, select

from portal.audit.services import Actor, record_change
from portal.core.models import utcnow
from portal.org.models import Unit
from portal.staff.models import ROLES, StaffUser, new_session_token
from portal.staff.passwords import hash_password, needs_rehash, password_problem, verify_password


class StaffError(ValueError):
    """A request the rules refuse; the message is Chinese and safe to show."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _check_role_and_unit(session, role: str, unit_code: str | None) -> Unit | None:
    if role not in ROLES:
        raise StaffError("角色无效", "role")
    if not unit_code:
        if role == "staff":
            raise StaffError("承办人员必须归属一个执法单位", "unit")
        return None
    unit = session.scalars(select(Unit).where(Unit.code == unit_code)).first()
    if unit is None:
        raise StaffError(f"没有代码为 {unit_code} 的执法单位", "unit")
    return unit


def create_user(
    session,
    actor: Actor,
    *,
    username: str,
    password: str,
    role: str,
    unit_code: str | None = None,
    display_name: str = "",
) -> StaffUser:
    username = username.strip()
    if not username:
        raise StaffError("请填写用户名", "username")
    exists = session.scalar(
        select(func.count())
        .select_from(StaffUser)
        .where(func.lower(StaffUser.username) == username.lower())
    )
    if exists:
        raise StaffError(f"用户名 {username} 已存在", "username")
    problem = password_problem(password)
    if problem:
        raise StaffError(problem, "password")
    unit = _check_role_and_unit(session, role, unit_code)
    user = StaffUser(
        username=username,
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        role=role,
        unit=unit,
        password_changed_at=utcnow(),
    )
    session.add(user)
    session.flush()
    record_change(
        session,
        actor,
        "user.create",
        "staff_user",
        user.id,
        after=user.audit_snapshot(),
        unit_id=user.unit_id,
    )
    return user


def update_user(
    session,
    actor: Actor,
    user: StaffUser,
    *,
    role: str,
    unit_code: str | None,
    display_name: str,
    is_enabled: bool,
) -> StaffUser:
    if actor.user_id == user.id and (role != user.role or not is_enabled):
        raise StaffError("不能更改自己的角色或停用自己的账号", "role")
    before = user.audit_snapshot()
    unit = _check_role_and_unit(session, role, unit_code)
    if user.is_enabled and not is_enabled:
        user.session_token = new_session_token()  # ends the user's open sessions
    user.role, user.unit, user.display_name, user.is_enabled = (
        role,
        unit,
        display_name.strip(),
        is_enabled,
    )
    session.flush()
    record_change(
        session,
        actor,
        "user.update",
        "staff_user",
        user.id,
        before=before,
        after=user.audit_snapshot(),
        unit_id=user.unit_id,
    )
    return user


def set_password(session, actor: Actor, user: StaffUser, password: str) -> None:
    """Set a new password and end the user's other sessions."""
    problem = password_problem(password)
    if problem:
        raise StaffError(problem, "password")
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    user.session_token = new_session_token()
    session.flush()
    # the audit entry says that it changed, never what it is
    record_change(
        session,
        actor,
        "user.password",
        "staff_user",
        user.id,
        after={"password_changed": True},
        unit_id=user.unit_id,
    )


def check_credentials(session, username: str, password: str) -> StaffUser | None:
    """The enabled user with this username and password, or None. Not yet logged in: a user
    with a second factor still has to pass it (``record_login`` then)."""
    user = session.scalars(
        select(StaffUser).where(func.lower(StaffUser.username) == username.strip().lower())
    ).first()
    if not verify_password(user.password_hash if user else None, password):
        return None
    if not user.is_enabled:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def record_login(session, user: StaffUser, second_factor: str | None = None) -> None:
    """Note a completed login (``second_factor``: ``totp``, ``recovery`` or None) in the log."""
    user.last_login_at = utcnow()
    record_change(
        session,
        Actor.of_user(user),
        "user.login",
        "staff_user",
        user.id,
        after={"second_factor": second_factor} if second_factor else None,
        unit_id=user.unit_id,
    )
