"""A small Atom (RFC 4287) builder for every feed of the portal.

A domain builds an :class:`AtomFeed` of :class:`AtomEntry` values and returns
:func:`atom_response`; the XML is produced with ElementTree (so text is always escaped) and
characters XML 1.0 forbids are dropped. Entry ids must be stable for ever (an ``urn:uuid``
derived from the item's permalink key, not its URL, so a new host name changes nothing) and
``updated`` must change whenever the public record does (a correction, a withdrawal), which is
what tells feed readers to fetch the entry again.
"""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree import ElementTree

from flask import Response

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class AtomEntry:
    id: str
    title: str
    #: the permalink
    link: str
    #: naive UTC, as stored
    updated: datetime
    published: datetime | None = None
    summary: str = ""
    #: plain text; shown by readers under the title
    content: str = ""
    categories: tuple[str, ...] = ()


def withdrawal_entry(view, title: str, link: str, notice: str) -> AtomEntry:
    """The entry of a withdrawn item: same id, the notice and reason only, never the content.

    ``view`` is the item's public view (``feed_id``, ``unit_name``, ``withdrawal_reason``,
    ``updated_at``, ``first_published_at``); ``notice`` says who withdrew what.
    """
    text = f"{notice}撤下原因：{view.withdrawal_reason}"
    return AtomEntry(
        id=view.feed_id,
        title=f"【已撤下】{title}",
        link=link,
        updated=view.updated_at,
        published=view.first_published_at,
        summary=text,
        content=text,
        categories=(view.unit_name, "已撤下"),
    )


@dataclass(frozen=True)
class AtomFeed:
    id: str
    title: str
    #: the feed's own URL
    self_link: str
    #: the HTML page the feed follows
    alternate_link: str
    author: str
    subtitle: str = ""
    entries: list[AtomEntry] = field(default_factory=list)
    #: when nothing is in it: the feed's own ``updated``
    empty_updated: datetime = datetime(2026, 1, 1)


def _text(value: str) -> str:
    return _XML_FORBIDDEN.sub("", value or "")


def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _add(parent, tag: str, text: str | None = None, **attributes) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM_NAMESPACE}}}{tag}", attributes)
    if text is not None:
        element.text = _text(text)
    return element


def render_atom(feed: AtomFeed) -> bytes:
    ElementTree.register_namespace("", ATOM_NAMESPACE)
    root = ElementTree.Element(f"{{{ATOM_NAMESPACE}}}feed", {"xml:lang": "zh-CN"})
    _add(root, "id", feed.id)
    _add(root, "title", feed.title)
    if feed.subtitle:
        _add(root, "subtitle", feed.subtitle)
    updated = max((entry.updated for entry in feed.entries), default=feed.empty_updated)
    _add(root, "updated", _timestamp(updated))
    _add(root, "link", rel="self", type="application/atom+xml", href=feed.self_link)
    _add(root, "link", rel="alternate", type="text/html", href=feed.alternate_link)
    author = _add(root, "author")
    _add(author, "name", feed.author)
    for entry in feed.entries:
        element = _add(root, "entry")
        _add(element, "id", entry.id)
        _add(element, "title", entry.title)
        _add(element, "link", rel="alternate", type="text/html", href=entry.link)
        _add(element, "updated", _timestamp(entry.updated))
        if entry.published is not None:
            _add(element, "published", _timestamp(entry.published))
        for category in entry.categories:
            _add(element, "category", term=_text(category))
        if entry.summary:
            _add(element, "summary", entry.summary)
        if entry.content:
            _add(element, "content", entry.content, type="text")
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def atom_response(feed: AtomFeed) -> Response:
    response = Response(render_atom(feed), mimetype="application/atom+xml")
    response.headers["Content-Type"] = "application/atom+xml; charset=utf-8"
    return response
