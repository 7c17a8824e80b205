"""Enforcement disclosure (执法公示): units, disclosure documents, penalty decisions."""

from portal.disclosure.admin_views import admin_bp
from portal.disclosure.decisions import masking_views  # noqa: F401 (its routes)
from portal.disclosure.decisions.admin_views import decisions_admin_bp
from portal.disclosure.decisions.importer import decisions_cli
from portal.disclosure.document_admin_views import documents_admin_bp
from portal.disclosure.views import bp

__all__ = ["admin_bp", "bp", "decisions_admin_bp", "decisions_cli", "documents_admin_bp"]
