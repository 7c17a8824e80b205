"""Open data: the read-only JSON API, its OpenAPI document, Atom feeds, Open311."""

from portal.api.feed_views import feeds_bp
from portal.api.views import bp

__all__ = ["bp", "feeds_bp"]
