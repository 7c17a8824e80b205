"""A rendered-page cache for anonymous readers that is never stale, and HTTP caching.

An anonymous GET (no cookie but the display preference, no authorisation) of any public page,
feed, CSV/JSON or API answer is looked up under a key made of the content generation
(``generation.py``: it moves on with every committed change, on every worker and host), the
local date (deadlines and "overdue" change at midnight), the display preferences, the code's
version and the URL. What is kept: a 200 that set no cookie, put nothing into the session
(so never a page with a CSRF token) and did not ask for ``no-store`` / ``private``. The rate
limiter runs before the lookup, so a cached badge check still counts.

Every cacheable answer carries a strong ``ETag`` and ``Last-Modified`` (304 when they match)
and ``Cache-Control: public, max-age=60, stale-while-revalidate=300``; an answer for someone
with a session gets ``private, no-store``. ``PAGE_CACHE = "off"`` renders every time (the
HTTP headers stay); ``CACHE_URL`` (Redis) shares the pages between workers and hosts.
"""

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, time

from flask import Flask, Response, current_app, g, request, session
from flask_limiter.util import get_qualified_name
from sqlalchemy.exc import SQLAlchemyError

from portal.core.models import LOCAL_TZ, local_today
from portal.extensions import db, limiter
from portal.pagecache.generation import current_generation
from portal.pagecache.static_files import init_static_files
from portal.pagecache.stores import MemoryStore, Page, RedisStore
from portal.pagecache.version import code_version

PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"
PRIVATE_CACHE_CONTROL = "private, no-store"
#: headers of a rendered page that belong to the page (the rest is per request or recomputed)
KEPT_HEADERS = {
    "content-type",
    "content-disposition",
    "content-language",
    "link",
    "cache-control",
}
#: marks where an answer came from, for tests and for whoever reads a response's headers
SOURCE_HEADER = "X-Portal-Cache"

#: cookie name → what the page's key takes from it (e.g. 长辈模式 on or off); a request with
#: any other cookie is rendered for that person and never served from or kept in the cache
_COOKIES: dict[str, Callable[[], str]] = {}
#: endpoint → what else its pages depend on (e.g. the search index's state)
_ENDPOINT_PARTS: dict[str, Callable[[], str]] = {}


#: endpoints whose answers are never kept (they must show what the database holds even after
#: an edit that bypassed the application, e.g. the integrity files)
_NEVER_KEPT: set[str] = set()


def never_kept(*endpoints: str) -> None:
    _NEVER_KEPT.update(endpoints)


def vary_on_cookie(name: str, key_part: Callable[[], str]) -> None:
    _COOKIES[name] = key_part


def vary_endpoint(endpoint: str, key_part: Callable[[], str]) -> None:
    _ENDPOINT_PARTS[endpoint] = key_part


def init_page_cache(app: Flask) -> None:
    """Register the cache's hooks; call before other ``after_request`` hooks (it runs last)."""
    if app.config["CACHE_URL"]:
        store = RedisStore(
            app.config["CACHE_URL"],
            prefix=f"{app.config['CACHE_KEY_PREFIX']}:page:",
            ttl_seconds=app.config["PAGE_CACHE_SECONDS"],
            max_page_bytes=app.config["PAGE_CACHE_MAX_BYTES"] // 4,
        )
    else:
        store = MemoryStore(app.config["PAGE_CACHE_MAX_BYTES"])
    app.extensions["page_cache"] = store
    app.extensions["page_cache_version"] = code_version()
    app.before_request(_serve_kept_page)
    app.after_request(_keep_and_label)
    init_static_files(app)


def _store():
    return current_app.extensions["page_cache"]


def _anonymous_read() -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith("/admin")
        and "Authorization" not in request.headers
        and all(name in _COOKIES for name in request.cookies)
    )


def _page_key(generation: int) -> str:
    parts = [
        current_app.extensions["page_cache_version"],
        str(generation),
        local_today().isoformat(),
        *(f"{name}={part()}" for name, part in sorted(_COOKIES.items())),
        _ENDPOINT_PARTS[request.endpoint]() if request.endpoint in _ENDPOINT_PARTS else "",
        request.url,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _serve_kept_page():
    if not _anonymous_read() or request.endpoint in (None, "static", *_NEVER_KEPT):
        return None
    try:
        generation = current_generation(db.session)
    except SQLAlchemyError:
        db.session.rollback()  # the database is away: the view answers as it would uncached
        return None
    if generation is None:
        return None
    g.page_generation = generation
    if current_app.config["PAGE_CACHE"] == "off":
        return None
    key = _page_key(generation[0])
    page = _store().get(key, generation[0])
    if page is None:
        g.page_cache_key = key
        return None
    count_against_route_limits()
    g.page_cache_hit = True
    response = Response(page.body, status=page.status, headers=page.headers)
    _label_public(response, page.etag, "hit")
    return response.make_conditional(request)


def count_against_route_limits() -> None:
    """Count a kept page against its view's ``@limiter.limit`` as the view itself would.

    Flask-Limiter checks decorated limits inside the view's wrapper, which a kept page never
    reaches; this is the same call that wrapper makes (``tests/pagecache`` fails if a newer
    Flask-Limiter changes it). Raises ``RateLimitExceeded`` → the Chinese 429 page.
    """
    view = current_app.view_functions.get(request.endpoint)
    name = get_qualified_name(view) if view else ""
    if name in limiter._marked_for_limiting:
        limiter._check_request_limit(in_middleware=False, callable_name=name)


def _keep_and_label(response: Response) -> Response:
    if g.pop("page_cache_hit", False) or request.endpoint == "static":
        return response
    if _is_public_answer(response):
        body = response.get_data()
        etag = hashlib.sha256(body).hexdigest()[:32]
        key = g.pop("page_cache_key", None)
        if key is not None:
            headers = [(n, v) for n, v in response.headers.items() if n.lower() in KEPT_HEADERS]
            page = Page(response.status_code, headers, body, etag)
            _store().put(key, g.page_generation[0], page)
        _label_public(response, etag, "miss" if key else "off")
        return response.make_conditional(request)
    if "Cache-Control" not in response.headers and (session.modified or session):
        # someone's own answer (a receipt, a case's status; the back office has it already)
        response.headers["Cache-Control"] = PRIVATE_CACHE_CONTROL
    return response


def _is_public_answer(response: Response) -> bool:
    """A 200 for an anonymous reader that nothing personal went into."""
    cache_control = response.headers.get("Cache-Control", "")
    return (
        "page_generation" in g
        and response.status_code == 200
        and not response.is_streamed
        and not response.direct_passthrough
        and "Set-Cookie" not in response.headers
        and not session.modified
        and not session
        and not any(word in cache_control for word in ("no-store", "private"))
    )


def _label_public(response: Response, etag: str, source: str) -> None:
    response.set_etag(etag)
    response.last_modified = _last_modified(g.page_generation[1])
    if "Cache-Control" not in response.headers:
        # a view's own choice stands (a badge verdict's no-cache, a photo's ten minutes)
        response.headers["Cache-Control"] = PUBLIC_CACHE_CONTROL
    response.vary.add("Cookie")
    response.headers[SOURCE_HEADER] = source


def _last_modified(changed_at: datetime) -> datetime:
    # a page also changes at local midnight (what is overdue), without a change in the data
    midnight = datetime.combine(local_today(), time(0), tzinfo=LOCAL_TZ).astimezone(UTC)
    return max(changed_at.replace(tzinfo=UTC), midnight).replace(microsecond=0)
