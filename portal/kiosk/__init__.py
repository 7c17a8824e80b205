"""Kiosk (触摸屏): the touch-screen front end in service halls, and kiosk enrolment."""

from portal.kiosk import complaint_views, results_views
from portal.kiosk.admin_views import admin_bp
from portal.kiosk.views import bp

#: the route modules on ``bp``, imported so that their routes are registered
ROUTES = (complaint_views, results_views)

#: settings of this domain: an enrolled kiosk serves a whole hall, so its limits are higher
DEFAULT_SETTINGS = {
    "KIOSK_OFFICER_LOOKUP_LIMIT": "60 per minute;1000 per hour",
    "KIOSK_COMPLAINT_SUBMIT_LIMIT": "60 per hour;300 per day",
    "KIOSK_TRACK_LIMIT_PER_CLIENT": "120 per hour",
}


@bp.record_once
def _set_defaults(state) -> None:
    for key, value in DEFAULT_SETTINGS.items():
        state.app.config.setdefault(key, value)


__all__ = ["admin_bp", "bp"]
