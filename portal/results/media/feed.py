"""The Atom feed of media responses: publications, corrections and withdrawals, newest first.
A withdrawn response stays as a notice with the reason, so that a subscriber learns of it."""

import uuid

from flask import current_app, request, url_for

from portal.api.feeds import AtomEntry, AtomFeed, withdrawal_entry
from portal.core.safe_urls import safe_http_url
from portal.results.media.public import FEED_ID_NAMESPACE, MediaList, PublicMedia


def _entry(view: PublicMedia) -> AtomEntry:
    content = view.content
    link = url_for("media.media_detail", public_id=view.public_id, _external=True)
    if content is None:  # withdrawn: the notice only
        notice = f"{view.unit_name}撤下了对该报道的回应。"
        return withdrawal_entry(view, f"{view.outlet}：{view.headline}", link, notice)
    prefix = "【已更正】" if view.status == "corrected" else ""
    summary = f"{view.unit_name}回应：{content.response}"
    if view.status == "corrected":
        summary = f"（第{view.revision_no}版更正原因：{view.correction_reason}）" + summary
    body = "\n".join(
        [
            f"媒体：{view.outlet}",
            f"报道日期：{view.reported_on.isoformat()}",
            f"报道标题：{view.headline}",
            *([f"报道链接：{safe_http_url(content.link)}"] if safe_http_url(content.link) else []),
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


def media_feed(listing: MediaList) -> AtomFeed:
    """``?unit=CODE`` narrows the feed to one unit."""
    code = request.args.get("unit", "").strip()
    unit = listing.units_by_code.get(code) if code else None
    unit_args = {"unit": unit.code} if unit else {}
    return AtomFeed(
        id=uuid.uuid5(FEED_ID_NAMESPACE, "feed:media:" + (unit.code if unit else "")).urn,
        title=f"{unit.name}舆论回应" if unit else "舆论回应",
        subtitle="对媒体报道的回应及处理情况；更正、撤下会更新对应条目。",
        self_link=url_for("feeds.feed", name="media", _external=True, **unit_args),
        alternate_link=url_for("media.media_list", _external=True, **unit_args),
        author=current_app.config["BUREAU_NAME"],
        entries=[_entry(view) for view in listing.feed(unit=unit)],
    )
