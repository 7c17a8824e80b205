"""Home page, health check, display mode, and the notice for sections still being built."""

from portal.pages import display
from portal.pages.views import bp, under_construction

__all__ = ["bp", "display", "under_construction"]
