"""Published results (结果公示): outcomes, statistics, evaluations, reviews, media responses."""

from portal.results.views import bp

__all__ = ["bp"]
