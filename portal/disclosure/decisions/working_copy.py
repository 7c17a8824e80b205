"""A decision's working copy: validating what a form or an import row gives, and the fields
derived from it (measures, the 重大 flag, the publication due date)."""

from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from portal.core.calendar import WorkingCalendar
from portal.core.publication import PublicationError
from portal.disclosure.decisions.models import (
    NONDISCLOSURE_REASONS,
    PARTY_TYPES,
    VIOLATION_TYPES,
    PenaltyDecision,
)
from portal.disclosure.decisions.rules import (
    DecisionSettings,
    detect_measures,
    major_reasons,
    publication_due_on,
)

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
    "confiscated_income",
    "confiscated_property_value",
    "nondisclosure_reason",
    "orders_stop_of_business",
    "revokes_licence",
    "decided_on",
)
_TEXT_LIMITS = {"doc_no": 100, "party_name": 200}


def _text(data: dict, field: str, label: str, required: bool = False) -> str:
    value = (data.get(field) or "").strip()
    if required and not value:
        raise PublicationError(f"请填写{label}", field)
    limit = _TEXT_LIMITS.get(field)
    if limit and len(value) > limit:
        raise PublicationError(f"{label}最多{limit}个字", field)
    return value


#: the amounts in yuan a decision carries: field → label
AMOUNT_LABELS = {
    "fine_amount": "罚款金额",
    "confiscated_income": "没收违法所得金额",
    "confiscated_property_value": "没收非法财物价值",
}


def _amount(value, field: str = "fine_amount") -> Decimal:
    label = AMOUNT_LABELS[field]
    if value in (None, ""):
        return Decimal("0")
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise PublicationError(f"{label}应为数字（单位：元）", field) from None
    if not amount.is_finite() or amount < 0 or amount >= MAX_FINE:
        raise PublicationError(f"{label}应为不小于0的数字（单位：元）", field)
    if amount != amount.quantize(Decimal("0.01")):
        raise PublicationError(f"{label}最多保留两位小数", field)
    return amount.quantize(Decimal("0.01"))


def apply_working_copy(
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
    if decision.legal_reviewed_on is not None and decided_on < decision.legal_reviewed_on:
        raise PublicationError(
            f"处罚决定日期不能早于已登记的法制审核日期（{decision.legal_reviewed_on.isoformat()}）",
            "decided_on",
        )
    nondisclosure = data.get("nondisclosure_reason") or ""
    if nondisclosure and nondisclosure not in NONDISCLOSURE_REASONS:
        raise PublicationError("请从列表中选择不予公开的情形", "nondisclosure_reason")
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
    for field in AMOUNT_LABELS:
        setattr(decision, field, _amount(data.get(field), field))
    decision.nondisclosure_reason = nondisclosure
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
        decision.confiscated_income,
        decision.confiscated_property_value,
    )


def check_doc_no_unique(session, decision: PenaltyDecision, unit_id: int) -> None:
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
