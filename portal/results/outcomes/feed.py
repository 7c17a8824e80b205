"""The Atom feed of outcomes: publications, corrections and withdrawals, newest first.
A withdrawn outcome stays as a notice with the reason, so that a subscriber learns of it."""

import uuid

from flask import current_app, request, url_for

from portal.api.feeds import AtomEntry, AtomFeed, withdrawal_entry
from portal.results.outcomes.listing import OutcomeList
from portal.results.outcomes.public import FEED_ID_NAMESPACE, PublicOutcome


def _entry(view: PublicOutcome) -> AtomEntry:
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


def outcomes_feed(listing: OutcomeList) -> AtomFeed:
    """``?unit=CODE`` narrows the feed to one unit."""
    code = request.args.get("unit", "").strip()
    unit = listing.units_by_code.get(code) if code else None
    unit_args = {"unit": unit.code} if unit else {}
    return AtomFeed(
        id=uuid.uuid5(FEED_ID_NAMESPACE, "feed:outcomes:" + (unit.code if unit else "")).urn,
        title=f"{unit.name}投诉办理结果公示" if unit else "投诉办理结果公示",
        subtitle="已办结并经脱敏的投诉、建议和表扬的办理结果；举报件不公开内容。",
        self_link=url_for("feeds.feed", name="outcomes", _external=True, **unit_args),
        alternate_link=url_for("outcomes.outcomes", _external=True, **unit_args),
        author=current_app.config["BUREAU_NAME"],
        entries=[_entry(view) for view in listing.feed(unit=unit)],
    )
