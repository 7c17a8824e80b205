"""The back-office banner: admins and supervisors see it while any open deadline rests on a
provisional (computed) day, until next year's notice is imported."""

from flask import has_request_context, request
from flask_login import current_user

from portal.core.calendar_store import calendar_today, current_calendar
from portal.extensions import db
from portal.holidays.status import provisional_deadlines

_ROLES = ("admin", "supervisor")


def calendar_banner() -> dict:
    if not has_request_context():  # e-mails rendered by cron jobs
        return {}
    if not request.path.startswith("/admin") or not current_user.is_authenticated:
        return {}
    if getattr(current_user, "role", "") not in _ROLES:
        return {}
    pending = provisional_deadlines(db.session, current_calendar(), calendar_today())
    return {"provisional_deadlines": pending} if pending.count else {}
