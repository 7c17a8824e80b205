"""Demo outcomes: about forty closed demo complaints (never tip-offs) across the units, published
through the same service staff use, so everything is masked; two corrected, one withdrawn.

A few summaries deliberately quote the complainant's demo name and phone (演示投诉人NNN,
1700000NNNN) the way a careless draft would: publication masks them, and the privacy tests
search every public output for them. The first three outcomes have fixed permalinks
(``DEMO_PUBLIC_IDS``) for the page checks. Idempotent: complaints that already have an outcome
are skipped, and nothing is added once there are ``DEMO_OUTCOMES``.
"""

from datetime import timedelta

from sqlalchemy import func, select

from portal.audit.services import CLI_ACTOR
from portal.complaints.models import Complaint
from portal.core.models import utcnow
from portal.org.models import Unit
from portal.results.outcomes.masking import prefill
from portal.results.outcomes.models import ComplaintOutcome
from portal.results.outcomes.services import correct_outcome, publish_outcome, withdraw_outcome

DEMO_OUTCOMES = 40
PER_UNIT = 4
#: the permalinks of the first three: corrected, corrected, withdrawn
DEMO_PUBLIC_IDS = ("demo-oc-correct", "demo-oc-second", "demo-oc-withdraw")
_CATEGORY_WORDS = [
    ("摊点", "street_vending"),
    ("摊主", "street_vending"),
    ("施工", "noise"),
    ("共享单车", "parking"),
    ("态度", "conduct"),
    ("证件", "conduct"),
    ("清单", "conduct"),
    ("标准不一", "conduct"),
    ("无人处理", "conduct"),
]


def _category(complaint: Complaint) -> str:
    for word, category in _CATEGORY_WORDS:
        if word in complaint.description:
            return category
    return "other"


def _candidates(session) -> list[Complaint]:
    """Up to ``PER_UNIT`` closed complaints of each unit without an outcome, taken in turns
    (each unit's first, then each unit's second …), so that every unit has some."""
    published = select(ComplaintOutcome.complaint_id)
    per_unit = []
    for unit in session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)):
        per_unit.append(
            session.scalars(
                select(Complaint)
                .where(
                    Complaint.handling_unit_id == unit.id,
                    Complaint.state == "closed",
                    Complaint.kind != "tipoff",
                    Complaint.id.not_in(published),
                )
                .order_by(Complaint.id)
                .limit(PER_UNIT)
            ).all()
        )
    return [
        unit_cases[turn]
        for turn in range(PER_UNIT)
        for unit_cases in per_unit
        if turn < len(unit_cases)
    ]


def load_demo_outcomes(session) -> tuple[int, int]:
    existing = session.scalar(select(func.count()).select_from(ComplaintOutcome))
    added = 0
    if existing < DEMO_OUTCOMES:
        now = utcnow()
        for complaint in _candidates(session)[: DEMO_OUTCOMES - existing]:
            number = existing + added
            texts = prefill(complaint)
            summary = complaint.description
            if number % 5 == 0 and complaint.contact_name:
                # a careless draft: publication masks the name and phone
                who = f"投诉人{complaint.contact_name}（电话{complaint.contact_phone}）"
                summary = f"{who}反映：{summary}"
            published_at = min(complaint.closed_at + timedelta(days=1), now)
            outcome = publish_outcome(
                session,
                CLI_ACTOR,
                complaint,
                category=_category(complaint),
                summary=summary,
                reply=texts["reply"],
                now=published_at,
                public_id=DEMO_PUBLIC_IDS[number] if number < len(DEMO_PUBLIC_IDS) else None,
            )
            later = min(published_at + timedelta(hours=5), now)
            if number in (0, 1):
                correct_outcome(
                    session,
                    CLI_ACTOR,
                    outcome,
                    category=outcome.category,
                    summary=f"{texts['summary']}（办理单位已回访，落实情况良好。）",
                    reply=outcome.reply,
                    reason="原摘要未写明处理后的现场情况，予以补充。",
                    now=later,
                )
            elif number == 2:
                withdraw_outcome(
                    session,
                    CLI_ACTOR,
                    outcome,
                    "投诉人对答复提出异议，待复查办结后重新公示。",
                    now=later,
                )
            added += 1
        session.flush()
    return added, session.scalar(select(func.count()).select_from(ComplaintOutcome))
