"""Search (检索) over everything published."""

from portal.search.views import bp

__all__ = ["bp"]
