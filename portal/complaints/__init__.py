"""Complaints and tip-offs (投诉举报): intake, tracking, handling, satisfaction."""

from portal.complaints import (
    admin_actions,
    admin_board,
    admin_bulk,
    admin_duplicates,
    admin_templates,
    admin_views,
)
from portal.complaints.admin_blueprint import admin_bp
from portal.complaints.cli import complaints_cli
from portal.complaints.views import bp

#: the back-office route modules, imported so that their routes are registered on admin_bp
ADMIN_ROUTES = (
    admin_views,
    admin_actions,
    admin_templates,
    admin_board,
    admin_bulk,
    admin_duplicates,
)

#: settings of this domain, with their defaults (instance/config.py may override them)
DEFAULT_SETTINGS = {
    #: per file; five files must fit in MAX_CONTENT_LENGTH (30 MB) with the text
    "COMPLAINT_ATTACHMENT_MAX_BYTES": 5 * 1024 * 1024,
    #: successful submissions per client (kiosks behind one address may need more)
    "COMPLAINT_SUBMIT_LIMIT": "10 per hour;30 per day",
    #: failed /track attempts per client, and per tracking number from anywhere
    "COMPLAINT_TRACK_LIMIT_PER_CLIENT": "20 per hour",
    "COMPLAINT_TRACK_LIMIT_PER_NUMBER": "10 per hour",
    "COMPLAINT_MAIL_FROM": "noreply@pds.gov.cn",
}


@bp.record_once
def _set_defaults(state) -> None:
    for key, value in DEFAULT_SETTINGS.items():
        state.app.config.setdefault(key, value)


__all__ = ["admin_bp", "bp", "complaints_cli"]
