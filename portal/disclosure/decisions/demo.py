"""Demo penalty decisions: about 3,000 over the last two years across the 13 units.

Most are published on time, some late; a few were corrected (two revisions) or withdrawn after
a revocation, two are revoked and due for withdrawal, the newest are drafts or wait for review
(the back office's due list), some are 重大, three concern minors (never published), and a
handful are older than the 2-year retention for natural persons (their permalinks say so).

Generated from a fixed seed and inserted in bulk (a second run adds nothing: the loader skips
when demo decisions exist). The demo is seed data, not staff work: no audit entries; every
published one gets its search-outbox row.
"""

import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select

from portal.core.calendar import WorkingCalendar
from portal.core.models import local_today, utcnow
from portal.core.publication import DRAFT, PUBLISHED, REVIEW, WITHDRAWN, new_public_id
from portal.disclosure.decisions import demo_content as content
from portal.disclosure.decisions.demo_cases import (
    DemoCase,
    decision_dates,
    make_case,
    office_moment,
    weighted,
)
from portal.disclosure.decisions.masking import masked_content
from portal.disclosure.decisions.models import DecisionRevision, PenaltyDecision
from portal.disclosure.decisions.rules import (
    current_settings,
    detect_measures,
    major_reasons,
    publication_due_on,
    working_calendar,
)
from portal.org.models import Unit
from portal.search.models import SearchOutboxEntry

DEMO_SEED = 20260301
DEMO_DECISIONS = 3000
DEMO_SOURCE = "demo"
#: the 文书号 prefix of each unit
DOC_PREFIXES = {
    "zhidui": "平城执",
    "xinhua": "平新城管",
    "weidong": "平卫城管",
    "zhanhe": "平湛城管",
    "shilong": "平石城管",
    "baofeng": "宝城管",
    "yexian": "叶城管",
    "lushan": "鲁城管",
    "jiaxian": "郏城管",
    "wugang": "舞城管",
    "ruzhou": "汝城管",
    "shifanqu": "平示范城管",
    "gaoxinqu": "平高新城管",
}
#: how busy each unit is, relative to the others
UNIT_WEIGHTS = {"xinhua": 14, "weidong": 12, "zhanhe": 12, "ruzhou": 10, "zhidui": 6}


def _lifecycle(
    rnd: random.Random, case: DemoCase, today: date, now: datetime, calendar: WorkingCalendar
) -> dict:
    """Where the case stands today: draft, in review, published (maybe late), corrected or
    withdrawn. Returns the row's lifecycle columns plus ``corrected_at`` when corrected."""
    age = (today - case.decided_on).days
    if case.party_is_minor:
        return {"status": DRAFT}
    if age <= 10:
        draw = rnd.random()
        if draw < 0.3:
            return {"status": DRAFT}
        if draw < 0.45 or (case.is_major and draw < 0.85):
            requested = office_moment(rnd, min(today, case.decided_on + timedelta(days=1)))
            return {"status": REVIEW, "review_requested_at": min(requested, now)}
    if age <= 30 and rnd.random() < 0.04:
        return {"status": DRAFT}  # overdue: the due list shows it in red
    late = rnd.random() < 0.06
    publish_day = calendar.add_working_days(
        case.decided_on, rnd.randint(8, 15) if late else rnd.randint(1, 7)
    )
    published_at = min(office_moment(rnd, min(publish_day, today)), now - timedelta(minutes=5))
    plan = {
        "status": PUBLISHED,
        "first_published_at": published_at,
        "public_updated_at": published_at,
        "revision_count": 1,
    }
    draw = rnd.random()
    if draw < 0.025 and age > 20:
        corrected_at = min(published_at + timedelta(days=rnd.randint(2, 40)), now)
        plan.update(revision_count=2, public_updated_at=corrected_at, corrected_at=corrected_at)
    elif draw < 0.035 and age > 60:
        revoked_on = min(publish_day + timedelta(days=rnd.randint(20, 120)), today)
        kind, template = rnd.choice(content.REVOCATION_REASONS)
        reason = template.format(
            gov=f"{case.unit.short_name}人民政府",
            short=case.unit.short_name[:1],
            year=revoked_on.year,
            n=rnd.randint(2, 60),
        )
        withdrawn_on = min(calendar.add_working_days(revoked_on, rnd.randint(1, 3)), today)
        withdrawn_at = min(office_moment(rnd, withdrawn_on), now)
        plan.update(
            status=WITHDRAWN,
            revoked_on=revoked_on,
            revocation_kind=kind,
            revocation_reason=reason,
            withdrawn_at=withdrawn_at,
            withdrawal_reason=reason,
            public_updated_at=withdrawn_at,
        )
    return plan


def _add_confiscations(cases: list[DemoCase]) -> None:
    """Every 40th case also confiscates unlawful income, every 60th illegal property; a few
    reach the 重大 threshold through the confiscation alone (no random draws: the rest of
    the demo stays as it was)."""
    for number, case in enumerate(cases):
        threshold = Decimal("10000") if case.party_type == "person" else Decimal("100000")
        if number % 40 == 7:
            case.confiscated_income = (
                threshold if number % 120 == 7 else (case.fine_amount / 2).quantize(CENT)
            )
        if number % 60 == 11:
            case.confiscated_property_value = Decimal("3500.00")


def _major_columns(rnd: random.Random, case: DemoCase, today: date) -> dict:
    if not case.is_major:
        return {}
    filed_on = case.decided_on + timedelta(days=rnd.randint(2, 14))
    if case.decided_on.day % 9 == 0:  # a few filed late, for the back office and the figures
        filed_on += timedelta(days=10)
    return {
        "legal_reviewed_on": case.decided_on - timedelta(days=rnd.randint(1, 6)),
        "filed_on": filed_on if filed_on <= today and rnd.random() > 0.1 else None,
        "filing_note": f"平城管备字〔{case.decided_on.year}〕第{rnd.randint(1, 99)}号",
    }


#: every column of a demo row, so that all rows insert with one statement
CENT = Decimal("0.01")
_ROW_DEFAULTS = {
    "status": DRAFT,
    "revision_count": 0,
    "first_published_at": None,
    "public_updated_at": None,
    "withdrawn_at": None,
    "withdrawal_reason": "",
    "review_requested_at": None,
    "review_note": "",
    "legal_reviewed_on": None,
    "filed_on": None,
    "filing_note": "",
    "revoked_on": None,
    "revocation_kind": "",
    "revocation_reason": "",
}


def _cases(session, rnd: random.Random, today: date) -> list[DemoCase]:
    units = session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    existing = set(session.execute(select(PenaltyDecision.unit_id, PenaltyDecision.doc_no)))
    weights = {unit: UNIT_WEIGHTS.get(unit.code, 5) for unit in units}
    numbers: dict = defaultdict(int)
    cases = []
    for day in decision_dates(rnd, today, DEMO_DECISIONS):
        unit = weighted(rnd, weights)
        numbers[(unit.code, day.year)] += 1
        prefix = DOC_PREFIXES.get(unit.code, "平城管")
        doc_no = f"{prefix}罚决字〔{day.year}〕第{numbers[(unit.code, day.year)]}号"
        case = make_case(rnd, unit, day, doc_no)
        if (unit.id, doc_no) not in existing:
            cases.append(case)
    recent_persons = [c for c in cases[-40:] if c.party_type == "person"]
    for case in recent_persons[:3]:
        case.party_is_minor = True
    return cases


def load_demo_decisions(session) -> tuple[int, int]:
    def total() -> int:
        return session.scalar(select(func.count()).select_from(PenaltyDecision))

    demo_rows = select(func.count()).where(PenaltyDecision.source == DEMO_SOURCE)
    if session.scalar(demo_rows):
        return 0, total()
    today, calendar, settings = local_today(), working_calendar(), current_settings()
    now = utcnow()
    rnd = random.Random(DEMO_SEED)
    cases = _cases(session, rnd, today)
    _add_confiscations(cases)
    rows = []
    for case in cases:
        stops, revokes = detect_measures(case.penalty)
        case.is_major = bool(
            major_reasons(
                case.party_type,
                case.fine_amount,
                stops,
                revokes,
                case.confiscated_income,
                case.confiscated_property_value,
            )
        )
        case.plan = _lifecycle(rnd, case, today, now, calendar)
        row = {
            **_ROW_DEFAULTS,
            **{key: value for key, value in case.plan.items() if key != "corrected_at"},
            **_major_columns(rnd, case, today),
            "unit_id": case.unit.id,
            "public_id": new_public_id(),
            "source": DEMO_SOURCE,
            "doc_no": case.doc_no,
            "party_name": case.party_name,
            "party_type": case.party_type,
            "party_is_minor": case.party_is_minor,
            "related_names": case.related_names,
            "violation_type": case.violation_type,
            "violation": case.violation,
            "facts": case.facts,
            "legal_basis": case.legal_basis,
            "penalty": case.penalty,
            "fine_amount": case.fine_amount,
            "confiscated_income": case.confiscated_income,
            "confiscated_property_value": case.confiscated_property_value,
            "nondisclosure_reason": "",
            "revocation_recorded_on": None,
            "orders_stop_of_business": stops,
            "revokes_licence": revokes,
            "decided_on": case.decided_on,
            "publication_due_on": publication_due_on(
                case.decided_on, calendar, settings.publication_working_days
            ),
            "is_major": case.is_major,
            "major_raised": False,
            "major_raise_reason": "",
            "created_at": office_moment(rnd, case.decided_on),
            "updated_at": now,
        }
        rows.append(row)
    # two recent publications whose revocation was just recorded: due for withdrawal
    recent = [r for r in rows if r["status"] == PUBLISHED and (today - r["decided_on"]).days < 90]
    for row in recent[-2:]:
        row.update(
            revoked_on=today - timedelta(days=1),
            revocation_recorded_on=today,
            revocation_kind="revoked",
            revocation_reason="该处罚决定已被行政复议决定撤销，待撤下公示信息。",
        )
    if not rows:
        return 0, total()
    # a few drafts withheld by law (依法不予公开): counted in the statistics, never listed
    drafts = [row for row in rows if row["status"] == DRAFT and not row["party_is_minor"]]
    for number, row in enumerate(drafts[5::9]):
        row["nondisclosure_reason"] = ("privacy", "trade_secret", "other_law")[number % 3]
    _name_showcases(cases, rows, today)
    # the showcases first, so that their back-office ids are 1-5 too (tests/browser/pages.py)
    order = sorted(
        range(len(rows)),
        key=lambda i: (
            SHOWCASES.index(rows[i]["public_id"])
            if rows[i]["public_id"] in SHOWCASES
            else len(SHOWCASES),
            i,
        ),
    )
    cases = [cases[i] for i in order]
    rows = [rows[i] for i in order]
    # one plain multi-row INSERT, then the ids by natural key (RETURNING per row is slower)
    session.execute(insert(PenaltyDecision), rows)
    id_of = {
        (unit_id, doc_no): decision_id
        for decision_id, unit_id, doc_no in session.execute(
            select(PenaltyDecision.id, PenaltyDecision.unit_id, PenaltyDecision.doc_no).where(
                PenaltyDecision.source == DEMO_SOURCE
            )
        )
    }
    ids = [id_of[(row["unit_id"], row["doc_no"])] for row in rows]
    revisions, outbox = [], []
    for decision_id, case, row in zip(ids, cases, rows, strict=True):
        if row["status"] not in (PUBLISHED, WITHDRAWN):
            continue
        published = masked_content(case)
        first = dict(published)
        if "corrected_at" in case.plan:
            first["legal_basis"] = published["legal_basis"].split("、")[0]
        revisions.append(_revision(decision_id, 1, row["first_published_at"], "", first))
        if "corrected_at" in case.plan:
            reason = content.CORRECTION_REASONS[1]
            revisions.append(
                _revision(decision_id, 2, case.plan["corrected_at"], reason, published)
            )
        outbox.append({"kind": "decision", "object_id": str(decision_id), "created_at": now})
    session.execute(insert(DecisionRevision), revisions)
    session.execute(insert(SearchOutboxEntry), outbox)
    session.flush()
    return len(rows), total()


#: well-known permalinks of a few demo decisions, for the documentation and the browser tests
SHOWCASES = ("demo-corrected", "demo-withdrawn", "demo-major", "demo-expired", "demo-draft")


def _name_showcases(cases: list[DemoCase], rows: list[dict], today: date) -> None:
    taken: list[dict] = []

    def first(condition):
        row = next(
            row
            for case, row in zip(cases, rows, strict=True)
            if condition(case, row) and all(row is not other for other in taken)
        )
        taken.append(row)
        return row

    person_cutoff = today - timedelta(days=731)
    chosen = {
        "demo-corrected": first(lambda case, row: "corrected_at" in case.plan),
        "demo-withdrawn": first(lambda case, row: row["status"] == WITHDRAWN),
        "demo-major": first(
            lambda case, row: (
                row["is_major"]
                and row["status"] == PUBLISHED
                and row["revoked_on"] is None
                and case.decided_on >= person_cutoff
            )
        ),
        "demo-expired": first(
            lambda case, row: (
                row["status"] == PUBLISHED
                and case.party_type == "person"
                and case.decided_on < person_cutoff
            )
        ),
        "demo-draft": first(
            lambda case, row: (
                row["status"] == DRAFT
                and not case.party_is_minor
                and not row["nondisclosure_reason"]
            )
        ),
    }
    for public_id, row in chosen.items():
        row["public_id"] = public_id


def _revision(decision_id: int, number: int, at: datetime, reason: str, fields: dict) -> dict:
    return {
        "decision_id": decision_id,
        "revision_no": number,
        "published_at": at,
        "reason": reason,
        "published_by_label": DEMO_SOURCE,
        "published_by_id": None,
        **fields,
    }
