"""Published complaint outcomes (投诉办理结果公示): ``/outcomes/`` and ``/admin/outcomes/``."""

from portal.results.outcomes.admin_views import admin_bp
from portal.results.outcomes.views import bp

__all__ = ["admin_bp", "bp"]
