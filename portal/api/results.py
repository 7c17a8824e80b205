"""/api/v1/reviews and /api/v1/supervisors: evaluation and case-file review results as
published, and the roster of appointed supervisors."""

from flask import current_app, jsonify, request, url_for
from sqlalchemy import select

from portal.api.views import bp
from portal.core.models import local_today
from portal.core.pagination import keyset_page
from portal.disclosure.models import Unit
from portal.extensions import db
from portal.results.evaluations import period_results
from portal.results.models import (
    EVALUATION_DIMENSIONS,
    REVIEW_ITEMS,
    EvaluationPeriod,
    ReviewResult,
    ReviewRound,
    Supervisor,
)


def _review_result_json(result: ReviewResult) -> dict:
    review_round = result.round
    return {
        "kind": "case_file_review",
        "round": review_round.name,
        "held_on": review_round.held_on.isoformat(),
        "published_at": review_round.published_at.isoformat() + "Z",
        "corrected_at": (
            review_round.corrected_at.isoformat() + "Z" if review_round.corrected_at else None
        ),
        "correction_reason": review_round.correction_reason or None,
        "unit_code": result.unit.code,
        "files_reviewed": result.files_reviewed,
        "score": result.score,
        "grade": result.grade,
        "problems": {
            column.removeprefix("problems_"): getattr(result, column) for column in REVIEW_ITEMS
        },
        "rectification": result.rectification,
        "rectified_on": result.rectified_on.isoformat() if result.rectified_on else None,
        "url": url_for("results.review_round", round_id=review_round.id, _external=True),
    }


@bp.route("/reviews")
def reviews():
    """Case-file review results per round and unit (``?kind=social_evaluation`` for the other)."""
    if request.args.get("kind") == "social_evaluation":
        return _evaluations()
    stmt = select(ReviewResult).join(ReviewRound).where(ReviewRound.published_at.is_not(None))
    unit_code = request.args.get("unit")
    if unit_code:
        stmt = stmt.join(Unit).where(Unit.code == unit_code)
    page = keyset_page(
        db.session,
        stmt,
        [ReviewResult.id],
        lambda result: (result.id,),
        request.args.get("cursor"),
        100,
    )
    return jsonify(
        {"items": [_review_result_json(result) for result in page.items], "next": page.next_cursor}
    )


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
