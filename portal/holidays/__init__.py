"""The statutory calendar: official schedules, computed holidays, the deadline calculator."""

from portal.holidays.cli import calendar_cli
from portal.holidays.views import bp

__all__ = ["bp", "calendar_cli"]
