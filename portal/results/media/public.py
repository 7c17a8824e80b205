"""Media responses (舆论回应) as a publishable kind: what the public may know about one, the
public list, its JSON, CSV and Atom entry, described once for the publishing kernel.

The list is ``WHERE status = 'published' [AND unit] [AND year] ORDER BY reported_on DESC, id
DESC`` over an index ending with (reported_on, id), paged by keyset.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from flask import url_for

from portal.core.documented import UNIT, year_param
from portal.core.models import local_today
from portal.core.public_record import PublicRevisionNote, revisions_json, utc_iso, withdrawal_json
from portal.core.safe_urls import safe_http_url
from portal.publishing.atom import AtomEntry, withdrawal_entry
from portal.publishing.kind import ApiSpec, Endpoints, FeedSpec, KindSpec, register_kind
from portal.publishing.listing import PublicView, PublishedList, UnitFilters, parse_year
from portal.results.media.models import PUBLIC_FIELDS, MediaResponse
from portal.results.media.services import MEDIA_LIFECYCLE

#: the namespace of the stable feed ids (urn:uuid) of media responses
FEED_ID_NAMESPACE = uuid.UUID("3b7d0c52-8f1e-5a44-b1c3-6a0e9d2f4c17")
FIRST_YEAR = 2000


@dataclass(frozen=True)
class PublicMedia(PublicView):
    #: what identifies the report stays public after a withdrawal
    outlet: str
    reported_on: date
    headline: str


@dataclass(frozen=True)
class MediaFilters(UnitFilters):
    year: int | None = None

    @classmethod
    def parse(cls, args, today: date) -> dict:
        return {"year": parse_year(args, FIRST_YEAR, today)}


class MediaList(PublishedList):
    model = MediaResponse
    sort_columns = (MediaResponse.reported_on, MediaResponse.id)
    feed_namespace = FEED_ID_NAMESPACE
    feed_prefix = "media"
    view_class = PublicMedia

    def sort_value(self, item: MediaResponse) -> date:
        return item.reported_on

    def kept(self, item, revision) -> dict:
        return {
            "outlet": revision.outlet,
            "reported_on": revision.reported_on,
            "headline": revision.headline,
        }

    def where(self, stmt, filters: MediaFilters):
        if filters.year:
            stmt = stmt.where(
                MediaResponse.reported_on >= date(filters.year, 1, 1),
                MediaResponse.reported_on <= date(filters.year, 12, 31),
            )
        return stmt


# --- JSON and CSV ----------------------------------------------------------------------------


def media_json(view: PublicMedia, history: list[PublicRevisionNote] | None = None) -> dict:
    """The API's and the JSON download's representation (the OpenAPI ``MediaResponse``)."""
    content = view.content
    document = {
        "public_id": view.public_id,
        "unit_code": view.unit_code,
        "unit_name": view.unit_name,
        "outlet": view.outlet,
        "reported_on": view.reported_on.isoformat(),
        "headline": view.headline,
        "link": (safe_http_url(content.link) or None) if content else None,
        "report_summary": content.report_summary if content else None,
        "response": content.response if content else None,
        "action_taken": content.action_taken if content else None,
        "published_at": utc_iso(view.first_published_at),
        "updated_at": utc_iso(view.updated_at),
        "revision": view.revision_no,
        "status": view.status,
        "correction_reason": view.correction_reason or None,
        "withdrawal": withdrawal_json(view),
        "url": url_for("media.media_detail", public_id=view.public_id, _external=True),
    }
    if history is not None:
        document["revisions"] = revisions_json(history, "media.media_revision", view.public_id)
    return document


CSV_HEADER = [
    "public_id",
    "unit_code",
    "unit_name",
    *PUBLIC_FIELDS,
    "published_at",
    "updated_at",
    "revision",
    "status",
    "url",
]


def media_csv_row(view: PublicMedia) -> list:
    data = media_json(view)
    return [data[column] for column in CSV_HEADER]


# --- the Atom entry ----------------------------------------------------------------------------


def media_entry(view: PublicMedia) -> AtomEntry:
    """Publications and corrections in full; a withdrawal as a notice with the reason."""
    content = view.content
    link = url_for("media.media_detail", public_id=view.public_id, _external=True)
    if content is None:
        notice = f"{view.unit_name}撤下了对该报道的回应。"
        return withdrawal_entry(view, f"{view.outlet}：{view.headline}", link, notice)
    prefix = "【已更正】" if view.status == "corrected" else ""
    summary = f"{view.unit_name}回应：{content.response}"
    if view.status == "corrected":
        summary = f"（第{view.revision_no}版更正原因：{view.correction_reason}）" + summary
    report_link = safe_http_url(content.link)
    body = "\n".join(
        [
            f"媒体：{view.outlet}",
            f"报道日期：{view.reported_on.isoformat()}",
            f"报道标题：{view.headline}",
            *([f"报道链接：{report_link}"] if report_link else []),
            f"报道摘要：{content.report_summary}",
            f"回应单位：{view.unit_name}",
            f"回应内容：{content.response}",
            f"处理情况：{content.action_taken or '—'}",
        ]
    )
    return AtomEntry(
        id=view.feed_id,
        title=f"{prefix}{view.outlet}：{view.headline}",
        link=link,
        updated=view.updated_at,
        published=view.first_published_at,
        summary=summary,
        content=body,
        categories=(view.unit_name, view.outlet),
    )


def _list_context(listing, filters) -> dict:
    # the years with reports are few; offering the last ten covers every demo and real case
    this_year = local_today().year
    return {"years": list(range(this_year, max(FIRST_YEAR, this_year - 10) - 1, -1))}


MEDIA = register_kind(
    KindSpec(
        name="media",
        label="舆论回应",
        lifecycle=MEDIA_LIFECYCLE,
        listing=MediaList,
        filters=MediaFilters,
        blueprint="media",
        path="/media",
        endpoints=Endpoints(
            list="media.media_list",
            detail="media.media_detail",
            revision="media.media_revision",
            csv="media.media_csv",
            json="media.media_download",
        ),
        list_template="media/list.html",
        detail_template="media/detail.html",
        to_json=media_json,
        csv_header=CSV_HEADER,
        csv_row=media_csv_row,
        download_stem="media-responses",
        list_context=_list_context,
        feed=FeedSpec(
            name="media",
            title="舆论回应",
            subtitle="对媒体报道的回应及处理情况；更正、撤下会更新对应条目。",
            entry=media_entry,
            namespace=FEED_ID_NAMESPACE,
        ),
        api=ApiSpec(
            path="media",
            list_endpoint="media",
            detail_endpoint="media_response",
            list_summary="舆论回应列表（按报道日期从新到旧；撤下的不列出）",
            list_schema="MediaResponseList",
            detail_summary="单条舆论回应，含修订记录；撤下的回应只含撤下说明",
            detail_schema="MediaResponse",
            params=(UNIT, year_param(FIRST_YEAR, "报道年份")),
            not_found="没有这条舆论回应",
        ),
    )
)
