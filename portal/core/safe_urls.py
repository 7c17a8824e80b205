"""The one check every rendered link to somewhere else goes through: http(s) with a host.

A media response's link is checked when staff type it, but a link that arrives by an import,
an older row or a direct database edit must not become a live ``javascript:`` or ``data:``
link either: templates render such addresses with the ``safe_url`` filter, which gives ""
for anything but an http(s) address (the template then shows the text without a link).
"""

from urllib.parse import urlsplit

MAX_URL_LENGTH = 2000


def safe_http_url(value: str | None) -> str:
    """``value`` if it is an absolute http:// or https:// address with a host, else ""."""
    link = (value or "").strip()
    if not link or len(link) > MAX_URL_LENGTH:
        return ""
    if any(character.isspace() or not character.isprintable() for character in link):
        return ""
    try:
        parts = urlsplit(link)
        hostname = parts.hostname
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not hostname:
        return ""
    return link
