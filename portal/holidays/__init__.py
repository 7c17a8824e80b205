"""The statutory calendar: official schedules, computed holidays, the deadline calculator."""

from portal.holidays.banner import calendar_banner
from portal.holidays.cli import calendar_cli
from portal.holidays.views import bp

bp.app_context_processor(calendar_banner)

__all__ = ["bp", "calendar_cli"]
