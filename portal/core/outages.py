"""When the database or the rate-limit store is briefly away: a 503 that keeps what was typed.

A restart of PostgreSQL ends every open connection; requests in flight then fail with a
driver error, and so do new ones until the server accepts connections again. Those requests
get 请稍后重试 (503 with ``Retry-After``), never a 500: a form's typed text comes back in the
page with a button that posts it again. The pool checks each connection before use
(``pool_pre_ping``, set in ``portal.config``), so the first request after the restart gets a
new connection and the site serves again without restarting gunicorn.

Redis (the rate-limit counters) going away is handled by the limiter as configured:
``RATELIMIT_FAIL = "open"`` (the default) lets requests through and logs; ``"closed"`` makes
the limited routes answer this 503 until Redis is back.
"""

from flask import current_app, make_response, render_template, request
from sqlalchemy import exc

from portal.extensions import db

RETRY_AFTER_SECONDS = 5
TITLE = "系统繁忙，请稍后重试"
MESSAGE = "系统正在恢复，暂时无法处理您的请求。请稍等几秒钟后重试；您的内容不会因此丢失。"
#: never written back into a page (and any field whose name has "password" in it)
SECRET_FIELDS = frozenset({"query_code", "code", "website"})


def is_database_outage(error: Exception) -> bool:
    """A lost or refused connection (or the pool waiting too long), not a bad statement."""
    if isinstance(error, exc.OperationalError | exc.InterfaceError | exc.TimeoutError):
        return True
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, exc.PendingRollbackError)  # a flush that failed on a dead link


def _kept_fields() -> list[tuple[str, str]]:
    if request.method != "POST":
        return []
    try:
        form = request.form
    except Exception:  # noqa: BLE001  (an unreadable body: nothing to keep)
        return []
    return [
        (name, value)
        for name, value in form.items(multi=True)
        if name not in SECRET_FIELDS and "password" not in name
    ]


def end_transaction(reason: str) -> None:
    """Give the session's connection back (the pool replaces a dead one) and log the outage."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001  (the connection is gone; the pool replaces it)
        current_app.logger.info("rollback after an outage failed")
    current_app.logger.warning(
        "service unavailable (%s) on %s %s", reason, request.method, request.path
    )


def unavailable_page():
    """The 503 page, with a posted form's text kept and a button that posts it again."""
    kept = _kept_fields()
    visible = "\n\n".join(
        value for name, value in kept if name != "csrf_token" and len(value.strip()) > 1
    )
    page = render_template(
        "errors/unavailable.html",
        status=503,
        title=TITLE,
        message=MESSAGE,
        kept=kept if visible else [],
        visible_text=visible,
        had_files=bool(visible) and any(file.filename for file in request.files.values()),
        action=request.full_path.rstrip("?"),
    )
    response = make_response(page, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def configure_rate_limit_failure(app, limiter) -> None:
    """``RATELIMIT_FAIL``: ``open`` swallows the store's errors, ``closed`` raises them (→ 503).

    Flask-Limiter reads its ``SWALLOW_ERRORS`` setting only at its first ``init_app`` in a
    process; the setting is per app here, so it is set on the extension for each app.
    """
    limiter._swallow_errors = app.config["RATELIMIT_FAIL"] == "open"
