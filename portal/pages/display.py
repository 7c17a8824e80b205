"""长辈模式 (large print): a display preference kept in a plain cookie, not in the session.

A plain cookie with two values, so that a page cache can key on it; it holds nothing about
the person. The toggle is a link (it works without script) that sets the cookie and returns
to the page it came from.
"""

from flask import has_request_context, redirect, request

from portal.pagecache import vary_on_cookie
from portal.pages.views import bp

COOKIE_NAME = "portal_display"
ELDER = "elder"
COOKIE_MAX_AGE = 365 * 24 * 3600


def elder_mode() -> bool:
    # e-mails are rendered outside any request: no cookie, no 长辈模式
    return has_request_context() and request.cookies.get(COOKIE_NAME) == ELDER


def _safe_next(target: str | None) -> str:
    # only a path on this site: never "//host" or "https://host"
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


# the page cache keeps a standard and a large-print copy of each page
vary_on_cookie(COOKIE_NAME, lambda: "elder" if elder_mode() else "standard")


@bp.route("/display")
def display():
    """``?mode=elder`` turns 长辈模式 on, ``?mode=standard`` off; then back to ``next``."""
    response = redirect(_safe_next(request.args.get("next")), code=303)
    if request.args.get("mode") == ELDER:
        response.set_cookie(COOKIE_NAME, ELDER, max_age=COOKIE_MAX_AGE, samesite="Lax", path="/")
    else:
        response.delete_cookie(COOKIE_NAME, path="/")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.app_context_processor
def _display_context():
    return {"elder_mode": elder_mode()}
