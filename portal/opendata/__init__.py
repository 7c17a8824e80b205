"""Open data: the daily integrity chain of the public record, the site-wide change log and the
yearly bulk downloads (``/open-data/``, ``/changes/``)."""

from portal.opendata.cli import integrity_cli
from portal.opendata.views import bp

__all__ = ["bp", "integrity_cli"]
