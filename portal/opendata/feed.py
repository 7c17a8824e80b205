"""/feeds/changes.atom: the change log as Atom (``?unit=`` and ``?kind=`` narrow it).

Each change is its own entry (a correction is news of its own), so the entry id names the
change, and ``updated`` is when it happened, which never changes afterwards.
"""

import uuid

from flask import current_app, url_for
from sqlalchemy import select

from portal.extensions import db
from portal.opendata.views import changes_for_request
from portal.org.models import Unit
from portal.publishing.atom import AtomEntry, AtomFeed

FEED_ID_NAMESPACE = uuid.UUID("4b0f3d0e-4c1a-5f43-8a57-9d0a7f2c6e11")
FEED_SIZE = 50


def _entry(change, unit_names: dict) -> AtomEntry:
    unit = unit_names.get(change.unit_id, "")
    text = f"{change.event_label}{change.kind_label}：{change.title}"
    if change.reason:
        text += f"。{'更正' if change.event == 'correct' else '撤下'}原因：{change.reason}"
    return AtomEntry(
        id=uuid.uuid5(
            FEED_ID_NAMESPACE, f"{change.kind}:{change.public_id}:{change.event}:{change.row_id}"
        ).urn,
        title=f"【{change.event_label}】{change.title}",
        link=change.permalink,
        updated=change.at,
        published=change.at,
        summary=text,
        content=text + (f"（{unit}）" if unit else ""),
        categories=tuple(x for x in (change.kind_label, change.event_label, unit) if x),
    )


def changes_feed() -> AtomFeed:
    unit, kind, changes, _next = changes_for_request(FEED_SIZE)
    args = {key: value for key, value in (("unit", unit and unit.code), ("kind", kind)) if value}
    names = dict(db.session.execute(select(Unit.id, Unit.short_name)).all())
    return AtomFeed(
        id=uuid.uuid5(FEED_ID_NAMESPACE, f"feed:changes:{args}").urn,
        title=(f"{unit.name}" if unit else "") + "公示变更记录",
        subtitle="每一次公示、更正和撤下，附公开的原因。",
        self_link=url_for("feeds.feed", name="changes", _external=True, **args),
        alternate_link=url_for("opendata.changes", _external=True, **args),
        author=current_app.config["BUREAU_NAME"],
        entries=[_entry(change, names) for change in changes],
    )
