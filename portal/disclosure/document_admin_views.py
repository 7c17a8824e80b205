"""Back office of disclosure documents: write (rich text, sanitised), preview masked, publish,
correct with a public reason, withdraw. Unit-scoped."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from portal.core.masking_adjust import MaskingAdjustments
from portal.core.publication import PUBLISHED, STATUS_LABELS, PublicationError
from portal.core.sanitize import ALLOWED_TAGS
from portal.disclosure.forms import DocumentCorrectionForm, DocumentForm
from portal.disclosure.models import DOCUMENT_KINDS, DisclosureDocument
from portal.disclosure.services import (
    DOCUMENT_LIFECYCLE,
    DOCUMENT_OVERRIDE_KIND,
    correct_document,
    create_document,
    document_content,
    document_findings,
    document_preview,
    publish_document,
    update_document,
    withdraw_document,
)
from portal.extensions import db
from portal.org.models import Unit
from portal.publishing.admin import actor, commit_step, step_page
from portal.publishing.forms import ConfirmPublishForm, WithdrawForm
from portal.staff.access import require_staff_login
from portal.staff.scoping import get_scoped_or_404, scoped_select

documents_admin_bp = Blueprint("documents_admin", __name__, url_prefix="/admin/documents")
documents_admin_bp.before_request(require_staff_login)


def _document(document_id: int) -> DisclosureDocument:
    return get_scoped_or_404(DisclosureDocument, DisclosureDocument.id == document_id)


def _back_from_adjustment(document: DisclosureDocument, document_id: int):
    endpoint = "document_publish" if request.form.get("from") == "publish" else "document"
    return redirect(url_for(f"documents_admin.{endpoint}", document_id=document_id) + "#preview")


#: the preview's masking adjustments (``portal.core.masking_adjust``)
DOCUMENT_ADJUSTMENTS = MaskingAdjustments(
    DOCUMENT_OVERRIDE_KIND, lambda document: document_preview(document, current_app.config)
).register(documents_admin_bp, "/<int:document_id>", _document, _back_from_adjustment)


def _adjustments(document: DisclosureDocument) -> dict:
    return DOCUMENT_ADJUSTMENTS.context(document, document_id=document.id)


def _document_url(document_id: int) -> str:
    return url_for("documents_admin.document", document_id=document_id)


def _units() -> list[Unit]:
    return db.session.scalars(scoped_select(Unit).order_by(Unit.sort_order, Unit.id)).all()


def _show_error(form, error: PublicationError) -> None:
    field = getattr(form, error.field or "body", None) or form.body
    field.errors = [*field.errors, str(error)]


def _render_form(form, document, units):
    return render_template(
        "disclosure/admin/document_form.html",
        form=form,
        document=document,
        units=units,
        allowed_tags=sorted(ALLOWED_TAGS),
    )


@documents_admin_bp.route("/")
def documents():
    units = _units()
    stmt = scoped_select(DisclosureDocument)
    unit_code = request.args.get("unit", "")
    selected = next((unit for unit in units if unit.code == unit_code), None)
    if selected is not None:
        stmt = stmt.where(DisclosureDocument.unit_id == selected.id)
    documents = db.session.scalars(
        stmt.order_by(DisclosureDocument.unit_id, DisclosureDocument.kind, DisclosureDocument.id)
    ).all()
    return render_template(
        "disclosure/admin/documents.html",
        documents=documents,
        units=units,
        selected=selected,
        kinds=DOCUMENT_KINDS,
        statuses=STATUS_LABELS,
    )


@documents_admin_bp.route("/new", methods=["GET", "POST"])
def document_new():
    units = _units()
    form = DocumentForm()
    form.unit.choices = {unit.code: unit.name for unit in units}
    if request.method == "GET" and request.args.get("kind") in DOCUMENT_KINDS:
        form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        unit = next(unit for unit in units if unit.code == form.unit.data)
        try:
            document = create_document(
                db.session,
                actor(),
                unit,
                kind=form.kind.data,
                title=form.title.data,
                body=form.body.data,
            )
        except PublicationError as error:
            db.session.rollback()
            _show_error(form, error)
        else:
            db.session.commit()
            flash("公示文件已保存为草稿。", "success")
            return redirect(url_for("documents_admin.document", document_id=document.id))
    return _render_form(form, None, units)


@documents_admin_bp.route("/<int:document_id>")
def document(document_id: int):
    document = _document(document_id)
    config = current_app.config
    return render_template(
        "disclosure/admin/document.html",
        document=document,
        masked=document_content(document, config),
        findings=document_findings(document, config),
        revisions=DOCUMENT_LIFECYCLE.revisions(db.session, document),
        **_adjustments(document),
    )


@documents_admin_bp.route("/<int:document_id>/edit", methods=["GET", "POST"])
def document_edit(document_id: int):
    document = _document(document_id)
    correcting = document.status == PUBLISHED
    form_class = DocumentCorrectionForm if correcting else DocumentForm
    form = form_class()
    form.unit.choices = {document.unit.code: document.unit.name}
    form.unit.data = document.unit.code
    if request.method == "GET":
        form.kind.data, form.title.data = document.kind, document.title
        form.body.data = document.body_html
    editable = document.status in ("draft", "review") or correcting
    if editable and form.validate_on_submit():
        try:
            if correcting:
                correct_document(
                    db.session,
                    actor(),
                    document,
                    current_app.config,
                    kind=form.kind.data,
                    title=form.title.data,
                    body=form.body.data,
                    reason=form.reason.data,
                )
                message = "已发布更正后的版本，原版本仍可查阅。"
            else:
                changed = update_document(
                    db.session,
                    actor(),
                    document,
                    kind=form.kind.data,
                    title=form.title.data,
                    body=form.body.data,
                )
                message = "已保存修改。" if changed else "没有需要保存的修改。"
        except PublicationError as error:
            db.session.rollback()
            document = _document(document_id)
            _show_error(form, error)
        else:
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("documents_admin.document", document_id=document.id))
    elif not editable and request.method == "POST":
        flash("该文件已撤下，不能再修改。", "error")
    return _render_form(form, document, [document.unit])


@documents_admin_bp.route("/<int:document_id>/publish", methods=["GET", "POST"])
def document_publish(document_id: int):
    document = _document(document_id)
    form = ConfirmPublishForm()
    config = current_app.config
    if form.validate_on_submit():
        done = commit_step(
            form,
            lambda: publish_document(db.session, actor(), document, config),
            "公示文件已发布。",
            _document_url(document.id),
        )
        if done:
            return done
    return render_template(
        "disclosure/admin/document_step.html",
        document=document,
        form=form,
        step="publish",
        masked=document_content(document, config),
        findings=document_findings(document, config),
        **_adjustments(document),
    )


@documents_admin_bp.route("/<int:document_id>/withdraw", methods=["GET", "POST"])
def document_withdraw(document_id: int):
    document = _document(document_id)
    form = WithdrawForm()
    return step_page(
        form,
        lambda: withdraw_document(
            db.session, actor(), document, form.reason.data, current_app.config
        ),
        "公示文件已撤下，公开页面保留撤下说明。",
        _document_url(document.id),
        "disclosure/admin/document_step.html",
        document=document,
        step="withdraw",
    )
