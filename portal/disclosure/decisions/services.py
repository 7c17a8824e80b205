"""State changes of penalty decisions. Each writes its audit entry in the caller's transaction,
and each that changes what the public sees writes a search-outbox row too; none commits.

``today``, the settings and the working-day calendar are passed in, so the rules can be tested
on any date; views pass ``local_today()``, ``current_settings()`` and ``working_calendar()``.
"""

from datetime import date, datetime

from portal.audit.services import Actor, record_change
from portal.core.calendar import WorkingCalendar
from portal.core.masking import mask_text
from portal.core.publication import DRAFT, PUBLISHED, REVIEW, PublicationError
from portal.disclosure.decisions.masking import (
    masked_content,
    masking_options,
    private_fingerprint,
    public_party,
)
from portal.disclosure.decisions.models import (
    NONDISCLOSURE_REASONS,
    REVOCATION_KINDS,
    DecisionRevision,
    PenaltyDecision,
)
from portal.disclosure.decisions.rules import DecisionSettings
from portal.disclosure.decisions.working_copy import (
    apply_working_copy,
    check_doc_no_unique,
    major_reasons_of,
)
from portal.org.models import Unit
from portal.publishing.lifecycle import Lifecycle


def decision_snapshot(decision: PenaltyDecision) -> dict:
    """The audit before/after of a decision. The audit log is append-only and never pruned, so
    it holds no personal data: the party as published and a fingerprint of the private texts
    (it shows that they changed, not what they say)."""
    return {
        **decision.lifecycle_snapshot(),
        "unit": decision.unit.code if decision.unit else None,
        "doc_no": decision.doc_no,
        "party": public_party(decision),
        "party_type": decision.party_type,
        "party_is_minor": decision.party_is_minor,
        "violation_type": decision.violation_type,
        "fine_amount": str(decision.fine_amount),
        "confiscated_income": str(decision.confiscated_income),
        "confiscated_property_value": str(decision.confiscated_property_value),
        "nondisclosure_reason": decision.nondisclosure_reason or None,
        "orders_stop_of_business": decision.orders_stop_of_business,
        "revokes_licence": decision.revokes_licence,
        "decided_on": decision.decided_on,
        "is_major": decision.is_major,
        "major_raised": decision.major_raised,
        "major_raise_reason": decision.major_raise_reason or None,
        "legal_reviewed_on": decision.legal_reviewed_on,
        "filed_on": decision.filed_on,
        "filing_note": decision.filing_note or None,
        "revoked_on": decision.revoked_on,
        "revocation_recorded_on": decision.revocation_recorded_on,
        "revocation_kind": decision.revocation_kind or None,
        "texts_fingerprint": private_fingerprint(decision),
    }


DECISION_LIFECYCLE = Lifecycle("decision", DecisionRevision, "decision_id", decision_snapshot)


def public_reason(decision: PenaltyDecision, reason: str | None) -> str:
    """A correction or withdrawal reason is published too: it is masked like the decision."""
    return mask_text((reason or "").strip(), **masking_options(decision))


def _audit(session, actor: Actor, decision: PenaltyDecision, action: str, before) -> None:
    session.flush()
    record_change(
        session,
        actor,
        f"decision.{action}",
        "decision",
        decision.id,
        before=before,
        after=decision_snapshot(decision),
        unit_id=decision.unit_id,
    )


# --- the working copy ------------------------------------------------------------------------


def create_decision(
    session,
    actor: Actor,
    unit: Unit,
    data: dict,
    *,
    today: date,
    settings: DecisionSettings,
    calendar: WorkingCalendar,
    source: str = "form",
) -> PenaltyDecision:
    """A new draft decision of ``unit``."""
    decision = PenaltyDecision(unit=unit, source=source, major_raised=False)
    with session.no_autoflush:
        apply_working_copy(decision, data, today=today, settings=settings, calendar=calendar)
        check_doc_no_unique(session, decision, unit.id)
    session.add(decision)
    _audit(session, actor, decision, "create", None)
    return decision


def update_decision(
    session,
    actor: Actor,
    decision: PenaltyDecision,
    data: dict,
    *,
    today: date,
    settings: DecisionSettings,
    calendar: WorkingCalendar,
) -> bool:
    """Change a draft (or a decision waiting for review); False when nothing changed."""
    if decision.status not in (DRAFT, REVIEW):
        raise PublicationError("已公示的决定不能直接修改，请使用“更正”")
    before = decision_snapshot(decision)
    with session.no_autoflush:
        apply_working_copy(decision, data, today=today, settings=settings, calendar=calendar)
        check_doc_no_unique(session, decision, decision.unit_id)
    if decision_snapshot(decision) == before:
        return False
    _audit(session, actor, decision, "update", before)
    return True


# --- publication -----------------------------------------------------------------------------


LEGAL_REVIEW_AFTER_DECISION = (
    "法制审核日期不能晚于处罚决定日期：重大行政处罚应在作出决定前进行法制审核"
    "（河南省重大行政处罚备案审查办法 第五条）。"
)


def publication_problems(decision: PenaltyDecision, *, may_review: bool) -> list[str]:
    """Why ``decision`` may not be published now by someone who may (not) review; [] if it may."""
    problems = []
    if decision.party_is_minor:
        problems.append("当事人为未成年人：对未成年人的处罚决定依法不予公开。")
    if decision.nondisclosure_reason:
        label = NONDISCLOSURE_REASONS[decision.nondisclosure_reason]
        problems.append(f"该决定{label}，依法不予公开。")
    if decision.revoked_on is not None:
        problems.append("该决定已登记被撤销、变更或确认违法，不再公示。")
    if decision.status not in (DRAFT, REVIEW):
        problems.append("只有草稿或待审核的决定可以公示。")
    if decision.is_major:
        if decision.legal_reviewed_on is None:
            problems.append("重大行政处罚决定须先完成法制审核：请在“重大处罚”页登记审核日期。")
        elif decision.legal_reviewed_on > decision.decided_on:
            problems.append(LEGAL_REVIEW_AFTER_DECISION)
        if not may_review:
            problems.append("重大行政处罚决定须经综合监督科审核后公示：请提交审核。")
    return problems


def publish_decision(
    session, actor: Actor, decision: PenaltyDecision, *, may_review: bool, now=None
) -> DecisionRevision:
    """Publish revision 1: the masked fields of ``masked_content``."""
    problems = publication_problems(decision, may_review=may_review)
    if problems:
        raise PublicationError(problems[0])
    return DECISION_LIFECYCLE.publish(session, actor, decision, masked_content(decision), now=now)


def submit_decision(session, actor: Actor, decision: PenaltyDecision, *, now=None) -> None:
    """Send a draft to the supervisors (required for 重大 decisions, allowed for any)."""
    if decision.party_is_minor:
        raise PublicationError("当事人为未成年人：对未成年人的处罚决定依法不予公开，无需审核。")
    if decision.nondisclosure_reason:
        raise PublicationError("该决定依法不予公开，无需审核。")
    if decision.revoked_on is not None:
        raise PublicationError("该决定已登记被撤销、变更或确认违法，不再公示。")
    DECISION_LIFECYCLE.submit_for_review(session, actor, decision, now=now)


def return_decision(
    session, actor: Actor, decision: PenaltyDecision, note: str, *, may_review: bool
) -> None:
    if not may_review:
        raise PublicationError("只有综合监督科可以退回待审核的决定")
    DECISION_LIFECYCLE.return_to_draft(session, actor, decision, note)


def correct_decision(
    session,
    actor: Actor,
    decision: PenaltyDecision,
    data: dict,
    reason: str,
    *,
    may_review: bool,
    today: date,
    settings: DecisionSettings,
    calendar: WorkingCalendar,
    now: datetime | None = None,
) -> DecisionRevision:
    """Publish a corrected revision; the old one stays readable and ``reason`` is public."""
    if decision.status != PUBLISHED:
        raise PublicationError("只有公示中的决定可以更正")
    if decision.is_major and not may_review:
        raise PublicationError("重大行政处罚决定的更正须由综合监督科办理")
    before = decision_snapshot(decision)
    with session.no_autoflush:
        apply_working_copy(decision, data, today=today, settings=settings, calendar=calendar)
        check_doc_no_unique(session, decision, decision.unit_id)
    if decision.party_is_minor:
        raise PublicationError("当事人为未成年人的决定不得公示：请撤下该决定。", "party_is_minor")
    if decision.nondisclosure_reason:
        raise PublicationError("依法不予公开的决定不得公示：请撤下该决定。", "nondisclosure_reason")
    return DECISION_LIFECYCLE.correct(
        session,
        actor,
        decision,
        masked_content(decision),
        public_reason(decision, reason),
        before=before,
        now=now,
    )


def withdraw_decision(
    session, actor: Actor, decision: PenaltyDecision, reason: str, *, now=None
) -> None:
    DECISION_LIFECYCLE.withdraw(session, actor, decision, public_reason(decision, reason), now=now)


def record_revocation(
    session,
    actor: Actor,
    decision: PenaltyDecision,
    *,
    kind: str,
    revoked_on: date | None,
    reason: str,
    today: date,
) -> None:
    """Record that the decision was revoked, changed or found unlawful on ``revoked_on``
    (行政处罚法 第48条): a published one is due for withdrawal within 3 working days of that
    day — however late staff record it here (``today`` is kept as the recording date)."""
    if decision.revoked_on is not None:
        raise PublicationError("已经登记过撤销、变更或确认违法")
    if kind not in REVOCATION_KINDS:
        raise PublicationError("请选择情形", "kind")
    if revoked_on is None:
        raise PublicationError("请填写决定被撤销或变更的日期", "revoked_on")
    if revoked_on > today:
        raise PublicationError("撤销或变更的日期不能晚于今天", "revoked_on")
    if revoked_on < decision.decided_on:
        raise PublicationError("撤销或变更的日期不能早于处罚决定日期", "revoked_on")
    reason = (reason or "").strip()
    if not reason:
        raise PublicationError("请填写理由（如复议决定书、判决书文号）", "reason")
    before = decision_snapshot(decision)
    decision.revoked_on = revoked_on
    decision.revocation_recorded_on = today
    decision.revocation_kind = kind
    decision.revocation_reason = reason
    _audit(session, actor, decision, "revocation", before)


def update_major_review(
    session,
    actor: Actor,
    decision: PenaltyDecision,
    *,
    raised: bool,
    raise_reason: str,
    legal_reviewed_on: date | None,
    filed_on: date | None,
    filing_note: str,
    today: date,
) -> bool:
    """Raise (or, before publication, lower again) the 重大 flag staff set; record 法制审核
    and 备案. The flag set by the thresholds cannot be lowered. False when nothing changed."""
    by_rule = bool(major_reasons_of(decision))
    raise_reason = (raise_reason or "").strip()
    if raised != decision.major_raised and decision.status not in (DRAFT, REVIEW):
        raise PublicationError("已公示的决定不能再改变重大标记", "raised")
    if raised and not by_rule and not raise_reason:
        raise PublicationError("请说明认定为重大行政处罚的理由", "raise_reason")
    for field, day, label in (
        ("legal_reviewed_on", legal_reviewed_on, "法制审核日期"),
        ("filed_on", filed_on, "备案日期"),
    ):
        if day is not None and day > today:
            raise PublicationError(f"{label}不能晚于今天", field)
    if legal_reviewed_on is not None and legal_reviewed_on > decision.decided_on:
        raise PublicationError(LEGAL_REVIEW_AFTER_DECISION, "legal_reviewed_on")
    if filed_on is not None and filed_on < decision.decided_on:
        raise PublicationError("备案日期不能早于处罚决定日期", "filed_on")
    before = decision_snapshot(decision)
    decision.major_raised = raised
    decision.major_raise_reason = raise_reason if raised else ""
    decision.is_major = by_rule or raised
    decision.legal_reviewed_on = legal_reviewed_on
    decision.filed_on = filed_on
    decision.filing_note = (filing_note or "").strip()[:200]
    if decision_snapshot(decision) == before:
        return False
    _audit(session, actor, decision, "major", before)
    return True
