"""Open data: the read-only JSON API, its OpenAPI document, Atom feeds, Open311."""

from portal.api import results  # noqa: F401  (adds /api/v1/reviews to bp)
from portal.api.feed_views import feeds_bp
from portal.api.kinds import mount_kinds
from portal.api.views import bp

mount_kinds(bp)  # /api/v1/<kind> of every kind described for the publishing kernel

__all__ = ["bp", "feeds_bp"]
