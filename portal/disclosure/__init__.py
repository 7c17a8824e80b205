"""Enforcement disclosure (执法公示): units, disclosure documents, penalty decisions."""

from portal.disclosure.admin_views import admin_bp
from portal.disclosure.views import bp

__all__ = ["admin_bp", "bp"]
