"""Back office of published results: evaluation periods, case-file reviews, supervisors."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from portal.audit.services import Actor
from portal.extensions import db
from portal.org.models import Unit
from portal.publishing.forms import WithdrawForm
from portal.results import evaluations, reviews, supervisors
from portal.results.forms import (
    PeriodForm,
    RectificationForm,
    ResultForm,
    RoundCorrectionForm,
    RoundForm,
    SupervisorForm,
)
from portal.results.models import (
    EVALUATION_DIMENSIONS,
    RECTIFICATION_STATES,
    REVIEW_GRADES,
    REVIEW_ITEMS,
    EvaluationAnswer,
    EvaluationPeriod,
    ReviewResult,
    ReviewRound,
    Supervisor,
)
from portal.staff.access import require_staff_login, roles_required
from portal.staff.scoping import get_scoped_or_404, scoped_select

admin_bp = Blueprint("results_admin", __name__, url_prefix="/admin")
admin_bp.before_request(require_staff_login)

OFFICE = ("supervisor", "admin")


def _actor() -> Actor:
    return Actor.of_user(current_user)


def _units():
    return db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()


# --- social evaluation ---------------------------------------------------------------------


@admin_bp.route("/evaluations/", methods=["GET", "POST"])
def evaluation_periods():
    form = PeriodForm()
    if request.method == "POST":
        if current_user.role not in OFFICE:
            abort(403)
        if form.validate_on_submit():
            try:
                evaluations.open_period(
                    db.session,
                    _actor(),
                    name=form.name.data,
                    opens_on=form.opens_on.data,
                    closes_on=form.closes_on.data,
                )
            except evaluations.EvaluationError as error:
                db.session.rollback()
                form.name.errors.append(str(error))
            else:
                db.session.commit()
                flash("评议期已设立。", "success")
                return redirect(url_for("results_admin.evaluation_periods"))
    periods = db.session.scalars(
        select(EvaluationPeriod).order_by(EvaluationPeriod.opens_on.desc())
    ).all()
    return render_template("results/admin/periods.html", periods=periods, form=form)


@admin_bp.route("/evaluations/<int:period_id>")
def evaluation_period(period_id: int):
    period = db.get_or_404(EvaluationPeriod, period_id)
    counts = dict(
        db.session.execute(
            scoped_select(EvaluationAnswer)
            .with_only_columns(EvaluationAnswer.unit_id, func.count())
            .where(EvaluationAnswer.period_id == period.id)
            .group_by(EvaluationAnswer.unit_id)
        ).all()
    )
    comments = db.session.scalars(
        scoped_select(EvaluationAnswer)
        .where(EvaluationAnswer.period_id == period.id, EvaluationAnswer.comment != "")
        .order_by(EvaluationAnswer.id.desc())
        .limit(200)
    ).all()
    units = {unit.id: unit for unit in _units()}
    return render_template(
        "results/admin/period.html",
        period=period,
        counts=counts,
        comments=comments,
        units=units,
        dimensions=EVALUATION_DIMENSIONS,
    )


@admin_bp.route("/evaluations/<int:period_id>/close", methods=["POST"])
@roles_required(*OFFICE)
def close_evaluation_period(period_id: int):
    period = db.get_or_404(EvaluationPeriod, period_id)
    try:
        evaluations.close_period(db.session, _actor(), period)
    except evaluations.EvaluationError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash("评议期已结束，不再接受答卷。", "success")
    return redirect(url_for("results_admin.evaluation_period", period_id=period.id))


# --- case-file reviews ---------------------------------------------------------------------


@admin_bp.route("/reviews/", methods=["GET", "POST"])
def review_rounds():
    form = RoundForm()
    if request.method == "POST":
        if current_user.role not in OFFICE:
            abort(403)
        if form.validate_on_submit():
            try:
                review_round = reviews.create_round(
                    db.session,
                    _actor(),
                    name=form.name.data,
                    held_on=form.held_on.data,
                    summary=form.summary.data or "",
                )
            except reviews.ReviewError as error:
                db.session.rollback()
                form.name.errors.append(str(error))
            else:
                db.session.commit()
                return redirect(url_for("results_admin.review_round", round_id=review_round.id))
    rounds = db.session.scalars(select(ReviewRound).order_by(ReviewRound.held_on.desc())).all()
    own_results = db.session.scalars(
        scoped_select(ReviewResult).order_by(ReviewResult.id.desc()).limit(100)
    ).all()
    return render_template(
        "results/admin/rounds.html",
        rounds=rounds,
        form=form,
        own_results=own_results,
        grades=REVIEW_GRADES,
        rectification_states=RECTIFICATION_STATES,
    )


@admin_bp.route("/reviews/<int:round_id>", methods=["GET", "POST"])
@roles_required(*OFFICE)
def review_round(round_id: int):
    review_round = db.get_or_404(ReviewRound, round_id)
    form = ResultForm()
    form.unit.choices = {"": "请选择"} | {unit.code: unit.name for unit in _units()}
    if form.validate_on_submit():
        unit = db.session.scalars(select(Unit).where(Unit.code == form.unit.data)).one()
        problems = {column: getattr(form, column).data for column in REVIEW_ITEMS}
        try:
            reviews.set_result(
                db.session,
                _actor(),
                review_round,
                unit,
                files_reviewed=form.files_reviewed.data,
                score=float(form.score.data),
                grade=form.grade.data,
                problems=problems,
            )
        except reviews.ReviewError as error:
            db.session.rollback()
            form.grade.errors.append(str(error))
        else:
            db.session.commit()
            flash(f"已保存{unit.short_name}的评查结果。", "success")
            return redirect(url_for("results_admin.review_round", round_id=round_id))
    return _render_round(review_round, form=form)


def _render_round(review_round: ReviewRound, **forms):
    forms = {
        "form": ResultForm(formdata=None),
        "correction_form": RoundCorrectionForm(formdata=None),
        "withdraw_form": WithdrawForm(formdata=None, prefix="withdraw"),
        **forms,
    }
    failed = any(form.errors for form in forms.values())
    return render_template(
        "results/admin/round.html",
        review_round=review_round,
        pending_correction=reviews.has_unpublished_changes(db.session, review_round),
        items=REVIEW_ITEMS,
        grades=REVIEW_GRADES,
        rectification_states=RECTIFICATION_STATES,
        **forms,
    ), (400 if failed else 200)


def _round_step(round_id: int, step, done: str, form=None, form_name: str = ""):
    """Run one lifecycle step of a round; a refused step shows the round page with the error."""
    review_round = db.get_or_404(ReviewRound, round_id)
    if form is not None and not form.validate_on_submit():
        return _render_round(review_round, **{form_name: form})
    reason = form.reason.data if form is not None else None
    try:
        step(review_round, reason)
    except reviews.ReviewError as error:
        db.session.rollback()
        if form is None:
            flash(str(error), "error")
            return redirect(url_for("results_admin.review_round", round_id=round_id))
        form.reason.errors.append(str(error))
        return _render_round(db.get_or_404(ReviewRound, round_id), **{form_name: form})
    db.session.commit()
    flash(done, "success")
    return redirect(url_for("results_admin.review_round", round_id=round_id))


@admin_bp.route("/reviews/<int:round_id>/publish", methods=["POST"])
@roles_required(*OFFICE)
def publish_review_round(round_id: int):
    return _round_step(
        round_id,
        lambda review_round, _reason: reviews.publish_round(db.session, _actor(), review_round),
        "评查结果已公示。",
    )


@admin_bp.route("/reviews/<int:round_id>/correct", methods=["POST"])
@roles_required(*OFFICE)
def correct_review_round(round_id: int):
    return _round_step(
        round_id,
        lambda review_round, reason: reviews.correct_round(
            db.session, _actor(), review_round, reason
        ),
        "更正已公示，原版本仍可在修订记录中查看。",
        RoundCorrectionForm(),
        "correction_form",
    )


@admin_bp.route("/reviews/<int:round_id>/withdraw", methods=["POST"])
@roles_required(*OFFICE)
def withdraw_review_round(round_id: int):
    return _round_step(
        round_id,
        lambda review_round, reason: reviews.withdraw_round(
            db.session, _actor(), review_round, reason
        ),
        "评查结果已撤下，公开页保留撤下说明。",
        WithdrawForm(prefix="withdraw"),  # its reason field beside the correction's
        "withdraw_form",
    )


@admin_bp.route("/reviews/results/<int:result_id>", methods=["GET", "POST"])
def review_result(result_id: int):
    """A unit records its rectification; unit staff reach only their own unit's results."""
    result = get_scoped_or_404(ReviewResult, ReviewResult.id == result_id)
    form = RectificationForm(
        data=None
        if request.method == "POST"
        else {
            "state": result.rectification,
            "rectified_on": result.rectified_on,
            "note": result.rectification_note,
        }
    )
    if form.validate_on_submit():
        try:
            reviews.record_rectification(
                db.session,
                _actor(),
                result,
                state=form.state.data,
                rectified_on=form.rectified_on.data,
                note=form.note.data or "",
            )
        except reviews.ReviewError as error:
            db.session.rollback()
            form.rectified_on.errors.append(str(error))
        else:
            db.session.commit()
            flash("整改情况已保存。", "success")
            return redirect(url_for("results_admin.review_rounds"))
    return render_template(
        "results/admin/rectification.html",
        result=result,
        form=form,
        items=REVIEW_ITEMS,
        grades=REVIEW_GRADES,
    ), (400 if form.errors else 200)


# --- supervisors ---------------------------------------------------------------------------


@admin_bp.route("/supervisors/", methods=["GET", "POST"])
@roles_required(*OFFICE)
def supervisor_list():
    form = SupervisorForm()
    if form.validate_on_submit() and _save_supervisor(None, form):
        return redirect(url_for("results_admin.supervisor_list"))
    roster = db.session.scalars(select(Supervisor).order_by(Supervisor.id)).all()
    return render_template(
        "results/admin/supervisors.html", roster=roster, form=form, supervisor=None
    ), (400 if form.errors else 200)


@admin_bp.route("/supervisors/<int:supervisor_id>", methods=["GET", "POST"])
@roles_required(*OFFICE)
def supervisor_edit(supervisor_id: int):
    supervisor = db.get_or_404(Supervisor, supervisor_id)
    form = SupervisorForm(obj=supervisor if request.method == "GET" else None)
    if form.validate_on_submit() and _save_supervisor(supervisor, form):
        return redirect(url_for("results_admin.supervisor_list"))
    return render_template(
        "results/admin/supervisor_form.html", form=form, supervisor=supervisor
    ), (400 if form.errors else 200)


def _save_supervisor(supervisor, form) -> bool:
    """Save from the form; on a refused value put the message on the form and return False."""
    try:
        supervisors.save_supervisor(
            db.session,
            _actor(),
            supervisor,
            name=form.name.data,
            affiliation=form.affiliation.data,
            organisation=form.organisation.data or "",
            term_from=form.term_from.data,
            term_to=form.term_to.data,
        )
    except supervisors.SupervisorError as error:
        db.session.rollback()
        form.term_to.errors.append(str(error))
        return False
    db.session.commit()
    flash("执法监督员信息已保存。", "success")
    return True


@admin_bp.route("/supervisors/<int:supervisor_id>/remove", methods=["POST"])
@roles_required(*OFFICE)
def supervisor_remove(supervisor_id: int):
    supervisor = db.get_or_404(Supervisor, supervisor_id)
    supervisors.remove_supervisor(db.session, _actor(), supervisor)
    db.session.commit()
    flash("已从名单中移除。", "success")
    return redirect(url_for("results_admin.supervisor_list"))
