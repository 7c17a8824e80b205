"""/api/v1/reviews and /api/v1/supervisors: evaluation and case-file review results as
published, and the roster of appointed supervisors."""

from flask import current_app, jsonify, request, url_for
from sqlalchemy import select

from portal.api.views import bp
from portal.core.documented import CURSOR, UNIT, Param, documented
from portal.core.models import local_today
from portal.extensions import db
from portal.results.evaluations import period_results
from portal.results.models import (
    EVALUATION_DIMENSIONS,
    REVIEW_ITEMS,
    EvaluationPeriod,
    ReviewRound,
    Supervisor,
)
from portal.results.reviews import public_findings, published_rounds


def _finding_json(review_round: ReviewRound, revision, finding: dict) -> dict:
    return {
        "kind": "case_file_review",
        "round": revision.name,
        "public_id": review_round.public_id,
        "held_on": revision.held_on.isoformat(),
        "published_at": review_round.first_published_at.isoformat() + "Z",
        "revision": revision.revision_no,
        "corrected_at": revision.published_at.isoformat() + "Z" if revision.reason else None,
        "correction_reason": revision.reason or None,
        "unit_code": finding["unit_code"],
        "files_reviewed": finding["files_reviewed"],
        "score": finding["score"],
        "grade": finding["grade"],
        "problems": {column.removeprefix("problems_"): finding[column] for column in REVIEW_ITEMS},
        "rectification": finding["rectification"],
        "rectified_on": finding["rectified_on"].isoformat() if finding["rectified_on"] else None,
        "url": url_for("results.review_round", public_id=review_round.public_id, _external=True),
    }


@bp.route("/reviews")
@documented(
    "案卷评查结果（kind=social_evaluation 时为社会评议结果）",
    "ReviewList",
    params=(
        CURSOR,
        Param("kind", {"type": "string", "enum": ["case_file_review", "social_evaluation"]}),
        UNIT,
    ),
    errors=(400, 404),
)
def reviews():
    """Case-file review results per round and unit (``?kind=social_evaluation`` for the other).

    Rounds are few (a handful a year) and each holds one row per unit: one page."""
    if request.args.get("kind") == "social_evaluation":
        return _evaluations()
    unit_code = request.args.get("unit")
    items = [
        _finding_json(review_round, revision, finding)
        for review_round, revision in published_rounds(db.session)
        for finding in public_findings(db.session, review_round, revision)
        if not unit_code or finding["unit_code"] == unit_code
    ]
    return jsonify({"items": items, "next": None})


def _evaluations():
    minimum = current_app.config["EVALUATION_MIN_ANSWERS"]
    items = []
    periods = db.session.scalars(select(EvaluationPeriod).order_by(EvaluationPeriod.id)).all()
    for period in periods:
        for result in period_results(db.session, period, minimum):
            items.append(
                {
                    "kind": "social_evaluation",
                    "period": period.name,
                    "opens_on": period.opens_on.isoformat(),
                    "closes_on": period.closes_on.isoformat(),
                    "unit_code": result.unit.code,
                    "answers": result.answers,
                    "shown": result.shown,
                    "averages": (
                        {column: result.averages[column] for column in EVALUATION_DIMENSIONS}
                        if result.shown
                        else None
                    ),
                    "overall": result.overall,
                    "url": url_for("results.evaluation", period_id=period.id, _external=True),
                }
            )
    # periods × units is small (a few hundred rows): one page
    return jsonify({"items": items, "next": None})


@bp.route("/supervisors")
@documented("执法监督员名单（一页返回全部）", "SupervisorList", errors=())
def supervisors():
    """The roster of appointed supervisors: name, affiliation and term (one page of a few dozen)."""
    today = local_today()
    roster = db.session.scalars(
        select(Supervisor).order_by(Supervisor.sort_order, Supervisor.affiliation, Supervisor.id)
    ).all()
    items = [
        {
            "name": supervisor.name,
            "affiliation": supervisor.affiliation,
            "organisation": supervisor.organisation or None,
            "term_from": supervisor.term_from.isoformat(),
            "term_to": supervisor.term_to.isoformat(),
            "in_office": supervisor.term_from <= today <= supervisor.term_to,
        }
        for supervisor in roster
    ]
    return jsonify({"items": items, "next": None})
