"""State changes of complaint outcomes. Each writes its audit entry (``outcome.publish`` …) and
its search-outbox row in the caller's transaction; none commits.

Staff publish directly after the masked preview (no review step): the outcome repeats what
the complaint's answer already said, and the preview shows exactly what becomes public.
"""

import hashlib

from sqlalchemy import select

from portal.audit.services import Actor
from portal.complaints.models import Complaint
from portal.core.publication import DRAFT, PublicationError, new_public_id
from portal.publishing.lifecycle import Lifecycle
from portal.results.outcomes.masking import mask_outcome_text, masked_content
from portal.results.outcomes.models import CATEGORIES, ComplaintOutcome, ComplaintOutcomeRevision

TEXT_LIMIT = 5000


def outcome_snapshot(outcome: ComplaintOutcome) -> dict:
    """The audit before/after: no texts (they may hold personal data), only a fingerprint."""
    texts = "\x1f".join((outcome.summary or "", outcome.reply or ""))
    return {
        **outcome.lifecycle_snapshot(),
        "complaint": outcome.complaint.tracking_no if outcome.complaint else None,
        "unit_id": outcome.unit_id,
        "category": outcome.category,
        "texts_fingerprint": hashlib.sha256(texts.encode("utf-8")).hexdigest()[:16],
    }


OUTCOME_LIFECYCLE = Lifecycle("outcome", ComplaintOutcomeRevision, "outcome_id", outcome_snapshot)


def outcome_of(session, complaint: Complaint) -> ComplaintOutcome | None:
    return session.scalars(
        select(ComplaintOutcome).where(ComplaintOutcome.complaint_id == complaint.id)
    ).first()


def publication_problems(session, complaint: Complaint) -> list[str]:
    """Why ``complaint``'s outcome may not be published; [] when it may."""
    problems = []
    if complaint.kind == "tipoff":
        problems.append("举报件不公开办理结果（仅公布数量），以保护举报人和被举报人。")
    if complaint.state != "closed":
        problems.append("只有已办结的件可以公示办理结果。")
    if complaint.handling_unit_id is None:
        problems.append("该件没有办理单位，不能公示办理结果。")
    if outcome_of(session, complaint) is not None:
        problems.append("该件的办理结果已经公示过；如需修改请在公示记录中“更正”。")
    return problems


def _clean_texts(category: str, summary: str, reply: str) -> tuple[str, str, str]:
    if category not in CATEGORIES:
        raise PublicationError("请从列表中选择问题类别", "category")
    summary, reply = (summary or "").strip(), (reply or "").strip()
    if len(summary) < 5:
        raise PublicationError("请填写情况摘要（至少5个字）", "summary")
    if len(reply) < 5:
        raise PublicationError("请填写答复内容（至少5个字）", "reply")
    if len(summary) > TEXT_LIMIT or len(reply) > TEXT_LIMIT:
        raise PublicationError(f"摘要和答复各最多{TEXT_LIMIT}个字")
    return category, summary, reply


def publish_outcome(
    session,
    actor: Actor,
    complaint: Complaint,
    *,
    category: str,
    summary: str,
    reply: str,
    now=None,
    public_id: str | None = None,
) -> ComplaintOutcome:
    """Publish the outcome of a closed complaint (revision 1, masked)."""
    problems = publication_problems(session, complaint)
    if problems:
        raise PublicationError(problems[0])
    category, summary, reply = _clean_texts(category, summary, reply)
    outcome = ComplaintOutcome(
        complaint=complaint,
        unit_id=complaint.handling_unit_id,
        category=category,
        summary=summary,
        reply=reply,
        status=DRAFT,
        revision_count=0,
        public_id=public_id or new_public_id(),
    )
    session.add(outcome)
    OUTCOME_LIFECYCLE.publish(
        session, actor, outcome, masked_content(complaint, category, summary, reply), now=now
    )
    return outcome


def correct_outcome(
    session,
    actor: Actor,
    outcome: ComplaintOutcome,
    *,
    category: str,
    summary: str,
    reply: str,
    reason: str,
    now=None,
) -> ComplaintOutcomeRevision:
    """A new revision with the public ``reason`` (masked too); the complaint's facts (dates,
    rating) are read again, so a later rating or re-handling answer can be shown."""
    if outcome.complaint.kind == "tipoff":  # never happens through the service, kept as a guard
        raise PublicationError("举报件不公开办理结果")
    category, summary, reply = _clean_texts(category, summary, reply)
    before = outcome_snapshot(outcome)
    outcome.category, outcome.summary, outcome.reply = category, summary, reply
    return OUTCOME_LIFECYCLE.correct(
        session,
        actor,
        outcome,
        masked_content(outcome.complaint, category, summary, reply),
        mask_outcome_text(reason, outcome.complaint),
        before=before,
        now=now,
    )


def withdraw_outcome(session, actor: Actor, outcome: ComplaintOutcome, reason: str, *, now=None):
    OUTCOME_LIFECYCLE.withdraw(
        session, actor, outcome, mask_outcome_text(reason, outcome.complaint), now=now
    )
