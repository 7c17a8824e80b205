"""Media responses (舆论回应): the public list, permalinks and downloads, and the back office."""

from portal.results.media.admin_views import media_admin_bp
from portal.results.media.views import media_bp

__all__ = ["media_admin_bp", "media_bp"]
