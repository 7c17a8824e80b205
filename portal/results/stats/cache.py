"""A per-process cache of computed reports, keyed by (year, unit code), for a few minutes.

Statistics change slowly and every page, CSV and API call of a year asks for the same report,
so each worker keeps it for ``STATS_CACHE_SECONDS`` (0: no cache). Entries simply expire; a
new complaint shows up at the latest that many seconds later.
"""

import threading
import time
from collections.abc import Callable

from flask import current_app

_LOCK = threading.Lock()


def _store() -> dict:
    return current_app.extensions.setdefault("stats_cache", {})


def cached(key: tuple, compute: Callable[[], object]):
    """The cached value of ``key``, or ``compute()`` stored for the configured time."""
    seconds = current_app.config["STATS_CACHE_SECONDS"]
    if seconds <= 0:
        return compute()
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
