"""What the CLI, /healthz, ``setup`` and the in-process indexer do to this host's index.

Each function takes the app and works in its own app context on read-only transactions (on
SQLite the indexer must never hold the database's write lock); ``index_status`` answers
inside the caller's request instead (it is what /healthz reports).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from portal.core.database import read_only_transactions
from portal.core.models import utcnow
from portal.extensions import db
from portal.search import indexer
from portal.search.models import SearchOutboxEntry
from portal.search.readers import searchers
from portal.search.registry import PROVIDERS
from portal.search.segmentation import DICTIONARY_VERSION
from portal.search.store import (
    IndexMissing,
    IndexState,
    current_generation,
    directory_size,
    index_root,
    read_state,
)


def _gap_seconds(app) -> float:
    return float(app.config["SEARCH_OUTBOX_GAP_SECONDS"])


def apply_outbox(
    app,
    lock_timeout: float = 0.0,
    time_budget: float | None = None,
    build_limit: int | None = None,
):
    """Apply the pending outbox entries, building the index first if there is none.

    ``time_budget`` bounds the work (seconds; the rest waits for the next call) and
    ``build_limit`` the size of an index built here (more documents: ``IndexMissing``, for
    ``search reindex`` or the worker to build) — a web worker must not outlast its timeout.
    """
    root = index_root(app)
    with app.app_context(), read_only_transactions():
        try:
            return indexer.apply_pending(
                db.session, root, _gap_seconds(app), lock_timeout, time_budget
            )
        except IndexMissing:
            if build_limit is not None:
                count = count_public_documents(app)
                if count is None or count > build_limit:
                    raise
            return indexer.rebuild(db.session, root, _gap_seconds(app))[1]


def refresh_search_index(app, rebuild: bool = False) -> str:
    """After ``setup``: rebuild the index (demo rows are bulk-loaded without outbox entries)
    or catch it up; says what it did."""
    if rebuild:
        _generation, count = rebuild_index(app)
        return f"Search index rebuilt: {count} documents."
    report = apply_outbox(app, lock_timeout=30.0)
    if isinstance(report, int):
        return f"Search index built: {report} documents."
    return f"Search index up to date ({report.entries} outbox entries applied)."


def rebuild_index(app, progress=lambda count: None) -> tuple[str, int]:
    """Build a fresh index from the database and swap it in; (generation, documents)."""
    with app.app_context(), read_only_transactions():
        generation, count = indexer.rebuild(
            db.session, index_root(app), _gap_seconds(app), progress=progress
        )
    return generation.name, count


def count_public_documents(app) -> int | None:
    """How many documents a rebuild will index (None when a provider cannot say)."""
    with app.app_context(), read_only_transactions():
        counts = [p.count(db.session) if p.count else None for p in PROVIDERS.values()]
        db.session.rollback()
    return None if None in counts else sum(counts)


def compare_with_database(app) -> indexer.Differences:
    with app.app_context(), read_only_transactions():
        return indexer.compare_with_database(db.session, index_root(app))


@dataclass
class IndexStatus:
    #: ``ok``, ``missing`` (no index built on this host yet) or ``error`` (it does not answer)
    state: str
    documents: int = 0
    #: outbox entries committed but not in this index yet, and the age of the oldest
    lag_entries: int = 0
    lag_seconds: float = 0.0
    generation: str = ""
    applied_through: int = 0
    open_gaps: int = 0
    built_at: str = ""
    #: False when the segmenter or user dictionary changed since the build (reindex!)
    dictionary_current: bool = True
    size_bytes: int = 0


def index_status(app, session, with_size: bool = False) -> IndexStatus:
    """The index's state and lag, from inside a request or app context."""
    root = index_root(app)
    generation = current_generation(root)
    if generation is None:
        return IndexStatus(state="missing", lag_entries=_count_all(session))
    try:
        with searchers.searcher(root) as opened:
            documents = opened.searcher.doc_count()
        state = read_state(generation)
    except Exception:
        app.logger.exception("search index: does not answer")
        return IndexStatus(state="error", generation=generation.name)
    lag_entries, oldest = _lag(session, state)
    return IndexStatus(
        state="ok",
        documents=documents,
        lag_entries=lag_entries,
        lag_seconds=round((utcnow() - oldest).total_seconds(), 1) if oldest else 0.0,
        generation=generation.name,
        applied_through=state.applied_through,
        open_gaps=len(state.open_gaps),
        built_at=state.built_at,
        dictionary_current=state.dictionary_version == DICTIONARY_VERSION,
        size_bytes=directory_size(generation) if with_size else 0,
    )


def searcher_answers(app) -> str:
    """``ok`` when a searcher opens on this host's index (without asking the database)."""
    root = index_root(app)
    if current_generation(root) is None:
        return "missing"
    with searchers.searcher(root) as opened:
        opened.searcher.doc_count()
    return "ok"


def _lag(session, state: IndexState) -> tuple[int, datetime | None]:
    count, oldest = session.execute(
        select(func.count(), func.min(SearchOutboxEntry.created_at)).where(
            indexer.not_applied(state)
        )
    ).one()
    return count, oldest


def _count_all(session) -> int:
    return session.scalar(select(func.count()).select_from(SearchOutboxEntry)) or 0
