"""Public disclosure pages: the index, each unit's page, disclosure documents, and (from
``portal.disclosure.decisions.views``) penalty decisions and their downloads."""

from flask import Blueprint, abort, render_template
from sqlalchemy import func, select

from portal.core.publication import PUBLISHED, WITHDRAWN
from portal.disclosure.decisions import views as decision_views
from portal.disclosure.models import (
    DOCUMENT_KINDS,
    ROSTER_LABEL,
    DisclosureDocument,
    DocumentRevision,
)
from portal.disclosure.services import DOCUMENT_LIFECYCLE
from portal.extensions import db
from portal.org.models import Unit

bp = Blueprint("disclosure", __name__)

RECENT_UPDATES = 10

bp.add_url_rule("/decisions/", "decisions", decision_views.decision_list)
bp.add_url_rule("/decisions.csv", "decisions_csv", decision_views.decisions_csv)
bp.add_url_rule("/decisions.json", "decisions_json", decision_views.decisions_json)
bp.add_url_rule("/decisions/<public_id>", "decision", decision_views.decision_detail)
bp.add_url_rule(
    "/decisions/<public_id>/revisions/<int:revision_no>",
    "decision_revision",
    decision_views.decision_revision,
)


def _units():
    return db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()


def _published_documents():
    return (
        select(DisclosureDocument, DocumentRevision)
        .join(
            DocumentRevision,
            (DocumentRevision.document_id == DisclosureDocument.id)
            & (DocumentRevision.revision_no == DisclosureDocument.revision_count),
        )
        .where(DisclosureDocument.status == PUBLISHED)
    )


@bp.route("/disclosure/")
def index():
    units = _units()
    # unit × kind → when its newest published document of that kind last changed
    catalogue = {
        (unit_id, kind): updated
        for unit_id, kind, updated in db.session.execute(
            select(
                DisclosureDocument.unit_id,
                DisclosureDocument.kind,
                func.max(DisclosureDocument.public_updated_at),
            )
            .where(DisclosureDocument.status == PUBLISHED)
            .group_by(DisclosureDocument.unit_id, DisclosureDocument.kind)
        )
    }
    recent_documents = db.session.execute(
        select(DisclosureDocument, DocumentRevision)
        .join(
            DocumentRevision,
            (DocumentRevision.document_id == DisclosureDocument.id)
            & (DocumentRevision.revision_no == DisclosureDocument.revision_count),
        )
        .where(DisclosureDocument.status.in_((PUBLISHED, WITHDRAWN)))
        .order_by(DisclosureDocument.public_updated_at.desc(), DisclosureDocument.id.desc())
        .limit(RECENT_UPDATES)
    ).all()
    recent_decisions = decision_views.decision_list_for_request().feed(limit=RECENT_UPDATES)
    return render_template(
        "disclosure/index.html",
        units=units,
        units_by_id={unit.id: unit for unit in units},
        kinds=DOCUMENT_KINDS,
        roster_label=ROSTER_LABEL,
        catalogue=catalogue,
        recent_documents=recent_documents,
        recent_decisions=recent_decisions,
    )


@bp.route("/disclosure/units/<code>")
def unit(code: str):
    unit = db.first_or_404(select(Unit).where(Unit.code == code))
    documents = db.session.execute(
        _published_documents()
        .where(DisclosureDocument.unit_id == unit.id)
        .order_by(DisclosureDocument.kind, DisclosureDocument.id)
    ).all()
    by_kind = {kind: [] for kind in DOCUMENT_KINDS}
    for document, revision in documents:
        by_kind[document.kind].append((document, revision))
    latest_decisions = decision_views.decision_list_for_request().latest(unit)
    return render_template(
        "disclosure/unit.html",
        unit=unit,
        kinds=DOCUMENT_KINDS,
        roster_label=ROSTER_LABEL,
        documents_by_kind=by_kind,
        latest_decisions=latest_decisions,
    )


def _render_document(public_id: str, revision_no: int | None):
    if len(public_id) > 16:
        abort(404)
    document = db.first_or_404(
        select(DisclosureDocument).where(DisclosureDocument.public_id == public_id)
    )
    if document.first_published_at is None or document.status not in (PUBLISHED, WITHDRAWN):
        abort(404)  # never published: there is no public page
    revision = DOCUMENT_LIFECYCLE.revision(db.session, document, revision_no)
    if revision is None:
        abort(404)
    return render_template(
        "disclosure/document.html",
        document=document,
        unit=document.unit,
        revision=revision,
        history=DOCUMENT_LIFECYCLE.revisions(db.session, document),
        shows_content=document.status == PUBLISHED,
        kind_label=DOCUMENT_KINDS[revision.kind],
    )


@bp.route("/disclosure/documents/<public_id>")
def document(public_id: str):
    return _render_document(public_id, None)


@bp.route("/disclosure/documents/<public_id>/revisions/<int:revision_no>")
def document_revision(public_id: str, revision_no: int):
    return _render_document(public_id, revision_no)
