"""Published results (结果公示): outcomes, statistics, evaluations, reviews, media responses."""

from portal.results.admin_views import admin_bp
from portal.results.media import media_admin_bp, media_bp
from portal.results.outcomes import admin_bp as outcomes_admin_bp
from portal.results.outcomes import bp as outcomes_bp
from portal.results.stats import bp as stats_bp
from portal.results.stats.annual_admin import annual_admin_bp
from portal.results.views import bp

__all__ = [
    "admin_bp",
    "annual_admin_bp",
    "bp",
    "media_admin_bp",
    "media_bp",
    "outcomes_admin_bp",
    "outcomes_bp",
    "stats_bp",
]
