"""Back office of outcomes (``/admin/outcomes/``): publish from a closed complaint through a
masked preview, the list, an outcome with its revisions, correction and withdrawal.
Unit-scoped throughout: the complaint and the outcome are found through ``scoped_select``."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.audit.services import Actor
from portal.complaints.models import CHANNELS, KINDS, SATISFACTION_LEVELS, Complaint
from portal.core.masking_adjust import MaskingAdjustments
from portal.core.pagination import keyset_page
from portal.core.publication import STATUS_LABELS, PublicationError
from portal.extensions import db
from portal.publishing.forms import WithdrawForm
from portal.results.outcomes.forms import OutcomeCorrectionForm, OutcomeForm
from portal.results.outcomes.masking import OVERRIDE_KIND, masked_content, prefill, preview
from portal.results.outcomes.models import CATEGORIES, ComplaintOutcome
from portal.results.outcomes.services import (
    OUTCOME_LIFECYCLE,
    correct_outcome,
    outcome_of,
    publication_problems,
    publish_outcome,
    withdraw_outcome,
)
from portal.staff.access import require_staff_login
from portal.staff.scoping import get_scoped_or_404, may_access_unit, scoped_select

admin_bp = Blueprint("outcomes_admin", __name__, url_prefix="/admin/outcomes")
admin_bp.before_request(require_staff_login)

PAGE_SIZE = 50


@admin_bp.app_template_global()
def complaint_outcome(complaint: Complaint) -> ComplaintOutcome | None:
    """For the complaint's back-office page: its outcome, if one was published."""
    return outcome_of(db.session, complaint)


@admin_bp.app_template_global()
def outcome_labels() -> dict:
    return {
        "kinds": KINDS,
        "categories": CATEGORIES,
        "channels": CHANNELS,
        "ratings": SATISFACTION_LEVELS,
    }


def _actor() -> Actor:
    return Actor.of_user(current_user)


def _outcome(outcome_id: int) -> ComplaintOutcome:
    return get_scoped_or_404(ComplaintOutcome, ComplaintOutcome.id == outcome_id)


def _complaint(complaint_id: int) -> Complaint:
    return get_scoped_or_404(Complaint, Complaint.id == complaint_id)


def _previewed_texts() -> dict:
    return {field: request.form.get(field, "") for field in ("summary", "reply")}


def _back_to_preview(complaint: Complaint, complaint_id: int):
    """The preview again, from the texts posted with the adjustment: nothing typed is lost."""
    return publish(complaint_id)


#: the preview's masking adjustments (``portal.core.masking_adjust``), before publication
OUTCOME_ADJUSTMENTS = MaskingAdjustments(
    OVERRIDE_KIND,
    lambda complaint: preview(complaint, _previewed_texts()),
    unit_of=lambda complaint: complaint.handling_unit_id,
).register(admin_bp, "/publish/<int:complaint_id>", _complaint, _back_to_preview)


def _adjustments(form, complaint: Complaint, outcome, previews) -> dict:
    """Offered on the first publication's preview; a correction honours what was decided."""
    if outcome is not None:
        return {}
    context = OUTCOME_ADJUSTMENTS.context(complaint, previews, complaint_id=complaint.id)
    context["masking_hidden"] = {
        "step": "preview",
        "category": form.category.data or "",
        **form.texts(),
    }
    return context


def _show_error(form, error: PublicationError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        flash(str(error), "error")


def _step() -> str:
    step = request.form.get("step", "")
    return step if step in ("preview", "edit", "publish") else "preview"


def _stepped(form, complaint: Complaint, template_args: dict, publish):
    """The three steps of a form that publishes: edit → preview → confirm (``publish``).
    Going back keeps every field; a refused step keeps them too."""
    if request.method == "GET":
        return render_template("results/outcomes/admin/form.html", form=form, **template_args)
    step = _step()
    if step == "edit" or not form.validate():
        status = 200 if step == "edit" else 400
        return render_template(
            "results/outcomes/admin/form.html", form=form, **template_args
        ), status
    if step == "publish":
        if not form.confirm.data:
            form.confirm.errors = ["请先核对预览并勾选确认"]
        else:
            try:
                done = publish()
            except PublicationError as error:
                db.session.rollback()
                _show_error(form, error)
            else:
                db.session.commit()
                return done
    content = masked_content(complaint, form.category.data, form.summary.data, form.reply.data)
    previews = preview(complaint, form.texts())
    return render_template(
        "results/outcomes/admin/preview.html",
        form=form,
        content=content,
        previews=previews,
        **_adjustments(form, complaint, template_args["outcome"], previews),
        **template_args,
    ), (400 if form.confirm.errors else 200)


@admin_bp.route("/publish/<int:complaint_id>", methods=["GET", "POST"])
def publish(complaint_id: int):
    complaint = _complaint(complaint_id)
    problems = publication_problems(db.session, complaint)
    if problems:
        db.session.rollback()
        return render_template(
            "results/outcomes/admin/refused.html", complaint=complaint, problems=problems
        ), (409 if request.method == "POST" else 200)
    form = OutcomeForm(data=prefill(complaint) if request.method == "GET" else None)

    def do_publish():
        outcome = publish_outcome(
            db.session,
            _actor(),
            complaint,
            category=form.category.data,
            summary=form.summary.data,
            reply=form.reply.data,
        )
        flash("办理结果已公示。", "success")
        return redirect(url_for("outcomes_admin.outcome", outcome_id=outcome.id))

    return _stepped(form, complaint, {"complaint": complaint, "outcome": None}, do_publish)


@admin_bp.route("/")
def outcomes():
    status = request.args.get("status", "")
    stmt = scoped_select(ComplaintOutcome)
    if status in STATUS_LABELS:
        stmt = stmt.where(ComplaintOutcome.status == status)
    page = keyset_page(
        db.session,
        stmt,
        [ComplaintOutcome.id],
        lambda outcome: (outcome.id,),
        request.args.get("cursor"),
        PAGE_SIZE,
        descending=True,
    )
    return render_template(
        "results/outcomes/admin/list.html", page=page, status=status, statuses=STATUS_LABELS
    )


@admin_bp.route("/<int:outcome_id>")
def outcome(outcome_id: int):
    outcome = _outcome(outcome_id)
    return render_template(
        "results/outcomes/admin/detail.html",
        outcome=outcome,
        revision=outcome.current_revision,
        revisions=OUTCOME_LIFECYCLE.revisions(db.session, outcome),
        complaint_visible=may_access_unit(outcome.complaint.handling_unit_id),
    )


@admin_bp.route("/<int:outcome_id>/correct", methods=["GET", "POST"])
def correct(outcome_id: int):
    outcome = _outcome(outcome_id)
    if outcome.status != "published":
        flash("只有公示中的办理结果可以更正。", "error")
        return redirect(url_for("outcomes_admin.outcome", outcome_id=outcome.id))
    form = OutcomeCorrectionForm(obj=outcome if request.method == "GET" else None)
    complaint = outcome.complaint

    def do_correct():
        correct_outcome(
            db.session,
            _actor(),
            outcome,
            category=form.category.data,
            summary=form.summary.data,
            reply=form.reply.data,
            reason=form.reason.data,
        )
        flash("已发布更正后的版本，原版本仍可查阅。", "success")
        return redirect(url_for("outcomes_admin.outcome", outcome_id=outcome.id))

    return _stepped(form, complaint, {"complaint": complaint, "outcome": outcome}, do_correct)


@admin_bp.route("/<int:outcome_id>/withdraw", methods=["GET", "POST"])
def withdraw(outcome_id: int):
    outcome = _outcome(outcome_id)
    form = WithdrawForm()
    if form.validate_on_submit():
        try:
            withdraw_outcome(db.session, _actor(), outcome, form.reason.data)
        except PublicationError as error:
            db.session.rollback()
            outcome = _outcome(outcome_id)
            _show_error(form, error)
        else:
            db.session.commit()
            flash("办理结果已撤下，公开页面保留撤下说明。", "success")
            return redirect(url_for("outcomes_admin.outcome", outcome_id=outcome.id))
    status = 400 if form.errors else 200
    return render_template(
        "results/outcomes/admin/withdraw.html", outcome=outcome, form=form
    ), status
