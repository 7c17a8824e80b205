"""The in-process indexer of the embedded default (``SEARCH_INDEXER = "inline"``).

After a request whose transaction committed outbox entries, the worker that served it applies
them — once the response has gone out (``call_on_close``), so nobody waits for the index and a
failure is logged, never shown. Every worker also looks for entries committed elsewhere (a CLI
command, another worker that was busy, a gap that filled) at most every
``SEARCH_CHECK_SECONDS``, after whatever request it is serving then.

Only one process writes at a time: a worker that finds the lock taken leaves the work to the
holder, which looks again after releasing it. With ``SEARCH_INDEXER = "worker"`` the web
processes never write and ``flask --app portal search worker`` follows the outbox instead.
"""

import time
from functools import partial

from flask import current_app, g, has_request_context
from sqlalchemy import event, exists, select
from sqlalchemy.orm import Session

from portal.core.database import read_only_transactions
from portal.extensions import db
from portal.search.indexer import not_applied
from portal.search.operations import apply_outbox
from portal.search.outbox import CHANGED
from portal.search.store import (
    IndexBusy,
    IndexMissing,
    current_generation,
    index_root,
    read_state,
)

#: a request's worker spends at most this long on the index after its response (gunicorn
#: kills a worker busy for 30 s); what is left waits for the next request
TIME_BUDGET_SECONDS = 5.0
#: a worker builds a missing index only when it is this small; else ``search reindex`` must
BUILD_LIMIT = 2000

_last_check = 0.0


def init_app(app) -> None:
    app.after_request(_schedule_catch_up)


@event.listens_for(Session, "after_commit")
def _after_commit(session) -> None:
    if session.info.pop(CHANGED, False) and has_request_context():
        g.search_outbox_changed = True


@event.listens_for(Session, "after_rollback")
def _after_rollback(session) -> None:
    session.info.pop(CHANGED, None)


def _schedule_catch_up(response):
    global _last_check
    app = current_app._get_current_object()
    if app.config["SEARCH_INDEXER"] != "inline":
        return response
    now = time.monotonic()
    due = now - _last_check >= app.config["SEARCH_CHECK_SECONDS"]
    if g.pop("search_outbox_changed", False) or due:
        _last_check = now
        response.call_on_close(partial(catch_up, app))
    return response


def catch_up(app) -> None:
    """Apply what is pending (building the index if this host has none); never raises."""
    try:
        for _round in range(5):
            try:
                report = apply_outbox(app, time_budget=TIME_BUDGET_SECONDS, build_limit=BUILD_LIMIT)
            except IndexBusy:
                return  # the holder looks again after releasing the lock
            if getattr(report, "unfinished", False):
                return  # the next request goes on
            with app.app_context(), read_only_transactions():
                if not has_pending(db.session, index_root(app)):
                    return
    except IndexMissing:
        app.logger.error("search index: none on this host; run flask --app portal search reindex")
    except Exception:
        app.logger.exception("search index: could not apply the outbox; it will be retried")


def has_pending(session, root) -> bool:
    generation = current_generation(root)
    if generation is None:
        return True
    pending = session.scalar(select(exists().where(not_applied(read_state(generation)))))
    session.rollback()
    return bool(pending)
