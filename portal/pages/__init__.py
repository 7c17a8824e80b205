"""Home page, health check, and the notice for sections still being built."""

from portal.pages.views import bp, under_construction

__all__ = ["bp", "under_construction"]
