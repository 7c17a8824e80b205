"""Case-file reviews (案卷评查): rounds held by the supervision office and each unit's result.

Supervisors create a round, enter each unit's result and publish the round. A change after
publication is a correction: it needs a reason, which is shown publicly with the date. The
unit itself records its rectification (整改) — scoped to its own result.
"""

from datetime import date

from sqlalchemy import func, select

from portal.audit.services import Actor, record_change
from portal.core.models import utcnow
from portal.disclosure.models import Unit
from portal.results.models import (
    RECTIFICATION_STATES,
    REVIEW_GRADES,
    REVIEW_ITEMS,
    ReviewResult,
    ReviewRound,
)
from portal.search.outbox import record_index_change


class ReviewError(ValueError):
    """A Chinese message safe to show to staff."""


def create_round(session, actor: Actor, *, name: str, held_on: date, summary: str) -> ReviewRound:
    name = name.strip()
    if session.scalar(
        select(func.count()).select_from(ReviewRound).where(ReviewRound.name == name)
    ):
        raise ReviewError(f"已有名为“{name}”的评查")
    review_round = ReviewRound(name=name, held_on=held_on, summary=summary.strip())
    session.add(review_round)
    session.flush()
    record_change(
        session,
        actor,
        "review_round.create",
        "review_round",
        review_round.id,
        after=review_round.audit_snapshot(),
    )
    return review_round


def set_result(
    session,
    actor: Actor,
    review_round: ReviewRound,
    unit: Unit,
    *,
    files_reviewed: int,
    score: float,
    grade: str,
    problems: dict[str, int],
    correction_reason: str = "",
) -> ReviewResult:
    """Enter or change a unit's result; once the round is published this is a correction."""
    if grade not in REVIEW_GRADES:
        raise ReviewError("等次无效")
    if not 0 <= score <= 100:
        raise ReviewError("得分应在0到100之间")
    if files_reviewed < 0 or any(count < 0 for count in problems.values()):
        raise ReviewError("数量不能为负数")
    if review_round.published_at and not correction_reason.strip():
        raise ReviewError("该评查结果已公示，修改须填写更正理由（将公开显示）")
    result = session.scalars(
        select(ReviewResult).where(
            ReviewResult.round_id == review_round.id, ReviewResult.unit_id == unit.id
        )
    ).first()
    before = result.audit_snapshot() if result else None
    if result is None:
        result = ReviewResult(
            round=review_round,
            unit=unit,
            files_reviewed=0,
            score=0,
            grade="pass",
            rectification="none_needed",
        )
        session.add(result)
    result.files_reviewed, result.score, result.grade = files_reviewed, score, grade
    for column in REVIEW_ITEMS:
        setattr(result, column, int(problems.get(column, 0)))
    if result.problems_total and result.rectification == "none_needed":
        result.rectification = "in_progress"
    session.flush()
    action = "review_result.set"
    if review_round.published_at:
        review_round.corrected_at = utcnow()
        review_round.correction_reason = correction_reason.strip()
        action = "review_result.correct"
        record_index_change(session, "review_round", review_round.id)
    record_change(
        session,
        actor,
        action,
        "review_result",
        result.id,
        before=before,
        after=result.audit_snapshot() | {"correction_reason": correction_reason},
        unit_id=unit.id,
    )
    return result


def publish_round(session, actor: Actor, review_round: ReviewRound) -> None:
    if review_round.published_at:
        raise ReviewError("该评查结果已公示")
    if not review_round.results:
        raise ReviewError("尚未录入任何单位的评查结果，不能公示")
    before = review_round.audit_snapshot()
    review_round.published_at = utcnow()
    session.flush()
    record_index_change(session, "review_round", review_round.id)
    record_change(
        session,
        actor,
        "review_round.publish",
        "review_round",
        review_round.id,
        before=before,
        after=review_round.audit_snapshot(),
    )


def record_rectification(
    session, actor: Actor, result: ReviewResult, *, state: str, rectified_on: date | None, note: str
) -> None:
    if state not in RECTIFICATION_STATES:
        raise ReviewError("整改状态无效")
    if state == "done" and rectified_on is None:
        raise ReviewError("已整改须填写整改完成日期")
    before = result.audit_snapshot()
    result.rectification, result.rectified_on = state, rectified_on if state == "done" else None
    result.rectification_note = note.strip()
    session.flush()
    if result.round.published_at:
        record_index_change(session, "review_round", result.round_id)
    record_change(
        session,
        actor,
        "review_result.rectify",
        "review_result",
        result.id,
        before=before,
        after=result.audit_snapshot(),
        unit_id=result.unit_id,
    )
