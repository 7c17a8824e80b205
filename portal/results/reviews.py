"""Case-file reviews (案卷评查): rounds held by the supervision office and each unit's result.

Supervisors create a round, enter each unit's findings (the working copy) and publish the
round: revision 1 freezes the findings the public sees. Later changes to the findings stay in
the working copy until a supervisor publishes them as a correction, with a reason shown
publicly; a round can be withdrawn (撤下) with a public reason. Each unit records its own
rectification (整改) on its result — scoped to that unit — and the public page shows it as it
stands, beside the published findings.
"""

from datetime import date

from sqlalchemy import and_, func, select

from portal.audit.services import Actor, record_change
from portal.core.masking import mask_text
from portal.core.publication import PUBLISHED, PublicationError
from portal.officers.public_names import roster_names
from portal.org.models import Unit
from portal.publishing.lifecycle import Lifecycle
from portal.results.models import (
    RECTIFICATION_STATES,
    REVIEW_GRADES,
    REVIEW_ITEMS,
    ReviewResult,
    ReviewRound,
    ReviewRoundRevision,
)
from portal.search.outbox import record_index_change

REVIEW_ROUND_LIFECYCLE = Lifecycle(
    kind="review_round",
    revision_model=ReviewRoundRevision,
    owner_key="round_id",
    snapshot=ReviewRound.audit_snapshot,
)


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
) -> ReviewResult:
    """Enter or change a unit's findings in the working copy. Once the round is published the
    change is public only after ``correct_round``."""
    if grade not in REVIEW_GRADES:
        raise ReviewError("等次无效")
    if not 0 <= score <= 100:
        raise ReviewError("得分应在0到100之间")
    if files_reviewed < 0 or any(count < 0 for count in problems.values()):
        raise ReviewError("数量不能为负数")
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
    record_change(
        session,
        actor,
        "review_result.set",
        "review_result",
        result.id,
        before=before,
        after=result.audit_snapshot(),
        unit_id=unit.id,
    )
    return result


def _public(text: str | None) -> str:
    """A reason is published too: masked like the findings."""
    return mask_text((text or "").strip(), keep_names=roster_names())


def published_findings(review_round: ReviewRound) -> dict:
    """The public content of a revision: the round's fields and each unit's findings."""
    results = sorted(review_round.results, key=lambda r: (r.unit.sort_order, r.unit_id))
    return {
        "name": review_round.name,
        "held_on": review_round.held_on,
        "summary": mask_text(review_round.summary or "", keep_names=roster_names()),
        "findings": [
            {
                "unit_id": result.unit_id,
                "unit_code": result.unit.code,
                "unit_name": result.unit.name,
                "unit_short_name": result.unit.short_name,
                "files_reviewed": result.files_reviewed,
                "score": result.score,
                "grade": result.grade,
                **{column: getattr(result, column) for column in REVIEW_ITEMS},
            }
            for result in results
        ],
    }


def has_unpublished_changes(session, review_round: ReviewRound) -> bool:
    """The working copy differs from what the public sees (a correction is pending)."""
    if review_round.status != PUBLISHED:
        return False
    current = REVIEW_ROUND_LIFECYCLE.revision(session, review_round)
    content = published_findings(review_round)
    return any(getattr(current, key) != value for key, value in content.items())


def publish_round(session, actor: Actor, review_round: ReviewRound) -> ReviewRoundRevision:
    """First publication: revision 1 freezes the findings entered so far."""
    if not review_round.results:
        raise ReviewError("尚未录入任何单位的评查结果，不能公示")
    try:
        return REVIEW_ROUND_LIFECYCLE.publish(
            session, actor, review_round, published_findings(review_round)
        )
    except PublicationError as error:
        raise ReviewError(str(error)) from error


def correct_round(
    session, actor: Actor, review_round: ReviewRound, reason: str
) -> ReviewRoundRevision:
    """Publish the working copy as a new revision; ``reason`` is shown publicly."""
    if review_round.status == PUBLISHED and not has_unpublished_changes(session, review_round):
        raise ReviewError("评查结果与已公示的版本相同，无需更正")
    try:
        return REVIEW_ROUND_LIFECYCLE.correct(
            session, actor, review_round, published_findings(review_round), _public(reason)
        )
    except PublicationError as error:
        raise ReviewError(str(error)) from error


def withdraw_round(session, actor: Actor, review_round: ReviewRound, reason: str) -> None:
    """撤下: off the list, the API and the search; the permalink says when and why."""
    try:
        REVIEW_ROUND_LIFECYCLE.withdraw(session, actor, review_round, _public(reason))
    except PublicationError as error:
        raise ReviewError(str(error)) from error


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
    if result.round.status == PUBLISHED:  # the public page and the index show rectification
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


# --- the public side -----------------------------------------------------------------------


def published_rounds(session) -> list[tuple[ReviewRound, ReviewRoundRevision]]:
    """Rounds on public show with their current revision, newest first."""
    current = and_(
        ReviewRoundRevision.round_id == ReviewRound.id,
        ReviewRoundRevision.revision_no == ReviewRound.revision_count,
    )
    return session.execute(
        select(ReviewRound, ReviewRoundRevision)
        .join(ReviewRoundRevision, current)
        .where(ReviewRound.status == PUBLISHED)
        .order_by(ReviewRoundRevision.held_on.desc(), ReviewRound.id.desc())
    ).all()


def public_findings(session, review_round: ReviewRound, revision: ReviewRoundRevision) -> list:
    """The revision's findings per unit, each with the unit's rectification as it stands."""
    results = session.scalars(
        select(ReviewResult).where(ReviewResult.round_id == review_round.id)
    ).all()
    by_unit = {result.unit_id: result for result in results}
    rows = []
    for finding in revision.findings:
        result = by_unit.get(finding["unit_id"])
        rows.append(
            {
                **finding,
                "problems_total": sum(finding[column] for column in REVIEW_ITEMS),
                "rectification": result.rectification if result else "none_needed",
                "rectified_on": result.rectified_on if result else None,
                "rectification_note": mask_text(
                    result.rectification_note if result else "", keep_names=roster_names()
                ),
            }
        )
    return rows
