"""Statistics (统计数据) and the annual report (统计年报): counts only, by unit and month.

``queries`` holds the aggregate SQL (one GROUP BY per figure family), ``cache`` keeps a report
per (year, unit) for ``STATS_CACHE_SECONDS``, ``views`` the public pages, CSV and
/api/v1/stats, ``annual`` the yearly report's availability and the back-office reminder,
``annual_report`` the frozen annual report (``models``) and ``annual_views`` its pages.
"""

from portal.results.stats import annual_views  # noqa: F401  (its routes join ``bp``)
from portal.results.stats.views import bp

__all__ = ["bp"]
