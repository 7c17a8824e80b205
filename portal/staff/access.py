"""Who may enter the back office: login loading, session timeouts, role checks."""

from datetime import datetime
from functools import wraps

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, logout_user

from portal.extensions import db, login_manager
from portal.staff.models import StaffUser


@login_manager.user_loader
def load_user(session_id: str) -> StaffUser | None:
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(StaffUser, int(user_id))
    if user is None or not user.is_enabled or user.session_token != token:
        return None
    return user


def start_session(user: StaffUser) -> None:
    now = datetime.now().timestamp()
    session.clear()  # a fresh session after login: no fixation
    session.permanent = True
    session["login_at"] = now
    session["seen_at"] = now


def require_staff_login():
    """``before_request`` of every back-office blueprint."""
    if request.endpoint in ("staff.login", "static"):
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
    now = datetime.now().timestamp()
    idle = current_app.config["ADMIN_IDLE_TIMEOUT"].total_seconds()
    absolute = current_app.config["ADMIN_ABSOLUTE_TIMEOUT"].total_seconds()
    if now - session.get("seen_at", 0) > idle or now - session.get("login_at", 0) > absolute:
        logout_user()
        session.clear()
        flash("登录已超时，请重新登录。", "warning")
        return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
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
