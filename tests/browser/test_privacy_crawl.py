"""No reporter identity, contact or tip-off content in anything the public can fetch.

The demo complaints carry contacts that are easy to spot (演示投诉人NNN, 1700000NNNN,
demoNNNN@example.invalid) and tip-offs whose text is easy to spot. This walks the public site
like a journalist's scraper — pages, their links, CSV and JSON downloads, the API, the Atom
feeds and the search — and looks for any of them, and for the staff's internal notes.
"""

import re
from collections import deque
from urllib.error import HTTPError
from urllib.parse import parse_qs, quote, urljoin, urlsplit
from urllib.request import urlopen

from sqlalchemy import create_engine, text

#: where the walk starts; each must answer 200
SEEDS = [
    "/",
    "/outcomes/",
    "/stats/",
    "/reviews/",
    "/media/",
    "/supervisors/",
    "/decisions/",
    "/disclosure/",
    "/officers/",
    "/feeds/decisions.atom",
    "/api/v1/openapi.json",
    "/api/v1/reviews",
    "/api/v1/decisions",
    "/api/v1/supervisors",
]
#: searches a curious visitor might try
SEARCHES = ["演示投诉人", "投诉人", "1700000", "example.invalid", "长期存在", "举报", "投诉"]
#: paths never walked: the back office, forms that only echo what is typed, static files
SKIPPED_PREFIXES = ("/admin", "/static/", "/complaints/new", "/track", "/kiosk")
MAX_FETCHES = 700
#: at most this many URLs per path: filters and cursors multiply without adding new content
MAX_PER_PATH = 12

LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
JSON_URL = re.compile(r'"(https?://[^"]+)"')


def _personal_data(database_url: str) -> dict[str, set[str]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT kind, contact_name, contact_phone, contact_email, description "
                    "FROM complaint"
                )
            ).all()
            notes = connection.execute(
                text("SELECT internal_note FROM complaint_event WHERE internal_note <> ''")
            ).scalars()
            internal_notes = {note for note in notes if len(note) >= 8 and "承办人" not in note}
    finally:
        engine.dispose()
    return {
        "contact": {value for row in rows for value in row[1:4] if value},
        "tip-off content": {row.description for row in rows if row.kind == "tipoff"},
        "internal note": internal_notes,
    }


def _fetch(url: str) -> tuple[int, str, str]:
    try:
        with urlopen(url, timeout=30) as response:
            body = response.read().decode("utf-8-sig", errors="replace")
            return response.status, response.headers.get("Content-Type", ""), body
    except HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode(
            "utf-8", errors="replace"
        )


def _links(base: str, content_type: str, body: str) -> list[str]:
    if "json" in content_type:
        return JSON_URL.findall(body)
    if "html" in content_type or "xml" in content_type:
        return [urljoin(base, link) for link in LINK.findall(body.replace("&amp;", "&"))]
    return []


def test_no_personal_data_or_tipoff_content_in_anything_public(live_server):
    secrets = _personal_data(live_server.environment["PORTAL_DATABASE_URL"])
    assert len(secrets["contact"]) > 300 and len(secrets["tip-off content"]) > 50

    origin = live_server.url
    queue = deque(origin + seed for seed in SEEDS)
    # search for the words, and for a few real contacts and tip-offs word for word
    terms = SEARCHES + sorted(secrets["contact"])[:6] + sorted(secrets["tip-off content"])[:3]
    queue.extend(f"{origin}/search?q={quote(term)}" for term in terms)
    seen, per_path, found, kinds_fetched = set(queue), {}, [], set()
    fetched = 0
    while queue and fetched < MAX_FETCHES:
        url = queue.popleft()
        status, content_type, body = _fetch(url)
        fetched += 1
        assert status < 500, f"{url} answered {status}"
        if url.removeprefix(origin) in SEEDS:
            assert status == 200, f"{url} answered {status}"
        kinds_fetched.add(content_type.split(";")[0])
        for typed in parse_qs(urlsplit(url).query).values():
            body = body.replace(typed[0], "")  # a page may echo what the visitor typed
        for what, values in secrets.items():
            found += [(url, what, value) for value in values if value in body]
        for link in _links(url, content_type, body):
            parts = urlsplit(link)
            if f"{parts.scheme}://{parts.netloc}" != origin or link in seen:
                continue
            if parts.path.startswith(SKIPPED_PREFIXES):
                continue
            if per_path.get(parts.path, 0) >= MAX_PER_PATH:
                continue
            per_path[parts.path] = per_path.get(parts.path, 0) + 1
            seen.add(link)
            queue.append(link)

    assert not found, f"personal data or tip-off content in public output: {found[:5]}"
    # the walk really reached the pages, the downloads, the API and the feeds
    assert fetched >= 300, fetched
    assert {"text/html", "text/csv", "application/json", "application/atom+xml"} <= kinds_fetched
