"""Open data: the read-only JSON API, its OpenAPI document, Atom feeds, Open311."""

from portal.api.views import bp

__all__ = ["bp"]
