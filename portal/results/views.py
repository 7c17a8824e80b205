"""Public result pages."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from portal.core.downloads import csv_download
from portal.core.models import local_today
from portal.core.publication import WITHDRAWN
from portal.extensions import db, limiter
from portal.org.models import Unit
from portal.results import charts
from portal.results.evaluations import EvaluationError, period_results, submit_answer
from portal.results.forms import EvaluationForm
from portal.results.models import (
    EVALUATION_DIMENSIONS,
    EVALUATION_LEVELS,
    RECTIFICATION_STATES,
    REVIEW_GRADES,
    REVIEW_ITEMS,
    EvaluationPeriod,
    ReviewRound,
    Supervisor,
)
from portal.results.reviews import REVIEW_ROUND_LIFECYCLE, public_findings, published_rounds

bp = Blueprint("results", __name__)

#: the signed cookie listing the evaluation periods this browser has answered
ANSWERED_COOKIE = "evaluated"




@bp.route("/reviews/")
def reviews():
    periods = db.session.scalars(
        select(EvaluationPeriod).order_by(EvaluationPeriod.opens_on.desc())
    ).all()
    rounds = published_rounds(db.session)
    return render_template(
        "results/reviews.html",
        periods=periods,
        rounds=rounds,
        today=local_today(),
        answered=_answered_periods(),
    )


def _minimum_answers() -> int:
    return current_app.config["EVALUATION_MIN_ANSWERS"]


@bp.route("/reviews/evaluation/<int:period_id>")
def evaluation(period_id: int):
    period = db.get_or_404(EvaluationPeriod, period_id)
    results = period_results(db.session, period, _minimum_answers())
    if request.args.get("format") == "csv":
        return csv_download(f"social-evaluation-{period.id}.csv", *evaluation_table(results))
    shown = [result for result in results if result.shown]
    overall_chart = charts.bar_chart(
        f"{period.name}社会评议综合得分（满分5分）",
        [result.unit.short_name for result in shown],
        [result.overall for result in shown],
        suffix="分",
        maximum=5,
    )
    selected = next((r for r in shown if r.unit.code == request.args.get("unit")), None)
    return render_template(
        "results/evaluation.html",
        period=period,
        results=results,
        shown=shown,
        overall_chart=overall_chart,
        selected=selected,
        distribution_chart=_distribution_chart(period, shown, selected),
        minimum=_minimum_answers(),
        dimensions=EVALUATION_DIMENSIONS,
        levels=EVALUATION_LEVELS,
        today=local_today(),
    )


def _distribution_chart(period, shown, selected):
    """How the answers spread over the five levels, for one unit or every unit shown."""
    pool = [selected] if selected else shown
    totals = {
        level: sum(
            result.distribution[column][level]
            for result in pool
            for column in EVALUATION_DIMENSIONS
        )
        for level in EVALUATION_LEVELS
    }
    whom = selected.unit.short_name if selected else "各单位合计"
    return charts.bar_chart(
        f"{period.name}评价分布（{whom}，五项合计，单位：人次）",
        list(EVALUATION_LEVELS.values()),
        list(totals.values()),
        suffix="",
    )


def evaluation_table(results):
    header = ["单位代码", "单位", "有效答卷", *EVALUATION_DIMENSIONS.values(), "综合"]
    rows = [
        [
            r.unit.code,
            r.unit.name,
            r.answers,
            *[r.averages[c] if r.shown else "" for c in EVALUATION_DIMENSIONS],
            r.overall if r.shown else "",
        ]
        for r in results
    ]
    return header, rows


def _cookie_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="evaluation-answered")


def _answered_periods() -> set[int]:
    try:
        periods = _cookie_serializer().loads(request.cookies.get(ANSWERED_COOKIE, ""))
    except BadSignature:
        return set()
    return {number for number in periods if isinstance(number, int)}


@bp.route("/reviews/evaluation/<int:period_id>/answer", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["EVALUATION_LIMIT_PER_CLIENT"],
    methods=["POST"],
    error_message="提交的评议过多。",
)
def answer(period_id: int):
    period = db.get_or_404(EvaluationPeriod, period_id)
    units = db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    form = EvaluationForm()
    form.unit.choices = {"": "请选择"} | {unit.code: unit.name for unit in units}
    answered = _answered_periods()
    if not period.is_open(local_today()):
        return render_template("results/evaluation_closed.html", period=period), 410
    if period.id in answered:
        flash("您已参加本期评议，感谢您的参与。", "info")
        return redirect(url_for("results.evaluation", period_id=period.id))
    if form.validate_on_submit():
        if form.website.data:  # the honeypot: answer as if accepted, store nothing
            return redirect(url_for("results.evaluation", period_id=period.id))
        unit = next(unit for unit in units if unit.code == form.unit.data)
        scores = {column: int(getattr(form, column).data) for column in EVALUATION_DIMENSIONS}
        try:
            submit_answer(db.session, period, unit, scores, form.comment.data or "", local_today())
        except EvaluationError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash("评议已提交，感谢您对城市管理执法工作的监督！", "success")
            response = make_response(redirect(url_for("results.evaluation", period_id=period.id)))
            value = _cookie_serializer().dumps(sorted(answered | {period.id}))
            response.set_cookie(
                ANSWERED_COOKIE,
                value,
                max_age=400 * 86400,
                httponly=True,
                samesite="Lax",
                secure=current_app.config["SESSION_COOKIE_SECURE"],
            )
            return response
    status = 400 if form.errors else 200
    return render_template(
        "results/evaluation_form.html", period=period, form=form, dimensions=EVALUATION_DIMENSIONS
    ), status


def _published_round_or_404(public_id: str) -> ReviewRound:
    if len(public_id) > 16:
        abort(404)
    return db.first_or_404(
        select(ReviewRound).where(
            ReviewRound.public_id == public_id, ReviewRound.first_published_at.is_not(None)
        )
    )


def _render_review_round(public_id: str, revision_no: int | None):
    review_round = _published_round_or_404(public_id)
    revision = REVIEW_ROUND_LIFECYCLE.revision(db.session, review_round, revision_no)
    if revision is None:
        abort(404)
    withdrawn = review_round.status == WITHDRAWN
    findings = [] if withdrawn else public_findings(db.session, review_round, revision)
    if request.args.get("format") == "csv" and not withdrawn:
        filename = f"case-file-review-{public_id}-v{revision.revision_no}.csv"
        return csv_download(filename, *review_table(findings))
    score_chart = charts.bar_chart(
        f"{revision.name}各单位得分",
        [finding["unit_short_name"] for finding in findings],
        [finding["score"] for finding in findings],
        suffix="分",
        maximum=100,
    )
    return render_template(
        "results/review_round.html",
        review_round=review_round,
        revision=revision,
        history=REVIEW_ROUND_LIFECYCLE.revisions(db.session, review_round),
        findings=findings,
        score_chart=score_chart,
        items=REVIEW_ITEMS,
        grades=REVIEW_GRADES,
        rectification_states=RECTIFICATION_STATES,
    )


@bp.route("/reviews/case-files/<public_id>")
def review_round(public_id: str):
    return _render_review_round(public_id, None)


@bp.route("/reviews/case-files/<public_id>/revisions/<int:revision_no>")
def review_round_revision(public_id: str, revision_no: int):
    return _render_review_round(public_id, revision_no)


def review_table(findings: list[dict]):
    header = [
        "单位代码",
        "单位",
        "评查案卷数",
        "得分",
        "等次",
        *REVIEW_ITEMS.values(),
        "整改状态",
        "整改完成日期",
    ]
    rows = [
        [
            finding["unit_code"],
            finding["unit_name"],
            finding["files_reviewed"],
            finding["score"],
            REVIEW_GRADES[finding["grade"]],
            *[finding[column] for column in REVIEW_ITEMS],
            RECTIFICATION_STATES[finding["rectification"]],
            finding["rectified_on"] or "",
        ]
        for finding in findings
    ]
    return header, rows


@bp.route("/supervisors/")
def supervisors():
    roster = db.session.scalars(
        select(Supervisor).order_by(Supervisor.sort_order, Supervisor.affiliation, Supervisor.id)
    ).all()
    if request.args.get("format") == "csv":
        return csv_download(
            "supervisors.csv",
            ["姓名", "身份类别", "所在单位", "任期开始", "任期结束"],
            [[s.name, s.affiliation, s.organisation, s.term_from, s.term_to] for s in roster],
        )
    return render_template("results/supervisors.html", roster=roster, today=local_today())
