"""Open data: the read-only JSON API, its OpenAPI document, Atom feeds, Open311."""

from portal.api import results  # noqa: F401  (adds /api/v1/reviews to bp)
from portal.api.feed_views import feeds_bp
from portal.api.views import bp
from portal.results.outcomes import api as outcomes_api

outcomes_api.register(bp)  # /api/v1/outcomes

__all__ = ["bp", "feeds_bp"]
