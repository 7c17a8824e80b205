"""The indexer: follows the outbox into this host's index, rebuilds it, checks it.

Correctness rests on three facts:

* every change to public content commits together with an outbox entry, so nothing is lost
  when a process dies between the commit and the index update: the entry waits in the
  database until an indexer applies it;
* applying an entry re-reads the item from the database and indexes what is public about it
  now (or removes it), so applying an entry twice does no harm; the cursor is written after
  the index commit, and a crash in between only repeats work;
* ids that are missing below the newest id seen are "open gaps": on PostgreSQL an id is taken
  from the sequence when the row is inserted, so a transaction that began earlier can commit
  a smaller id after a larger one is visible. Open gaps are asked for again on every pass
  until they turn up or ``SEARCH_OUTBOX_GAP_SECONDS`` pass (then they were rolled back).

Only one process writes an index at a time (``store.writer_lock``); Whoosh itself would raise
``LockError`` at a second writer.
"""

import logging
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, or_, select

from portal.search.documents import digest, document_key, index_fields, masked
from portal.search.models import SearchOutboxEntry
from portal.search.registry import PROVIDERS
from portal.search.store import (
    IndexMissing,
    IndexState,
    current_generation,
    discard,
    new_generation,
    open_index,
    read_state,
    swap_in,
    write_state,
    writer_lock,
)

log = logging.getLogger(__name__)

BATCH_SIZE = 500
#: at a rebuild, ids this far below the newest are checked for entries not yet committed
GAP_WINDOW = 1000
#: never track more open gaps than this (the newest are kept: they are the likely ones)
MAX_OPEN_GAPS = 5000
#: memory for one bulk writer (Whoosh spills sorted runs to disk beyond it)
BUILD_MEMORY_MB = 256


@dataclass
class ApplyReport:
    entries: int = 0
    indexed: int = 0
    removed: int = 0
    expired_gaps: list[int] = field(default_factory=list)
    #: stopped at its time budget with entries left
    unfinished: bool = False


def apply_pending(
    session,
    root: Path,
    gap_seconds: float,
    lock_timeout: float = 0.0,
    time_budget: float | None = None,
):
    """Apply every outbox entry the current index has not seen yet (or, with a
    ``time_budget`` in seconds, the batches that fit; the rest waits for the next call).

    Raises ``IndexMissing`` when there is no index and ``store.IndexBusy`` when another process
    holds the writer lock for longer than ``lock_timeout`` seconds.
    """
    with writer_lock(root, lock_timeout):
        generation = current_generation(root)
        if generation is None:
            raise IndexMissing(str(root))
        return follow_outbox(session, generation, gap_seconds, time_budget)


def follow_outbox(
    session, generation: Path, gap_seconds: float, time_budget: float | None = None
) -> ApplyReport:
    """Apply the outbox to ``generation`` from its cursor on; the caller holds the lock."""
    deadline = None if time_budget is None else time.monotonic() + time_budget
    report = ApplyReport()
    index = None  # opened only when there is something to apply (most calls find nothing)
    try:
        while True:
            state = read_state(generation)
            now = time.time()
            expired = [gap for gap, seen in state.open_gaps.items() if now - seen > gap_seconds]
            entries = session.execute(_pending(state).limit(BATCH_SIZE)).all()
            session.rollback()  # end the read: the next batch sees what committed meanwhile
            if entries:
                changes = defaultdict(set)
                for entry in entries:
                    changes[entry.kind].add(entry.object_id)
                if index is None:
                    index = open_index(generation)
                _apply_changes(session, index, changes, report)
                session.rollback()
            if entries or expired:
                write_state(generation, _advanced(state, [e.id for e in entries], now, expired))
            if expired:
                log.warning("search outbox ids %s never committed; given up", expired[:20])
                report.expired_gaps += expired
            report.entries += len(entries)
            if len(entries) < BATCH_SIZE:
                return report
            if deadline is not None and time.monotonic() > deadline:
                report.unfinished = True
                return report
    finally:
        if index is not None:
            index.close()


def not_applied(state: IndexState):
    """The SQL condition for the outbox entries an index with ``state`` has not applied."""
    condition = SearchOutboxEntry.id > state.applied_through
    if state.open_gaps:
        condition = or_(condition, SearchOutboxEntry.id.in_(sorted(state.open_gaps)))
    return condition


def _pending(state: IndexState):
    return (
        select(SearchOutboxEntry.id, SearchOutboxEntry.kind, SearchOutboxEntry.object_id)
        .where(not_applied(state))
        .order_by(SearchOutboxEntry.id)
    )


def _advanced(state: IndexState, seen_ids: list[int], now: float, expired) -> IndexState:
    """The cursor after applying ``seen_ids`` (the smallest pending ids, in order)."""
    seen = set(seen_ids)
    gaps = {
        gap: first
        for gap, first in state.open_gaps.items()
        if gap not in seen and gap not in set(expired)
    }
    top = max(seen, default=state.applied_through)
    if top > state.applied_through:
        for missing in range(max(state.applied_through + 1, top - MAX_OPEN_GAPS), top):
            if missing not in seen:
                gaps[missing] = now
    if len(gaps) > MAX_OPEN_GAPS:
        gaps = dict(sorted(gaps.items())[-MAX_OPEN_GAPS:])
    return IndexState(
        applied_through=max(top, state.applied_through),
        open_gaps=gaps,
        dictionary_version=state.dictionary_version,
        built_at=state.built_at,
    )


def _apply_changes(session, index, changes: dict[str, set[str]], report: ApplyReport) -> None:
    writer = index.writer(timeout=10.0)
    try:
        for kind, object_ids in changes.items():
            provider = PROVIDERS.get(kind)
            if provider is None:
                log.warning("search outbox: no provider for kind %r; skipped", kind)
                continue
            found = set()
            for document in provider.load(session, sorted(object_ids)):
                writer.update_document(**index_fields(document))
                found.add(document.object_id)
            for object_id in object_ids - found:
                writer.delete_by_term("key", document_key(kind, object_id))
            report.indexed += len(found)
            report.removed += len(object_ids - found)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


# --- full rebuild ----------------------------------------------------------------------------


def rebuild(
    session,
    root: Path,
    gap_seconds: float,
    progress: Callable[[int], None] = lambda count: None,
    lock_timeout: float = 120.0,
) -> tuple[Path, int]:
    """Build a new index from the database and swap it in; searches go on meanwhile.

    The cursor of the new index is the newest outbox id at the start of the build (with the
    ids just below it that were not visible yet as open gaps); what changes during the build
    is applied from there before the swap.
    """
    newest = session.scalar(select(func.max(SearchOutboxEntry.id))) or 0
    window = select(SearchOutboxEntry.id).where(SearchOutboxEntry.id > newest - GAP_WINDOW)
    recent = set(session.scalars(window))
    started = time.time()
    gaps = {
        gap: started for gap in range(max(1, newest - GAP_WINDOW + 1), newest) if gap not in recent
    }
    generation = new_generation(root)
    try:
        count = _build(session, generation, progress)
        write_state(
            generation,
            IndexState(
                applied_through=newest,
                open_gaps=gaps,
                built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        session.rollback()
        with writer_lock(root, lock_timeout):
            follow_outbox(session, generation, gap_seconds)
            swap_in(root, generation)
    except BaseException:
        discard(generation)
        raise
    return generation, count


def _build(session, generation: Path, progress: Callable[[int], None]) -> int:
    index = open_index(generation)
    writer = index.writer(limitmb=BUILD_MEMORY_MB)
    count = 0
    try:
        for provider in sorted(PROVIDERS.values(), key=lambda p: p.order):
            for document in provider.iter_all(session):
                writer.add_document(**index_fields(document))
                count += 1
                progress(1)
    except BaseException:
        writer.cancel()
        index.close()
        raise
    writer.commit()
    index.close()
    return count


# --- checking ---------------------------------------------------------------------------------


@dataclass
class Differences:
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing or self.unexpected or self.outdated)


def compare_with_database(session, root: Path) -> Differences:
    """What the index holds that the database does not say is public now, and vice versa."""
    generation = current_generation(root)
    if generation is None:
        raise IndexMissing(str(root))
    expected = {}
    for provider in PROVIDERS.values():
        for document in provider.iter_all(session):
            expected[document.key] = digest(masked(document))
    index = open_index(generation)
    try:
        with index.searcher() as searcher:
            indexed = {stored["key"]: stored["digest"] for stored in searcher.all_stored_fields()}
    finally:
        index.close()
    both = expected.keys() & indexed.keys()
    return Differences(
        missing=sorted(expected.keys() - indexed.keys()),
        unexpected=sorted(indexed.keys() - expected.keys()),
        outdated=sorted(key for key in both if expected[key] != indexed[key]),
    )
