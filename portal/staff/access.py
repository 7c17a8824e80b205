"""Who may enter the back office: login loading, session timeouts, role checks."""

from datetime import datetime
from functools import wraps

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, logout_user

from portal.extensions import db, login_manager
from portal.staff.models import StaffUser
from portal.staff.second_factor import needs_second_step
from portal.staff.totp import required_roles

#: the pages a user who has given only the password may see
SECOND_STEP_ENDPOINTS = ("staff.login_code", "staff.login_enrol")


@login_manager.user_loader
def load_user(session_id: str) -> StaffUser | None:
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(StaffUser, int(user_id))
    if user is None or not user.is_enabled or user.session_token != token:
        return None
    return user


def start_session(user: StaffUser, second_factor: str) -> None:
    """A fresh session after login (no fixation); ``second_factor``: totp, recovery or none."""
    now = datetime.now().timestamp()
    session.clear()
    session.permanent = True
    session["login_at"] = now
    session["seen_at"] = now
    session["second_factor"] = second_factor


def totp_roles() -> frozenset[str]:
    return required_roles(current_app.config["REQUIRE_TOTP"])


def start_pending_login(user: StaffUser, next_url: str | None) -> None:
    """The password was right; the second step (or enrolment) comes next. Not logged in yet."""
    session.clear()
    session["pending_user"] = user.get_id()
    session["pending_at"] = datetime.now().timestamp()
    if next_url:
        session["pending_next"] = next_url


def pending_user() -> StaffUser | None:
    """The user between password and second step, for a few minutes only."""
    session_id = session.get("pending_user")
    if not session_id:
        return None
    limit = current_app.config["SECOND_STEP_TIMEOUT"].total_seconds()
    if datetime.now().timestamp() - session.get("pending_at", 0) > limit:
        return None
    return load_user(session_id)


def second_step_url(user: StaffUser) -> str:
    return url_for("staff.login_code" if user.has_totp else "staff.login_enrol")


def _login_redirect():
    return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))


def require_staff_login():
    """``before_request`` of every back-office blueprint."""
    if request.endpoint in ("staff.login", "staff.logout", "static"):
        return None
    if not current_user.is_authenticated:
        pending = pending_user()
        if pending is None:
            return _login_redirect()
        if request.endpoint in SECOND_STEP_ENDPOINTS:
            return None
        return redirect(second_step_url(pending))
    if request.endpoint in SECOND_STEP_ENDPOINTS:
        return redirect(url_for("staff.dashboard"))
    if needs_second_step(current_user, totp_roles()) and session.get("second_factor") not in (
        "totp",
        "recovery",
    ):
        # the role now needs a second factor (or the session predates it): the step first
        user = current_user._get_current_object()
        logout_user()
        start_pending_login(user, request.full_path.rstrip("?"))
        return redirect(second_step_url(user))
    now = datetime.now().timestamp()
    idle = current_app.config["ADMIN_IDLE_TIMEOUT"].total_seconds()
    absolute = current_app.config["ADMIN_ABSOLUTE_TIMEOUT"].total_seconds()
    if now - session.get("seen_at", 0) > idle or now - session.get("login_at", 0) > absolute:
        logout_user()
        session.clear()
        flash("登录已超时，请重新登录。", "warning")
        return _login_redirect()
    session["seen_at"] = now
    return None


def roles_required(*roles: str):
    """Refuse (403) a logged-in user whose role is not one of ``roles``."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
