"""A per-process cache of computed reports, keyed by (year, unit code) and the content
generation, for a few minutes.

Every page, CSV and API call of a year asks for the same report, so each worker keeps it for
``STATS_CACHE_SECONDS`` (0: no cache). The key holds the content generation
(``portal.pagecache.generation``), so a new complaint or publication is counted at once.
"""

import threading
import time
from collections.abc import Callable

from flask import current_app

from portal.extensions import db
from portal.pagecache.generation import current_generation

_LOCK = threading.Lock()


def _store() -> dict:
    return current_app.extensions.setdefault("stats_cache", {})


def cached(key: tuple, compute: Callable[[], object]):
    """The cached value of ``key``, or ``compute()`` stored for the configured time."""
    seconds = current_app.config["STATS_CACHE_SECONDS"]
    if seconds <= 0:
        return compute()
    generation = current_generation(db.session)
    key = (generation[0] if generation else None, *key)
    store, now = _store(), time.monotonic()
    with _LOCK:
        entry = store.get(key)
        if entry is not None and entry[0] > now:
            return entry[1]
    value = compute()
    with _LOCK:
        # drop what has expired so that the store stays small
        for old in [k for k, (expires, _) in store.items() if expires <= now]:
            del store[old]
        store[key] = (now + seconds, value)
    return value


def clear() -> None:
    with _LOCK:
        _store().clear()
