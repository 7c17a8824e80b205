"""The Atom feed of decisions: publications, corrections and withdrawals, newest first."""

import uuid

from flask import current_app, request, url_for

from portal.disclosure.decisions.listing import DecisionList
from portal.disclosure.decisions.public import FEED_ID_NAMESPACE, PublicDecision
from portal.publishing.atom import AtomEntry, AtomFeed, withdrawal_entry


def _entry(view: PublicDecision) -> AtomEntry:
    link = url_for("disclosure.decision", public_id=view.public_id, _external=True)
    content = view.content
    if content is None:  # withdrawn: the notice only
        return withdrawal_entry(view, view.doc_no, link, f"{view.unit_name}撤下该处罚决定。")
    prefix = "【已更正】" if view.status == "corrected" else ""
    title = f"{prefix}{view.doc_no} {content.party} {content.violation_label}"
    summary = f"{view.unit_name}对{content.party}作出行政处罚：{content.penalty}"
    if view.status == "corrected":
        summary += f"（第{view.revision_no}版更正原因：{view.correction_reason}）"
    body = "\n".join(
        [
            f"文书号：{view.doc_no}",
            f"执法单位：{view.unit_name}",
            f"当事人：{content.party}",
            f"违法行为：{content.violation}",
            f"违法事实：{content.facts}",
            f"处罚依据：{content.legal_basis}",
            f"处罚内容：{content.penalty}",
            f"罚款金额：{content.fine_amount:.2f}元",
            f"没收违法所得：{content.confiscated_income:.2f}元",
            f"没收非法财物价值：{content.confiscated_property_value:.2f}元",
            f"决定日期：{view.decided_on.isoformat()}",
        ]
    )
    categories = (view.unit_name, content.violation_label) + (
        ("重大",) if view.is_major else ()
    )
    return AtomEntry(
        id=view.feed_id,
        title=title,
        link=link,
        updated=view.updated_at,
        published=view.first_published_at,
        summary=summary,
        content=body,
        categories=categories,
    )


def decisions_feed(listing: DecisionList) -> AtomFeed:
    """``?unit=CODE`` narrows the feed to one unit."""
    code = request.args.get("unit", "").strip()
    unit = listing.units_by_code.get(code) if code else None
    views = listing.feed(unit=unit)
    title = f"{unit.name}行政处罚决定公示" if unit else "行政处罚决定公示"
    return AtomFeed(
        id=uuid.uuid5(FEED_ID_NAMESPACE, "feed:decisions:" + (unit.code if unit else "")).urn,
        title=title,
        subtitle="已公示、已脱敏的行政处罚决定；更正和撤下会更新对应条目。",
        self_link=url_for(
            "feeds.feed", name="decisions", _external=True, **({"unit": unit.code} if unit else {})
        ),
        alternate_link=url_for(
            "disclosure.decisions", _external=True, **({"unit": unit.code} if unit else {})
        ),
        author=current_app.config["BUREAU_NAME"],
        entries=[_entry(view) for view in views],
    )
