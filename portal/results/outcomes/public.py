"""Complaint outcomes as a publishable kind: what the public may know about an outcome, the
public list with its filters and the tip-off count, the JSON, CSV and Atom entry — described
once for the publishing kernel.

Lists read the current published revision (joined on ``revision_count``) ordered by its answer
date, newest first, then id; free text matches masked, published fields only. A withdrawn
outcome keeps only what identifies it and the notice.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from flask import abort, url_for
from sqlalchemy import func, or_, select

from portal.complaints.models import CHANNELS, KINDS, SATISFACTION_LEVELS, Complaint
from portal.core.documented import UNIT, Param, month_param
from portal.core.models import LOCAL_TZ
from portal.core.public_record import PublicRevisionNote, revisions_json, utc_iso, withdrawal_json
from portal.publishing.atom import AtomEntry, withdrawal_entry
from portal.publishing.kind import ApiSpec, Endpoints, FeedSpec, KindSpec, register_kind
from portal.publishing.listing import PublicView, PublishedList, UnitFilters
from portal.results.outcomes.models import (
    CATEGORIES,
    PUBLISHABLE_KINDS,
    ComplaintOutcome,
    ComplaintOutcomeRevision,
)
from portal.results.outcomes.services import OUTCOME_LIFECYCLE

FEED_ID_NAMESPACE = uuid.UUID("0b5e3c8e-7d1f-5a0e-b3f1-4c2d9e6a7f11")
QUERY_MAX_LENGTH = 100
FIRST_YEAR = 2000
#: the rating filter: a level 1-5, or none (未评价)
RATING_FILTERS = {str(level): label for level, label in SATISFACTION_LEVELS.items()} | {
    "none": "未评价"
}
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class PublicOutcome(PublicView):
    @property
    def title(self) -> str:
        if self.content is None:
            return f"{self.unit_short_name}办理结果（已撤下）"
        return f"{self.unit_short_name} {self.content.kind_label}：{self.content.category_label}"


@dataclass(frozen=True)
class OutcomeFilters(UnitFilters):
    kind: str = ""
    #: YYYY-MM of the answer
    month: str = ""
    rating: str = ""
    q: str = ""

    @classmethod
    def parse(cls, args, today: date) -> dict:
        kind = args.get("kind", "").strip()
        if kind and kind not in PUBLISHABLE_KINDS:
            abort(400, "类型应为投诉、建议或表扬（举报件不公开办理结果）。")
        month = args.get("month", "").strip()
        if month:
            match = _MONTH.match(month)
            valid = match and 1 <= int(match[2]) <= 12
            if not valid or not FIRST_YEAR <= int(match[1]) <= today.year:
                abort(400, "月份格式应为 年-月，例如 2026-03。")
        rating = args.get("rating", "").strip()
        if rating and rating not in RATING_FILTERS:
            abort(400, "没有这个评价等级，请从列表中选择。")
        q = " ".join(args.get("q", "").split())[:QUERY_MAX_LENGTH]
        return {"kind": kind, "month": month, "rating": rating, "q": q}

    def month_range(self) -> tuple[date, date] | None:
        if not self.month:
            return None
        year, month = int(self.month[:4]), int(self.month[5:])
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1)
        return start, end


def _utc_start(day: date) -> datetime:
    return datetime.combine(day, time(), LOCAL_TZ).astimezone(UTC).replace(tzinfo=None)


class OutcomeList(PublishedList):
    model = ComplaintOutcome
    sort_columns = (ComplaintOutcomeRevision.answered_on, ComplaintOutcome.id)
    feed_namespace = FEED_ID_NAMESPACE
    feed_prefix = "outcome"
    view_class = PublicOutcome

    def sort_value(self, outcome: ComplaintOutcome) -> date:
        return outcome.current_revision.answered_on

    def where(self, stmt, filters: OutcomeFilters):
        if filters.kind:
            stmt = stmt.where(ComplaintOutcomeRevision.kind == filters.kind)
        if filters.rating == "none":
            stmt = stmt.where(ComplaintOutcomeRevision.rating_level.is_(None))
        elif filters.rating:
            stmt = stmt.where(ComplaintOutcomeRevision.rating_level == int(filters.rating))
        span = filters.month_range()
        if span:
            stmt = stmt.where(
                ComplaintOutcomeRevision.answered_on >= span[0],
                ComplaintOutcomeRevision.answered_on < span[1],
            )
        if filters.q:
            stmt = stmt.where(
                or_(
                    ComplaintOutcomeRevision.summary.contains(filters.q, autoescape=True),
                    ComplaintOutcomeRevision.reply.contains(filters.q, autoescape=True),
                )
            )
        return stmt

    def tipoffs_received(self, filters: OutcomeFilters) -> int:
        """How many tip-offs were received (submitted) in the month and unit of ``filters``:
        the only thing published about them."""
        stmt = select(func.count()).select_from(Complaint).where(Complaint.kind == "tipoff")
        if filters.unit:
            stmt = stmt.where(Complaint.handling_unit_id == self.units_by_code[filters.unit].id)
        span = filters.month_range()
        if span:
            stmt = stmt.where(
                Complaint.submitted_at >= _utc_start(span[0]),
                Complaint.submitted_at < _utc_start(span[1]),
            )
        return self.session.scalar(stmt)


# --- JSON and CSV ----------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def outcome_json(view: PublicOutcome, history: list[PublicRevisionNote] | None = None) -> dict:
    """The API's representation (the OpenAPI ``Outcome`` schema)."""
    content = view.content
    document = {
        "public_id": view.public_id,
        "unit_code": view.unit_code,
        "unit_name": view.unit_name,
        "kind": content.kind if content else None,
        "kind_label": KINDS[content.kind] if content else None,
        "category": content.category if content else None,
        "category_label": CATEGORIES[content.category] if content else None,
        "channel": content.channel if content else None,
        "channel_label": CHANNELS[content.channel] if content else None,
        "submitted_on": _iso(content.submitted_on) if content else None,
        "accepted_on": _iso(content.accepted_on) if content else None,
        "answered_on": _iso(content.answered_on) if content else None,
        "answered_on_time": content.answered_on_time if content else None,
        "summary": content.summary if content else None,
        "reply": content.reply if content else None,
        "rating": content.rating_level if content else None,
        "rating_label": content.rating_label if content else None,
        "published_at": utc_iso(view.first_published_at),
        "updated_at": utc_iso(view.updated_at),
        "revision": view.revision_no,
        "status": view.status,
        "withdrawal": withdrawal_json(view),
        "url": url_for("outcomes.outcome", public_id=view.public_id, _external=True),
    }
    if history is not None:
        document["revisions"] = revisions_json(history, "outcomes.outcome_revision", view.public_id)
    return document


CSV_HEADER = [
    "public_id",
    "unit_code",
    "unit_name",
    "kind_label",
    "category_label",
    "channel_label",
    "submitted_on",
    "accepted_on",
    "answered_on",
    "answered_on_time",
    "summary",
    "reply",
    "rating_label",
    "published_at",
    "revision",
    "status",
    "url",
]
def outcome_csv_row(view: PublicOutcome) -> list:
    data = outcome_json(view)
    on_time = data["answered_on_time"]
    data["answered_on_time"] = "" if on_time is None else ("是" if on_time else "否")
    return [data[column] for column in CSV_HEADER]


# --- the Atom entry ----------------------------------------------------------------------------


def outcome_entry(view: PublicOutcome) -> AtomEntry:
    content = view.content
    link = url_for("outcomes.outcome", public_id=view.public_id, _external=True)
    if content is None:  # withdrawn: the notice only
        notice = f"{view.unit_name}撤下了该办理结果。"
        return withdrawal_entry(view, f"{view.unit_short_name}办理结果", link, notice)
    prefix = "【已更正】" if view.status == "corrected" else ""
    summary = (
        f"{view.unit_name}办理的{content.kind_label}（{content.category_label}）：{content.reply}"
    )
    if view.status == "corrected":
        summary += f"（第{view.revision_no}版更正原因：{view.correction_reason}）"
    body = "\n".join(
        [
            f"办理单位：{view.unit_name}",
            f"类型：{content.kind_label}　类别：{content.category_label}"
            f"　渠道：{content.channel_label}",
            f"提交：{content.submitted_on.isoformat()}　答复：{content.answered_on.isoformat()}"
            f"（{content.on_time_label}）",
            f"情况摘要：{content.summary}",
            f"答复内容：{content.reply}",
            f"评价：{content.rating_label}",
        ]
    )
    return AtomEntry(
        id=view.feed_id,
        title=prefix + view.title,
        link=link,
        updated=view.updated_at,
        published=view.first_published_at,
        summary=summary,
        content=body,
        categories=(view.unit_name, content.kind_label, content.category_label),
    )


def _list_context(listing: OutcomeList, filters: OutcomeFilters) -> dict:
    return {
        "tipoffs": listing.tipoffs_received(filters),
        "kinds": PUBLISHABLE_KINDS,
        "ratings": RATING_FILTERS,
    }


OUTCOMES = register_kind(
    KindSpec(
        name="outcome",
        label="投诉办理结果",
        lifecycle=OUTCOME_LIFECYCLE,
        listing=OutcomeList,
        filters=OutcomeFilters,
        blueprint="outcomes",
        path="/outcomes",
        endpoints=Endpoints(
            list="outcomes.outcomes",
            detail="outcomes.outcome",
            revision="outcomes.outcome_revision",
            csv="outcomes.outcomes_csv",
        ),
        list_template="results/outcomes/list.html",
        detail_template="results/outcomes/detail.html",
        to_json=outcome_json,
        csv_header=CSV_HEADER,
        csv_row=outcome_csv_row,
        download_stem="outcomes",
        list_context=_list_context,
        feed=FeedSpec(
            name="outcomes",
            title="投诉办理结果公示",
            subtitle="已办结并经脱敏的投诉、建议和表扬的办理结果；举报件不公开内容。",
            entry=outcome_entry,
            namespace=FEED_ID_NAMESPACE,
        ),
        api=ApiSpec(
            path="outcomes",
            list_endpoint="outcomes",
            detail_endpoint="outcome",
            list_summary="投诉办理结果列表（按答复日期从新到旧）",
            list_schema="OutcomeList",
            detail_summary="单个办理结果，含修订记录；撤下的只含撤下说明",
            detail_schema="Outcome",
            params=(
                UNIT,
                Param("kind", {"type": "string", "enum": list(PUBLISHABLE_KINDS)}, "类型"),
                month_param(FIRST_YEAR, "答复月份 YYYY-MM"),
                Param(
                    "rating",
                    {"type": "string", "enum": list(RATING_FILTERS)},
                    "满意度 1-5，或 none（未评价）",
                ),
                Param("q", {"type": "string"}, "关键词（匹配已脱敏的摘要和答复）"),
            ),
            not_found="没有这个办理结果",
        ),
    )
)
