"""Back office of media responses: entry, masked preview, review, publication, correction and
withdrawal. Unit-scoped throughout (portal.staff.scoping); the shared steps are the kernel's
(portal.publishing.admin)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from portal.core.masking_adjust import MaskingAdjustments
from portal.core.models import local_today
from portal.core.publication import DRAFT, PUBLISHED, REVIEW, PublicationError
from portal.extensions import db
from portal.org.models import Unit
from portal.publishing.admin import (
    actor,
    commit_step,
    form_status,
    may_review,
    show_error,
    step_page,
    working_copy_list,
)
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


@media_admin_bp.route("/")
def media_responses():
    return working_copy_list(
        MediaResponse, (MediaResponse.outlet, MediaResponse.headline), "media/admin/list.html"
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
                db.session, actor(), unit, form.media_data(), today=local_today()
            )
        except PublicationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash("舆论回应已保存为草稿。请核对脱敏预览后公示。", "success")
            return redirect(url_for("media_admin.media_response", media_id=item.id))
    return render_template(
        "media/admin/form.html", form=form, item=None, units=units
    ), form_status()


@media_admin_bp.route("/<int:media_id>")
def media_response(media_id: int):
    item = _item(media_id)
    previews = preview(item)
    return render_template(
        "media/admin/detail.html",
        item=item,
        previews=previews,
        revisions=MEDIA_LIFECYCLE.revisions(db.session, item),
        may_review=may_review(),
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
                    actor(),
                    item,
                    form.media_data(),
                    form.reason.data,
                    today=local_today(),
                )
                message = "已发布更正后的版本，原版本仍可查阅。"
            else:
                changed = update_media_response(
                    db.session, actor(), item, form.media_data(), today=local_today()
                )
                message = "已保存修改。" if changed else "没有需要保存的修改。"
        except PublicationError as error:
            db.session.rollback()
            item = _item(media_id)
            show_error(form, error)
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
    ), form_status()


def _step_page(media_id: int, form, step: str, action, done_message: str):
    """A lifecycle step on its own page (``media/admin/step.html``): submit, return, withdraw.
    ``action(item)`` does it; a refused step shows the page again with the message."""
    item = _item(media_id)
    return step_page(
        form,
        lambda: action(item),
        done_message,
        url_for("media_admin.media_response", media_id=item.id),
        "media/admin/step.html",
        item=item,
        step=step,
    )


@media_admin_bp.route("/<int:media_id>/submit", methods=["GET", "POST"])
def media_submit(media_id: int):
    return _step_page(
        media_id,
        SubmitForm(),
        "submit",
        lambda item: submit_media_response(db.session, actor(), item),
        "已提交综合监督科审核。",
    )


@media_admin_bp.route("/<int:media_id>/publish", methods=["GET", "POST"])
def media_publish(media_id: int):
    item = _item(media_id)
    form = ConfirmPublishForm()
    if form.validate_on_submit():
        done = commit_step(
            form,
            lambda: publish_media_response(db.session, actor(), item),
            "舆论回应已公示。",
            url_for("media_admin.media_response", media_id=item.id),
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
        may_review=may_review(),
        **MEDIA_ADJUSTMENTS.context(item, previews, media_id=item.id),
    ), form_status()


@media_admin_bp.route("/<int:media_id>/return", methods=["GET", "POST"])
def media_return(media_id: int):
    if not may_review():
        abort(403)  # only the supervision office sends a response back
    form = ReturnForm()
    return _step_page(
        media_id,
        form,
        "return",
        lambda item: return_media_response(
            db.session, actor(), item, form.note.data, may_review=True
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
        lambda item: withdraw_media_response(db.session, actor(), item, form.reason.data),
        "舆论回应已撤下，公开页面保留撤下说明。",
    )
