"""Warm searchers, one per thread, reopened when the index changed.

Opening a Whoosh searcher costs milliseconds; keeping one per worker thread makes a query
cost only the query. Before each use the current generation (the ``current`` link) and its
newest commit are compared with what the searcher was opened on — a ``readlink`` and a
directory listing — and a stale searcher is replaced by a new one. ``Searcher.refresh()`` is
not used: while another process commits it sometimes raises ``ReaderClosed``.

Facet columns (kind, unit, year of every document) are read once per index segment and kept
as small arrays: segments never change once written, so most of them are reused across the
commits that the indexer makes.
"""

import threading
from array import array
from contextlib import contextmanager
from pathlib import Path

from portal.search.store import IndexMissing, current_generation, open_index

FACET_FIELDS = ("kind", "unit", "year")


class _Open:
    """A searcher and what it was opened on; closed when the last user is done with it."""

    def __init__(self, generation: Path):
        self.generation = generation
        self.index = open_index(generation)
        self.searcher = self.index.searcher()
        self.commit = self.searcher.reader().generation()
        self.users = 0
        self.retired = False
        #: per-searcher memo (facet counts and matches of recent queries)
        self.memo: dict = {}

    def is_current(self, generation: Path) -> bool:
        return generation == self.generation and self.index.latest_generation() == self.commit

    def close(self) -> None:
        self.searcher.close()
        self.index.close()


class SearcherCache:
    def __init__(self):
        self._local = threading.local()

    @contextmanager
    def searcher(self, root: Path):
        """The current index's searcher (``IndexMissing`` when there is no index yet)."""
        generation = current_generation(root)
        if generation is None:
            raise IndexMissing(str(root))
        opened = getattr(self._local, "opened", None)
        if opened is None or not opened.is_current(generation):
            fresh = _Open(generation)
            if opened is not None:
                opened.retired = True
                if opened.users == 0:
                    opened.close()
            self._local.opened = opened = fresh
        opened.users += 1
        try:
            yield opened
        finally:
            opened.users -= 1
            if opened.retired and opened.users == 0:
                opened.close()

    def close(self) -> None:
        opened = getattr(self._local, "opened", None)
        if opened is not None and opened.users == 0:
            opened.close()
            self._local.opened = None


#: this process's searchers (one per thread)
searchers = SearcherCache()

#: (generation directory, segment id) → {field: (codes array, values list)}
_segment_columns: dict[tuple[str, str], dict[str, tuple[array, list[str]]]] = {}
_columns_lock = threading.Lock()


def segment_columns(generation: Path, reader) -> dict[str, tuple[array, list[str]]]:
    """The facet values of every document of one segment, as codes into a list of values.

    Read from the postings of each value (a handful per field), which is 2-3 times faster
    than reading the column document by document; code 0 is "no value".
    """
    key = (generation.name, reader.segment().segment_id())
    columns = _segment_columns.get(key)
    if columns is not None:
        return columns
    size = reader.doc_count_all()
    columns = {}
    for name in FACET_FIELDS:
        values = [""]
        codes = array("H", bytes(2 * size))
        for value in reader.field_terms(name):
            values.append(value)
            code = len(values) - 1
            for docnum in reader.postings(name, value).all_ids():
                codes[docnum] = code
        columns[name] = (codes, values)
    with _columns_lock:
        _segment_columns[key] = columns
    return columns


def forget_segments_except(generation: Path, live: set[str]) -> None:
    """Drop the columns of segments merged away or of other generations."""
    with _columns_lock:
        for key in [k for k in _segment_columns if k[0] != generation.name or k[1] not in live]:
            del _segment_columns[key]
