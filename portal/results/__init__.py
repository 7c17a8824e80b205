"""Published results (结果公示): outcomes, statistics, evaluations, reviews, media responses."""

from portal.results.admin_views import admin_bp
from portal.results.stats import bp as stats_bp
from portal.results.views import bp

__all__ = ["admin_bp", "bp", "stats_bp"]
