"""Officers (执法人员): the public roster, the badge check, the back office, the CSV import."""

from portal.officers.admin_views import admin_bp
from portal.officers.api import api_bp
from portal.officers.cli import officers_cli
from portal.officers.views import bp

__all__ = ["admin_bp", "api_bp", "bp", "officers_cli"]
