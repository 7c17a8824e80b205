"""Staff-written rich text: the one HTML sanitiser, and personal-data masking inside HTML.

Every piece of HTML that staff write (disclosure documents, and later media responses) is
stored as the output of :func:`sanitize_html` and rendered through the ``sanitize_html``
template filter again, so a row written by an older, looser version is still made safe.

The safelist (documented for staff in the document form):

* blocks: ``p h2 h3 h4 ul ol li dl dt dd blockquote pre hr br``
* inline: ``strong b em i u sub sup code``
* tables: ``table caption thead tbody tfoot tr th td`` with ``colspan rowspan`` (and ``scope``
  on ``th``)
* links: ``a`` with ``href`` (``http``, ``https``, ``mailto`` and ``tel`` only) and ``title``

Anything else is removed: tags outside the list lose their markup but keep their text (so a
pasted ``<span>`` does not eat a paragraph), ``<script>``/``<style>`` content is dropped,
comments are dropped, every attribute not listed (``style``, ``on*``, ``class``, ``id``)
disappears, and ``javascript:`` or ``data:`` links lose their ``href``. ``<h1>`` is not
allowed: the page title is the document's own ``<h1>``.
"""

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser

import bleach
from markupsafe import Markup

from portal.core.masking import find_personal_data, mask_text

ALLOWED_TAGS = frozenset(
    {
        "p",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "hr",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "sub",
        "sup",
        "code",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "a",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "th": ["colspan", "rowspan", "scope"],
    "td": ["colspan", "rowspan"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
#: elements whose content is code or styling, never text worth keeping
_DROPPED_WITH_CONTENT = re.compile(
    r"<(script|style|template|iframe|object|noscript|textarea|title)\b.*?</\1\s*>|"
    r"<(script|style|template|iframe|object|noscript|textarea|title)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_VOID_TAGS = frozenset({"br", "hr"})
_LOOKS_LIKE_MARKUP = re.compile(r"<[A-Za-z!/]")
#: boundaries between blocks: text on either side never forms one number or name
_BLOCK_TAGS = ALLOWED_TAGS - {"strong", "b", "em", "i", "u", "sub", "sup", "code", "a"}

_CLEANER = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def sanitize_html(value: str | None) -> Markup:
    """``value`` reduced to the safelist above; safe to render unescaped."""
    if not value:
        return Markup("")
    without_code = _DROPPED_WITH_CONTENT.sub("", value)
    return Markup(_CLEANER.clean(without_code).strip())


def text_to_html(value: str) -> str:
    """Plain text typed without any markup becomes paragraphs and line breaks."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", value.strip()) if part.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in part.splitlines()) + "</p>"
        for part in paragraphs
    )


def sanitize_staff_input(value: str | None) -> str:
    """What a form field of rich text is stored as: markup sanitised, plain text paragraphed."""
    value = (value or "").strip()
    if not _LOOKS_LIKE_MARKUP.search(value):
        value = text_to_html(value)
    return str(sanitize_html(value))


def html_to_text(value: str | None) -> str:
    """The text of sanitised HTML, blocks on their own lines (feeds, search, CSV)."""
    parser = _Tokens()
    parser.feed(str(sanitize_html(value)))
    parser.close()
    pieces = []
    for event in parser.events:
        if event[0] == "text":
            pieces.append(event[1])
        elif event[1] in _BLOCK_TAGS:
            pieces.append("\n")
    return re.sub(r"\n\s*\n+", "\n", "".join(pieces)).strip()


# --- masking inside HTML ---------------------------------------------------------------------


class _Tokens(HTMLParser):
    """Sanitised HTML as a flat list of start, end and text events (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("start", tag, attrs))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        self.events.append(("text", data))


def mask_html(
    value: str | None,
    *,
    party_is_person: bool = False,
    names: Iterable[str] = (),
    public_phones: Iterable[str] = (),
    public_emails: Iterable[str] = (),
    keep_names: Iterable[str] = (),
    extra_spans: Iterable[str] = (),
    unmasked_names: Iterable[str] = (),
) -> str:
    """Sanitised ``value`` with every piece of personal data in its text masked.

    The text is matched as one string (blocks separated by a line break), so a number split by
    inline markup (``138<b>1234</b>5678``) is still found: the replacement goes where the
    finding starts and the rest of it is blanked. Link targets and titles are masked too.
    """
    options = {
        "party_is_person": party_is_person,
        "names": list(names),
        "public_phones": list(public_phones),
        "public_emails": list(public_emails),
        "keep_names": list(keep_names),
        "extra_spans": list(extra_spans),
        "unmasked_names": list(unmasked_names),
    }
    parser = _Tokens()
    parser.feed(str(sanitize_html(value)))
    parser.close()
    joined, spans = [], []
    position = 0
    for event in parser.events:
        piece = event[1] if event[0] == "text" else ("\n" if event[1] in _BLOCK_TAGS else "")
        if event[0] == "text":
            spans.append((position, position + len(piece)))
        joined.append(piece)
        position += len(piece)
    findings = find_personal_data("".join(joined), **options)
    output, text_index = [], 0
    for event in parser.events:
        if event[0] == "text":
            start, end = spans[text_index]
            text_index += 1
            output.append(html.escape(_masked_slice(event[1], start, end, findings), quote=False))
        elif event[0] == "start":
            attributes = "".join(
                f' {name}="{html.escape(mask_text(value or "", **options), quote=True)}"'
                for name, value in event[2]
            )
            output.append(f"<{event[1]}{attributes}>")
        elif event[1] not in _VOID_TAGS:
            output.append(f"</{event[1]}>")
    return str(sanitize_html("".join(output)))


def _masked_slice(text: str, start: int, end: int, findings) -> str:
    """The text node at [start, end) of the joined text, with the findings applied."""
    pieces, cursor = [], start
    for finding in findings:
        if finding.end <= start or finding.start >= end:
            continue
        pieces.append(text[cursor - start : max(cursor, finding.start) - start])
        if finding.start >= start:
            pieces.append(finding.replacement)
        cursor = min(finding.end, end)
    pieces.append(text[cursor - start :])
    return "".join(pieces)
