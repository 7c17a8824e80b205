"""Back office of media responses: entry, masked preview, review, publication, correction and
withdrawal. Unit-scoped throughout (portal.staff.scoping)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_

from portal.audit.services import Actor
from portal.core.masking_adjust import MaskingAdjustments
from portal.core.models import local_today
from portal.core.pagination import keyset_page
from portal.core.publication import DRAFT, PUBLISHED, REVIEW, STATUS_LABELS, PublicationError
from portal.extensions import db
from portal.org.models import Unit
from portal.publishing.forms import ConfirmPublishForm, ReturnForm, SubmitForm, WithdrawForm
from portal.results.media.forms import MediaCorrectionForm, MediaResponseForm
from portal.results.media.models import MediaResponse
from portal.results.media.services import (
    MEDIA_LIFECYCLE,
    correct_media_response,
    create_media_response,
    masked_content,
    preview,
    publish_media_response,
    return_media_response,
    submit_media_response,
    update_media_response,
    withdraw_media_response,
)
from portal.staff.access import require_staff_login
from portal.staff.scoping import get_scoped_or_404, scoped_select

media_admin_bp = Blueprint("media_admin", __name__, url_prefix="/admin/media")
media_admin_bp.before_request(require_staff_login)

PAGE_SIZE = 50


def _may_review() -> bool:
    return current_user.role in ("supervisor", "admin")


def _actor() -> Actor:
    return Actor.of_user(current_user)


def _item(media_id: int) -> MediaResponse:
    return get_scoped_or_404(MediaResponse, MediaResponse.id == media_id)


def _back_from_adjustment(item: MediaResponse, media_id: int):
    if request.form.get("from") == "publish":
        return redirect(url_for("media_admin.media_publish", media_id=media_id) + "#preview")
    return redirect(url_for("media_admin.media_response", media_id=media_id) + "#preview")


#: the preview's masking adjustments (``portal.core.masking_adjust``)
MEDIA_ADJUSTMENTS = MaskingAdjustments("media", preview).register(
    media_admin_bp, "/<int:media_id>", _item, _back_from_adjustment
)


def _units() -> list[Unit]:
    return db.session.scalars(scoped_select(Unit).order_by(Unit.sort_order, Unit.id)).all()


def _show_error(form, error: PublicationError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        flash(str(error), "error")


def _status_of(form) -> int:
    """A form sent back with its messages is a 400; a page shown for the first time a 200."""
    return 400 if request.method == "POST" else 200


def _commit_step(form, change, message: str, media_id: int):
    """Run ``change``: commit and go back to the response, or roll back and show why (None)."""
    try:
        change()
    except PublicationError as error:
        db.session.rollback()
        _show_error(form, error)
        return None
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("media_admin.media_response", media_id=media_id))


@media_admin_bp.route("/")
def media_responses():
    status = request.args.get("status", "")
    query = " ".join(request.args.get("q", "").split())[:100]
    stmt = scoped_select(MediaResponse)
    if status in STATUS_LABELS:
        stmt = stmt.where(MediaResponse.status == status)
    if query:
        stmt = stmt.where(
            or_(
                MediaResponse.outlet.contains(query, autoescape=True),
                MediaResponse.headline.contains(query, autoescape=True),
            )
        )
    page = keyset_page(
        db.session,
        stmt,
        [MediaResponse.id],
        lambda item: (item.id,),
        request.args.get("cursor"),
        PAGE_SIZE,
        descending=True,
    )
    return render_template(
        "media/admin/list.html", page=page, status=status, query=query, statuses=STATUS_LABELS
    )


@media_admin_bp.route("/new", methods=["GET", "POST"])
def media_new():
    units = _units()
    form = MediaResponseForm()
    form.unit.choices = {unit.code: unit.name for unit in units}
    if len(units) == 1:
        form.unit.data = units[0].code
    if form.validate_on_submit():
        unit = next(unit for unit in units if unit.code == form.unit.data)
        try:
            item = create_media_response(
                db.session, _actor(), unit, form.media_data(), today=local_today()
            )
        except PublicationError as error:
            db.session.rollback()
            _show_error(form, error)
        else:
            db.session.commit()
            flash("舆论回应已保存为草稿。请核对脱敏预览后公示。", "success")
            return redirect(url_for("media_admin.media_response", media_id=item.id))
    return render_template("media/admin/form.html", form=form, item=None, units=units), _status_of(
        form
    )


@media_admin_bp.route("/<int:media_id>")
def media_response(media_id: int):
    item = _item(media_id)
    previews = preview(item)
    return render_template(
        "media/admin/detail.html",
        item=item,
        previews=previews,
        revisions=MEDIA_LIFECYCLE.revisions(db.session, item),
        may_review=_may_review(),
        **MEDIA_ADJUSTMENTS.context(item, previews, media_id=item.id),
    )


@media_admin_bp.route("/<int:media_id>/edit", methods=["GET", "POST"])
def media_edit(media_id: int):
    item = _item(media_id)
    correcting = item.status == PUBLISHED
    editable = item.status in (DRAFT, REVIEW) or correcting
    form_class = MediaCorrectionForm if correcting else MediaResponseForm
    form = form_class(obj=item if request.method == "GET" else None)
    form.unit.choices = {item.unit.code: item.unit.name}
    form.unit.data = item.unit.code
    if not editable and request.method == "POST":
        abort(409, "该舆论回应已撤下，不能再修改")
    if editable and form.validate_on_submit():
        try:
            if correcting:
                correct_media_response(
                    db.session,
                    _actor(),
                    item,
                    form.media_data(),
                    form.reason.data,
                    today=local_today(),
                )
                message = "已发布更正后的版本，原版本仍可查阅。"
            else:
                changed = update_media_response(
                    db.session, _actor(), item, form.media_data(), today=local_today()
                )
                message = "已保存修改。" if changed else "没有需要保存的修改。"
        except PublicationError as error:
            db.session.rollback()
            item = _item(media_id)
            _show_error(form, error)
        else:
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("media_admin.media_response", media_id=item.id))
    return render_template(
        "media/admin/form.html",
        form=form,
        item=item,
        correcting=correcting,
        editable=editable,
        units=[item.unit],
    ), _status_of(form)


def _step_page(media_id: int, form, step: str, action, done_message: str):
    """A lifecycle step on its own page (``media/admin/step.html``): submit, return, withdraw.
    ``action(item)`` does it; a refused step shows the page again with the message."""
    item = _item(media_id)
    if form.validate_on_submit():
        done = _commit_step(form, lambda: action(item), done_message, item.id)
        if done:
            return done
    return render_template("media/admin/step.html", item=item, form=form, step=step), _status_of(
        form
    )


@media_admin_bp.route("/<int:media_id>/submit", methods=["GET", "POST"])
def media_submit(media_id: int):
    return _step_page(
        media_id,
        SubmitForm(),
        "submit",
        lambda item: submit_media_response(db.session, _actor(), item),
        "已提交综合监督科审核。",
    )


@media_admin_bp.route("/<int:media_id>/publish", methods=["GET", "POST"])
def media_publish(media_id: int):
    item = _item(media_id)
    form = ConfirmPublishForm()
    if form.validate_on_submit():
        done = _commit_step(
            form,
            lambda: publish_media_response(db.session, _actor(), item),
            "舆论回应已公示。",
            item.id,
        )
        if done:
            return done
    previews = preview(item)
    return render_template(
        "media/admin/publish.html",
        item=item,
        form=form,
        previews=previews,
        public=masked_content(item),
        may_review=_may_review(),
        **MEDIA_ADJUSTMENTS.context(item, previews, media_id=item.id),
    ), _status_of(form)


@media_admin_bp.route("/<int:media_id>/return", methods=["GET", "POST"])
def media_return(media_id: int):
    if not _may_review():
        abort(403)  # only the supervision office sends a response back
    form = ReturnForm()
    return _step_page(
        media_id,
        form,
        "return",
        lambda item: return_media_response(
            db.session, _actor(), item, form.note.data, may_review=True
        ),
        "已退回承办人员修改。",
    )


@media_admin_bp.route("/<int:media_id>/withdraw", methods=["GET", "POST"])
def media_withdraw(media_id: int):
    form = WithdrawForm()
    return _step_page(
        media_id,
        form,
        "withdraw",
        lambda item: withdraw_media_response(db.session, _actor(), item, form.reason.data),
        "舆论回应已撤下，公开页面保留撤下说明。",
    )
