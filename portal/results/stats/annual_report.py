"""The annual report (统计年报) as a frozen, published document.

The totals a 国办发〔2018〕118号 annual report carries for an enforcing unit — penalty decisions
by kind, fines and confiscations, 重大 decisions, 法制审核, 备案 and its timeliness,
publication, withdrawals, complaints, case-file reviews and officers' training — computed
once for the year and stored in a revision of ``AnnualReport`` when a supervisor publishes
it. Later edits to old records change the live /stats/ figures, never a published revision; a
correction recomputes the figures into a new revision with a public reason, and the earlier
revisions stay readable.

Which date counts: decisions by their decision date (every decision made, published or not);
withdrawals and revocations by their own dates; complaints, lateness and publication as on
/stats/ (``portal.results.stats.queries``); review rounds by the date they were held, as
published; officers on duty today with their trainings in the year.
"""

from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import and_, func, select

from portal.audit.services import Actor
from portal.core.calendar import WorkingCalendar
from portal.core.publication import PUBLISHED, PublicationError
from portal.disclosure.decisions import deadlines
from portal.disclosure.decisions.models import PenaltyDecision
from portal.officers.models import Officer, OfficerTraining
from portal.officers.reports import TRAININGS_PER_YEAR
from portal.org.models import Unit
from portal.publishing.lifecycle import Lifecycle
from portal.results.models import ReviewRound, ReviewRoundRevision
from portal.results.stats.figures import UnitRef, share, year_bounds
from portal.results.stats.models import AnnualReport, AnnualReportRevision
from portal.results.stats.queries import compute_report

ANNUAL_LIFECYCLE = Lifecycle(
    kind="annual_report",
    revision_model=AnnualReportRevision,
    owner_key="report_id",
    snapshot=AnnualReport.audit_snapshot,
    indexed=False,  # a table of numbers: not in the search index
)

#: (section title, [(figure, label)]) in the order the report shows them
SECTIONS = [
    (
        "行政处罚决定",
        [
            ("decisions_total", "作出行政处罚决定（件）"),
            ("kind_warning", "其中：警告"),
            ("kind_fine", "罚款"),
            ("kind_confiscation", "没收违法所得、没收非法财物"),
            ("kind_stop_business", "责令停产停业、责令关闭"),
            ("kind_licence", "吊销许可证件"),
            ("kind_other", "其他（仅责令改正等）"),
            ("fines_total", "罚款金额（元）"),
            ("confiscated_income_total", "没收违法所得（元）"),
            ("confiscated_property_total", "没收非法财物价值（元）"),
        ],
    ),
    (
        "重大行政处罚、法制审核与备案",
        [
            ("major_total", "重大行政处罚决定（件）"),
            ("legal_reviewed", "经法制审核（件）"),
            ("filed_on_time", "按期备案（件）"),
            ("filed_late", "逾期备案（件）"),
            ("not_filed", "未备案（件）"),
            ("filing_on_time_rate", "按期备案率（%）"),
        ],
    ),
    (
        "处罚决定公示",
        [
            ("decisions_published", "公示处罚决定（件）"),
            ("decisions_due", "应公示（件）"),
            ("decisions_published_on_time", "按期公示（件）"),
            ("decisions_late", "逾期公示或逾期未公示（件）"),
            ("publication_on_time_rate", "按期公示率（%）"),
            ("exempt_total", "依法不予公开（件）"),
        ],
    ),
    (
        "撤销与撤下",
        [
            ("revoked", "被撤销、变更或确认违法（件）"),
            ("withdrawn", "撤下公示（件）"),
            ("late_withdrawals", "逾期撤下（件）"),
        ],
    ),
    (
        "投诉举报",
        [
            ("received", "收到（件）"),
            ("accepted", "受理（件）"),
            ("answered", "答复（件）"),
            ("answered_on_time", "按期答复（件）"),
            ("on_time_rate", "按期答复率（%）"),
            ("late_acceptances", "逾期受理（件）"),
            ("late_rehandling_answers", "逾期复查答复（件）"),
            ("rated", "参评（件）"),
            ("satisfaction_rate", "满意率（%）"),
            ("callback_due", "实名差评（件）"),
            ("callback_rate", "实名差评回访率（%）"),
        ],
    ),
    (
        "案卷评查",
        [
            ("review_rounds", "评查次数"),
            ("files_reviewed", "评查案卷（卷）"),
            ("grade_excellent", "优秀（单位次）"),
            ("grade_pass", "合格（单位次）"),
            ("grade_fail", "不合格（单位次）"),
        ],
    ),
    (
        "执法人员培训",
        [
            ("officers", "在岗执法人员（人）"),
            ("officers_trained", f"全年培训{TRAININGS_PER_YEAR}次以上（人）"),
            ("training_rate", "占比（%）"),
        ],
    ),
]
FIGURE_LABELS = {key: label for _, figures in SECTIONS for key, label in figures}
AMOUNTS = ("fines_total", "confiscated_income_total", "confiscated_property_total")
COMPLAINT_FIGURES = (
    "received",
    "accepted",
    "answered",
    "answered_on_time",
    "answered_with_deadline",
    "late_acceptances",
    "late_rehandling_answers",
    "rated",
    "satisfied",
    "callback_due",
    "called_back",
    "decisions_published",
    "decisions_due",
    "decisions_published_on_time",
    "decisions_late",
    "exempt_total",
    "late_withdrawals",
)


def _decision_counts(session, year: int, today, calendar, filing_days, rows) -> None:
    decisions = session.scalars(
        select(PenaltyDecision).where(
            PenaltyDecision.decided_on >= date(year, 1, 1),
            PenaltyDecision.decided_on <= date(year, 12, 31),
        )
    )
    for decision in decisions:
        counts = rows[decision.unit_id]
        counts["decisions_total"] += 1
        kinds = {
            "kind_warning": "警告" in (decision.penalty or ""),
            "kind_fine": decision.fine_amount > 0,
            "kind_confiscation": decision.confiscated_income > 0
            or decision.confiscated_property_value > 0,
            "kind_stop_business": decision.orders_stop_of_business,
            "kind_licence": decision.revokes_licence,
        }
        for kind, applies in kinds.items():
            counts[kind] += int(bool(applies))
        counts["kind_other"] += int(not any(kinds.values()))
        counts["fines_total"] += decision.fine_amount
        counts["confiscated_income_total"] += decision.confiscated_income
        counts["confiscated_property_total"] += decision.confiscated_property_value
        if decision.is_major:
            counts["major_total"] += 1
            reviewed = decision.legal_reviewed_on
            counts["legal_reviewed"] += int(
                reviewed is not None and reviewed <= decision.decided_on
            )
            if decision.filed_on is None:
                counts["not_filed"] += 1
            elif deadlines.filing_late(decision, today, calendar, filing_days):
                counts["filed_late"] += 1
            else:
                counts["filed_on_time"] += 1
    revoked = session.execute(
        select(PenaltyDecision.unit_id, func.count())
        .where(
            PenaltyDecision.revoked_on >= date(year, 1, 1),
            PenaltyDecision.revoked_on <= date(year, 12, 31),
        )
        .group_by(PenaltyDecision.unit_id)
    )
    for unit_id, count in revoked:
        rows[unit_id]["revoked"] += count
    start, end = year_bounds(year)
    withdrawn = session.execute(
        select(PenaltyDecision.unit_id, func.count())
        .where(PenaltyDecision.withdrawn_at >= start, PenaltyDecision.withdrawn_at < end)
        .group_by(PenaltyDecision.unit_id)
    )
    for unit_id, count in withdrawn:
        rows[unit_id]["withdrawn"] += count


def _review_counts(session, year: int, rows) -> None:
    current = and_(
        ReviewRoundRevision.round_id == ReviewRound.id,
        ReviewRoundRevision.revision_no == ReviewRound.revision_count,
    )
    revisions = session.scalars(
        select(ReviewRoundRevision)
        .join(ReviewRound, current)
        .where(ReviewRound.status == PUBLISHED)
    )
    for revision in revisions:
        if revision.held_on.year != year:
            continue
        for finding in revision.findings:
            counts = rows[finding["unit_id"]]
            counts["review_rounds"] += 1
            counts["files_reviewed"] += finding["files_reviewed"]
            counts[f"grade_{finding['grade']}"] += 1


def _officer_counts(session, year: int, rows) -> None:
    trainings = (
        select(OfficerTraining.officer_id, func.count().label("trainings"))
        .where(OfficerTraining.trained_on.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(OfficerTraining.officer_id)
        .subquery()
    )
    enough = func.coalesce(trainings.c.trainings, 0) >= TRAININGS_PER_YEAR
    for unit_id, trained in session.execute(
        select(Officer.unit_id, enough)
        .outerjoin(trainings, trainings.c.officer_id == Officer.id)
        .where(Officer.status.in_(("active", "suspended")))
    ):
        rows[unit_id]["officers"] += 1
        rows[unit_id]["officers_trained"] += int(bool(trained))


def _with_rates(counts: Counter) -> dict:
    data = {key: counts.get(key, 0) for key in FIGURE_LABELS}
    for key in (*COMPLAINT_FIGURES, "satisfied", "called_back", "answered_with_deadline"):
        data[key] = counts.get(key, 0)
    for key in AMOUNTS:
        data[key] = float(Decimal(counts.get(key, 0)).quantize(Decimal("0.01")))
    filed = data["filed_on_time"] + data["filed_late"] + data["not_filed"]
    data["filing_on_time_rate"] = share(data["filed_on_time"], filed)
    data["publication_on_time_rate"] = share(
        data["decisions_published_on_time"], data["decisions_due"]
    )
    data["on_time_rate"] = share(data["answered_on_time"], data["answered_with_deadline"])
    data["satisfaction_rate"] = share(data["satisfied"], data["rated"])
    data["callback_rate"] = share(data["called_back"], data["callback_due"])
    data["training_rate"] = share(data["officers_trained"], data["officers"])
    return data


def annual_figures(
    session, year: int, *, today: date, now: datetime, calendar: WorkingCalendar, filing_days: int
) -> dict:
    """The year's totals, for the city and per unit, as plain JSON values."""
    units = session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    refs = [UnitRef(unit.id, unit.code, unit.name, unit.short_name) for unit in units]
    rows: dict[int | None, Counter] = defaultdict(Counter)
    report = compute_report(
        session, year, None, refs, today, now, calendar=calendar, filing_days=filing_days
    )
    for ref, figures in report.units:
        data = figures.as_dict()
        rows[ref.id].update({key: data[key] for key in COMPLAINT_FIGURES})
    _decision_counts(session, year, today, calendar, filing_days, rows)
    _review_counts(session, year, rows)
    _officer_counts(session, year, rows)
    total: Counter = Counter()
    for counts in rows.values():
        total.update(counts)
    unit_rows = [{"code": ref.code, "name": ref.name, **_with_rates(rows[ref.id])} for ref in refs]
    if any(rows.get(None, Counter()).values()):
        unit_rows.append({"code": "", "name": "综合监督科（未分派）", **_with_rates(rows[None])})
    return {"total": _with_rates(total), "units": unit_rows}


# --- the lifecycle ---------------------------------------------------------------------------


def report_of(session, year: int) -> AnnualReport | None:
    return session.scalars(select(AnnualReport).where(AnnualReport.year == year)).first()


def _content(session, year: int, **rules) -> dict:
    now = rules["now"]
    return {"year": year, "computed_at": now, "figures": annual_figures(session, year, **rules)}


def publish_annual_report(
    session,
    actor: Actor,
    year: int,
    *,
    today: date,
    now: datetime,
    calendar: WorkingCalendar,
    filing_days: int,
) -> AnnualReportRevision:
    """Freeze the year's figures into revision 1 and publish them."""
    if year >= today.year:
        raise PublicationError(f"{year}年尚未结束，{year + 1}年1月1日起才能发布该年度年报。")
    report = report_of(session, year)
    if report is None:
        report = AnnualReport(year=year)
        session.add(report)
        session.flush()
    rules = {"today": today, "now": now, "calendar": calendar, "filing_days": filing_days}
    return ANNUAL_LIFECYCLE.publish(
        session, actor, report, _content(session, year, **rules), now=now
    )


def correct_annual_report(
    session,
    actor: Actor,
    report: AnnualReport,
    reason: str,
    *,
    today: date,
    now: datetime,
    calendar: WorkingCalendar,
    filing_days: int,
) -> AnnualReportRevision:
    """Recompute the figures into a new revision; ``reason`` is shown publicly."""
    if report.status != PUBLISHED:
        raise PublicationError("只有已发布的年报可以更正。")
    rules = {"today": today, "now": now, "calendar": calendar, "filing_days": filing_days}
    content = _content(session, report.year, **rules)
    current = ANNUAL_LIFECYCLE.revision(session, report)
    if current is not None and current.figures == content["figures"]:
        raise PublicationError("重新计算的数据与已发布的版本相同，无需更正。")
    return ANNUAL_LIFECYCLE.correct(session, actor, report, content, reason, now=now)
