"""Back office of penalty decisions: entry, masked preview, review, publication, correction,
withdrawal, 重大 status, and the list of what is due or late. Unit-scoped throughout."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from portal.core.models import local_today
from portal.core.publication import PublicationError
from portal.disclosure.decisions import deadlines
from portal.disclosure.decisions.forms import (
    CorrectionForm,
    DecisionForm,
    MajorReviewForm,
    RevocationForm,
)
from portal.disclosure.decisions.masking import adjustment_context, preview, public_party
from portal.disclosure.decisions.models import REVOCATION_KINDS, PenaltyDecision
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.disclosure.decisions.services import (
    DECISION_LIFECYCLE,
    correct_decision,
    create_decision,
    publication_problems,
    publish_decision,
    record_revocation,
    return_decision,
    submit_decision,
    update_decision,
    update_major_review,
    withdraw_decision,
)
from portal.disclosure.decisions.working_copy import major_reasons_of
from portal.extensions import db
from portal.org.models import Unit
from portal.publishing.admin import (
    actor,
    commit_step,
    may_review,
    show_error,
    step_page,
    working_copy_list,
)
from portal.publishing.forms import ConfirmPublishForm, ReturnForm, SubmitForm, WithdrawForm
from portal.staff.access import require_staff_login
from portal.staff.scoping import get_scoped_or_404, scoped_select

decisions_admin_bp = Blueprint("decisions_admin", __name__, url_prefix="/admin/decisions")
decisions_admin_bp.before_request(require_staff_login)

PAGE_SIZE = 50


def _rules() -> dict:
    return {"today": local_today(), "settings": current_settings(), "calendar": working_calendar()}


def _decision(decision_id: int) -> PenaltyDecision:
    return get_scoped_or_404(PenaltyDecision, PenaltyDecision.id == decision_id)


def _decision_url(decision_id: int) -> str:
    return url_for("decisions_admin.decision", decision_id=decision_id)


def _step_page(decision: PenaltyDecision, form, step: str, change, message: str):
    """A lifecycle step on ``decisions/admin/step.html``; refused: the page again, as a 400."""
    return step_page(
        form,
        change,
        message,
        _decision_url(decision.id),
        "decisions/admin/step.html",
        decision=decision,
        step=step,
    )


def _units() -> list[Unit]:
    return db.session.scalars(scoped_select(Unit).order_by(Unit.sort_order, Unit.id)).all()


def _prepare_unit_field(form: DecisionForm, units: list[Unit]) -> None:
    form.unit.choices = {unit.code: unit.name for unit in units}
    if len(units) == 1:
        form.unit.data = units[0].code


@decisions_admin_bp.route("/")
def decisions():
    return working_copy_list(
        PenaltyDecision,
        (PenaltyDecision.doc_no, PenaltyDecision.party_name),
        "decisions/admin/list.html",
    )


@decisions_admin_bp.route("/due")
def due():
    today = local_today()
    calendar = working_calendar()
    settings = current_settings()
    return render_template(
        "decisions/admin/due.html",
        publications=deadlines.publications_due(
            db.session, scoped_select(PenaltyDecision), today, calendar
        ),
        withdrawals=deadlines.withdrawals_due(
            db.session, scoped_select(PenaltyDecision), today, calendar
        ),
        filings=deadlines.filings_due(
            db.session, scoped_select(PenaltyDecision), today, calendar, settings.filing_days
        ),
        filed_late=deadlines.filed_late(
            db.session,
            scoped_select(PenaltyDecision),
            date(today.year - 1, 1, 1),
            calendar,
            settings.filing_days,
        ),
        filing_days=settings.filing_days,
        reviews=deadlines.reviews_waiting(db.session, scoped_select(PenaltyDecision)),
        working_days=settings.publication_working_days,
        today=today,
    )


@decisions_admin_bp.route("/new", methods=["GET", "POST"])
def decision_new():
    units = _units()
    form = DecisionForm()
    _prepare_unit_field(form, units)
    if form.validate_on_submit():
        unit = next(unit for unit in units if unit.code == form.unit.data)
        try:
            decision = create_decision(db.session, actor(), unit, form.decision_data(), **_rules())
        except PublicationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash("处罚决定已保存为草稿。请核对脱敏预览后公示。", "success")
            return redirect(url_for("decisions_admin.decision", decision_id=decision.id))
    return render_template("decisions/admin/form.html", form=form, decision=None, units=units)


@decisions_admin_bp.route("/<int:decision_id>")
def decision(decision_id: int):
    decision = _decision(decision_id)
    previews = preview(decision)
    return render_template(
        "decisions/admin/detail.html",
        decision=decision,
        previews=previews,
        problems=publication_problems(decision, may_review=may_review()),
        major_reasons=major_reasons_of(decision),
        revisions=DECISION_LIFECYCLE.revisions(db.session, decision),
        may_review=may_review(),
        revocation_kinds=REVOCATION_KINDS,
        withdrawal_due_on=deadlines.withdrawal_due_of(decision, working_calendar()),
        withdrawal_late=deadlines.withdrawal_late(decision, local_today(), working_calendar()),
        filing_due_on=deadlines.filing_due_of(
            decision, working_calendar(), current_settings().filing_days
        ),
        filing_late=deadlines.filing_late(
            decision, local_today(), working_calendar(), current_settings().filing_days
        ),
        published_late=deadlines.published_late(decision),
        public_party=public_party(decision),
        **adjustment_context(decision, previews),
    )


@decisions_admin_bp.route("/<int:decision_id>/edit", methods=["GET", "POST"])
def decision_edit(decision_id: int):
    decision = _decision(decision_id)
    correcting = decision.status == "published"
    editable = decision.status in ("draft", "review") or correcting
    form_class = CorrectionForm if correcting else DecisionForm
    form = form_class(obj=decision if request.method == "GET" else None)
    _prepare_unit_field(form, [decision.unit])
    if editable and form.validate_on_submit():
        try:
            if correcting:
                correct_decision(
                    db.session,
                    actor(),
                    decision,
                    form.decision_data(),
                    form.reason.data,
                    may_review=may_review(),
                    **_rules(),
                )
                message = "已发布更正后的版本，原版本仍可查阅。"
            else:
                changed = update_decision(
                    db.session, actor(), decision, form.decision_data(), **_rules()
                )
                message = "已保存修改。" if changed else "没有需要保存的修改。"
        except PublicationError as error:
            db.session.rollback()
            decision = _decision(decision_id)
            show_error(form, error)
        else:
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("decisions_admin.decision", decision_id=decision.id))
    elif not editable and request.method == "POST":
        abort(409, "该决定当前状态不能修改")
    return render_template(
        "decisions/admin/form.html",
        form=form,
        decision=decision,
        correcting=correcting,
        editable=editable,
        units=[decision.unit],
    )


@decisions_admin_bp.route("/<int:decision_id>/submit", methods=["GET", "POST"])
def decision_submit(decision_id: int):
    decision = _decision(decision_id)
    return _step_page(
        decision,
        SubmitForm(),
        "submit",
        lambda: submit_decision(db.session, actor(), decision),
        "已提交综合监督科审核。",
    )


@decisions_admin_bp.route("/<int:decision_id>/publish", methods=["GET", "POST"])
def decision_publish(decision_id: int):
    decision = _decision(decision_id)
    form = ConfirmPublishForm()
    problems = publication_problems(decision, may_review=may_review())
    if not problems and form.validate_on_submit():
        done = commit_step(
            form,
            lambda: publish_decision(db.session, actor(), decision, may_review=may_review()),
            "处罚决定已公示。",
            _decision_url(decision.id),
        )
        if done:
            return done
    elif problems and request.method == "POST":
        db.session.rollback()
        flash(problems[0], "error")
    return render_template(
        "decisions/admin/publish.html",
        decision=decision,
        form=form,
        problems=problems,
        previews=preview(decision),
        public_party=public_party(decision),
        may_review=may_review(),
    )


@decisions_admin_bp.route("/<int:decision_id>/return", methods=["GET", "POST"])
def decision_return(decision_id: int):
    if not may_review():
        abort(403)  # only the supervision office sends a decision back
    decision = _decision(decision_id)
    form = ReturnForm()
    return _step_page(
        decision,
        form,
        "return",
        lambda: return_decision(db.session, actor(), decision, form.note.data, may_review=True),
        "已退回承办人员修改。",
    )


@decisions_admin_bp.route("/<int:decision_id>/withdraw", methods=["GET", "POST"])
def decision_withdraw(decision_id: int):
    decision = _decision(decision_id)
    form = WithdrawForm()
    if request.method == "GET" and decision.revocation_reason and not form.reason.data:
        kind = REVOCATION_KINDS.get(decision.revocation_kind, "")
        form.reason.data = f"该处罚决定{kind}：{decision.revocation_reason}"
    return _step_page(
        decision,
        form,
        "withdraw",
        lambda: withdraw_decision(db.session, actor(), decision, form.reason.data),
        "处罚决定已撤下，公开页面保留撤下说明。",
    )


@decisions_admin_bp.route("/<int:decision_id>/revocation", methods=["GET", "POST"])
def decision_revocation(decision_id: int):
    decision = _decision(decision_id)
    form = RevocationForm()
    return _step_page(
        decision,
        form,
        "revocation",
        lambda: record_revocation(
            db.session,
            actor(),
            decision,
            kind=form.kind.data,
            revoked_on=form.revoked_on.data,
            reason=form.reason.data,
            today=local_today(),
        ),
        "已登记。已公示的决定须在3个工作日内撤下。",
    )


@decisions_admin_bp.route("/<int:decision_id>/major", methods=["GET", "POST"])
def decision_major(decision_id: int):
    decision = _decision(decision_id)
    form = MajorReviewForm(obj=decision if request.method == "GET" else None)
    if request.method == "GET":
        form.raised.data = decision.major_raised
        form.raise_reason.data = decision.major_raise_reason
    if form.validate_on_submit():
        try:
            changed = update_major_review(
                db.session,
                actor(),
                decision,
                raised=form.raised.data,
                raise_reason=form.raise_reason.data,
                legal_reviewed_on=form.legal_reviewed_on.data,
                filed_on=form.filed_on.data,
                filing_note=form.filing_note.data,
                today=local_today(),
            )
        except PublicationError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            db.session.commit()
            flash("已保存。" if changed else "没有需要保存的修改。", "success")
            return redirect(url_for("decisions_admin.decision", decision_id=decision.id))
    status = 400 if request.method == "POST" else 200  # refused: the form again, as a 400
    return render_template(
        "decisions/admin/major.html",
        decision=decision,
        form=form,
        major_reasons=major_reasons_of(decision),
        filing_days=current_settings().filing_days,
        filing_due_on=deadlines.filing_due_on(
            decision.decided_on, working_calendar(), current_settings().filing_days
        ),
    ), status
