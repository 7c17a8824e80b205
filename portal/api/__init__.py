"""Open data: the read-only JSON API, its OpenAPI document, Atom feeds, Open311."""

from portal.api import results  # noqa: F401  (adds /api/v1/reviews to bp)
from portal.api.views import bp

__all__ = ["bp"]
