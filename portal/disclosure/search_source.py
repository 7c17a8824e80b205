"""What the search index may hold of a document or a decision, by the outbox's object id.

The indexer (search issue) follows the outbox rows ``("decision", id)`` and ``("document",
id)`` written by every publication, correction and withdrawal, and calls the function of the
kind: a dict of published, masked fields to index, or None to remove the item (never
published, withdrawn, or — for decisions — past its retention period, which happens without
any transaction: a periodic reindex, or the indexer checking ``listed_until``, drops those).
They run outside requests too (``search reindex``, ``search worker``): no ``url_for`` here;
the search provider builds links from ``public_id``.
"""

from flask import current_app
from sqlalchemy import select

from portal.core.models import local_today
from portal.core.publication import PUBLISHED
from portal.core.sanitize import html_to_text
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.public import public_view
from portal.disclosure.decisions.rules import DecisionSettings, RetentionCutoffs
from portal.disclosure.decisions.services import DECISION_LIFECYCLE
from portal.disclosure.models import DOCUMENT_KINDS, DisclosureDocument
from portal.disclosure.services import DOCUMENT_LIFECYCLE


def searchable_decision(session, decision_id) -> dict | None:
    decision = session.get(PenaltyDecision, int(decision_id))
    if decision is None:
        return None
    settings = DecisionSettings.of(current_app.config)
    view = public_view(
        decision,
        decision.unit,
        DECISION_LIFECYCLE.revision(session, decision),
        RetentionCutoffs.on(local_today(), settings),
        settings,
    )
    if view is None or view.content is None:
        return None
    content = view.content
    return {
        "kind": "decision",
        "id": str(decision.id),
        "public_id": view.public_id,
        "unit_code": view.unit_code,
        "title": f"{view.doc_no} {content.party} {content.violation_label}",
        "body": "\n".join([content.violation, content.facts, content.legal_basis, content.penalty]),
        "date": view.decided_on,
        "updated_at": view.updated_at,
        "listed_until": view.listed_until,
    }


def searchable_document(session, document_id) -> dict | None:
    document = session.scalars(
        select(DisclosureDocument).where(DisclosureDocument.id == int(document_id))
    ).first()
    if document is None or document.status != PUBLISHED:
        return None
    revision = DOCUMENT_LIFECYCLE.revision(session, document)
    return {
        "kind": "document",
        "id": str(document.id),
        "public_id": document.public_id,
        "unit_code": document.unit.code,
        "document_kind": revision.kind,
        "title": f"{revision.title}（{DOCUMENT_KINDS[revision.kind]}）",
        "body": html_to_text(revision.body_html),
        "date": document.public_updated_at,
        "updated_at": document.public_updated_at,
    }
