"""State changes of penalty decisions. Each writes its audit entry in the caller's transaction,
and each that changes what the public sees writes a search-outbox row too; none commits.

``today``, the settings and the working-day calendar are passed in, so the rules can be tested
on any date; views pass ``local_today()``, ``current_settings()`` and ``working_calendar()``.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from portal.audit.services import Actor, record_change
from portal.core.calendar import WorkingCalendar
from portal.core.lifecycle import Lifecycle
from portal.core.masking import mask_text
from portal.core.publication import DRAFT, PUBLISHED, REVIEW, PublicationError
from portal.disclosure.decisions.masking import (
    masked_content,
    masking_options,
    private_fingerprint,
    public_party,
)
from portal.disclosure.decisions.models import (
    PARTY_TYPES,
    REVOCATION_KINDS,
    VIOLATION_TYPES,
    DecisionRevision,
    PenaltyDecision,
)
from portal.disclosure.decisions.rules import (
    DecisionSettings,
    detect_measures,
    major_reasons,
    publication_due_on,
)
from portal.disclosure.models import Unit

MAX_FINE = Decimal("10000000000")
FIRST_DECISION_DATE = date(2000, 1, 1)
#: the working-copy fields a form or an import row provides
DECISION_FIELDS = (
    "doc_no",
    "party_name",
    "party_type",
    "party_is_minor",
    "related_names",
    "violation_type",
    "violation",
    "facts",
    "legal_basis",
    "penalty",
    "fine_amount",
    "orders_stop_of_business",
    "revokes_licence",
    "decided_on",
)
_TEXT_LIMITS = {"doc_no": 100, "party_name": 200}


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


def _text(data: dict, field: str, label: str, required: bool = False) -> str:
    value = (data.get(field) or "").strip()
    if required and not value:
        raise PublicationError(f"请填写{label}", field)
    limit = _TEXT_LIMITS.get(field)
    if limit and len(value) > limit:
        raise PublicationError(f"{label}最多{limit}个字", field)
    return value


def _fine(value) -> Decimal:
    if value in (None, ""):
        return Decimal("0")
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise PublicationError("罚款金额应为数字（单位：元）", "fine_amount") from None
    if not amount.is_finite() or amount < 0 or amount >= MAX_FINE:
        raise PublicationError("罚款金额应为不小于0的数字（单位：元）", "fine_amount")
    if amount != amount.quantize(Decimal("0.01")):
        raise PublicationError("罚款金额最多保留两位小数", "fine_amount")
    return amount.quantize(Decimal("0.01"))


def _apply(
    decision: PenaltyDecision,
    data: dict,
    *,
    today: date,
    settings: DecisionSettings,
    calendar: WorkingCalendar,
) -> None:
    """Validate ``data`` and write it into the working copy with the derived fields."""
    doc_no = _text(data, "doc_no", "文书号", required=True)
    party_type = data.get("party_type")
    if party_type not in PARTY_TYPES:
        raise PublicationError("请选择当事人类型", "party_type")
    party_name = _text(data, "party_name", "当事人名称", required=True)
    violation_type = data.get("violation_type") or "other"
    if violation_type not in VIOLATION_TYPES:
        raise PublicationError("请选择违法行为类型", "violation_type")
    decided_on = data.get("decided_on")
    if not isinstance(decided_on, date):
        raise PublicationError("请填写处罚决定日期", "decided_on")
    if decided_on > today:
        raise PublicationError("处罚决定日期不能晚于今天", "decided_on")
    if decided_on < FIRST_DECISION_DATE:
        raise PublicationError("处罚决定日期不能早于2000年", "decided_on")
    related = [line.strip() for line in (data.get("related_names") or "").splitlines()]
    if any(0 < len(name) < 2 for name in related):
        raise PublicationError("其他人员姓名至少两个字，每行一个", "related_names")
    decision.doc_no = doc_no
    decision.party_type = party_type
    decision.party_name = party_name
    decision.party_is_minor = bool(data.get("party_is_minor"))
    decision.related_names = "\n".join(name for name in related if name)
    decision.violation_type = violation_type
    decision.violation = _text(data, "violation", "违法行为", required=True)
    decision.facts = _text(data, "facts", "违法事实")
    decision.legal_basis = _text(data, "legal_basis", "处罚依据", required=True)
    decision.penalty = _text(data, "penalty", "处罚内容", required=True)
    decision.fine_amount = _fine(data.get("fine_amount"))
    stops, revokes = detect_measures(decision.penalty)
    decision.orders_stop_of_business = bool(data.get("orders_stop_of_business")) or stops
    decision.revokes_licence = bool(data.get("revokes_licence")) or revokes
    decision.decided_on = decided_on
    decision.publication_due_on = publication_due_on(
        decided_on, calendar, settings.publication_working_days
    )
    decision.is_major = bool(major_reasons_of(decision)) or decision.major_raised


def major_reasons_of(decision: PenaltyDecision) -> list[str]:
    return major_reasons(
        decision.party_type,
        decision.fine_amount,
        decision.orders_stop_of_business,
        decision.revokes_licence,
    )


def _check_unique(session, decision: PenaltyDecision, unit_id: int) -> None:
    clash = session.scalar(
        select(func.count())
        .select_from(PenaltyDecision)
        .where(
            PenaltyDecision.unit_id == unit_id,
            PenaltyDecision.doc_no == decision.doc_no,
            PenaltyDecision.id != (decision.id or 0),
        )
    )
    if clash:
        raise PublicationError(f"本单位已有文书号为“{decision.doc_no}”的处罚决定", "doc_no")


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
        _apply(decision, data, today=today, settings=settings, calendar=calendar)
        _check_unique(session, decision, unit.id)
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
        _apply(decision, data, today=today, settings=settings, calendar=calendar)
        _check_unique(session, decision, decision.unit_id)
    if decision_snapshot(decision) == before:
        return False
    _audit(session, actor, decision, "update", before)
    return True


# --- publication -----------------------------------------------------------------------------


def publication_problems(decision: PenaltyDecision, *, may_review: bool) -> list[str]:
    """Why ``decision`` may not be published now by someone who may (not) review; [] if it may."""
    problems = []
    if decision.party_is_minor:
        problems.append("当事人为未成年人：对未成年人的处罚决定依法不予公开。")
    if decision.revoked_on is not None:
        problems.append("该决定已登记被撤销、变更或确认违法，不再公示。")
    if decision.status not in (DRAFT, REVIEW):
        problems.append("只有草稿或待审核的决定可以公示。")
    if decision.is_major:
        if decision.legal_reviewed_on is None:
            problems.append("重大行政处罚决定须先完成法制审核：请在“重大处罚”页登记审核日期。")
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
        _apply(decision, data, today=today, settings=settings, calendar=calendar)
        _check_unique(session, decision, decision.unit_id)
    if decision.party_is_minor:
        raise PublicationError("当事人为未成年人的决定不得公示：请撤下该决定。", "party_is_minor")
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
    """Record that the decision was revoked, changed or found unlawful (行政处罚法 第48条):
    a published one is then due for withdrawal within 3 working days of ``revoked_on``."""
    if decision.revoked_on is not None:
        raise PublicationError("已经登记过撤销、变更或确认违法")
    if kind not in REVOCATION_KINDS:
        raise PublicationError("请选择情形", "kind")
    if revoked_on is None:
        raise PublicationError("请填写登记日期", "revoked_on")
    if revoked_on > today:
        raise PublicationError("登记日期不能晚于今天", "revoked_on")
    if revoked_on < decision.decided_on:
        raise PublicationError("登记日期不能早于处罚决定日期", "revoked_on")
    reason = (reason or "").strip()
    if not reason:
        raise PublicationError("请填写理由（如复议决定书、判决书文号）", "reason")
    before = decision_snapshot(decision)
    decision.revoked_on = revoked_on
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
