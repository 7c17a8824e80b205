"""The index on disk: generations, the ``current`` link, the indexer's cursor, the writer lock.

``SEARCH_INDEX_DIR`` holds::

    current -> gen-20260301T101500123456-3f2a    the index searches use (a relative link)
    gen-20260301T101500123456-3f2a/              a Whoosh index + state.json (its cursor)
    indexer.lock                                 held by whoever writes: one writer at a time

``search reindex`` builds a new generation beside the current one and swaps the link with one
atomic rename, so searches keep working on the old generation meanwhile; the previous
generation is kept (open searchers may still read it) and older ones are deleted.

The cursor lives with the index it describes, not in the shared database: each host follows
the outbox into its own index, and a rebuilt index starts from the cursor it was built at.
"""

import fcntl
import json
import os
import secrets
import shutil
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index

from portal.search.documents import build_schema
from portal.search.segmentation import DICTIONARY_VERSION

CURRENT = "current"
STATE_FILE = "state.json"
LOCK_FILE = "indexer.lock"
GENERATION_PREFIX = "gen-"


@dataclass
class IndexState:
    """How far an index has followed the outbox."""

    #: every outbox entry up to this id has been applied, except the open gaps
    applied_through: int = 0
    #: ids below ``applied_through`` not seen yet (a transaction that had not committed, or
    #: rolled back) → when first missed (epoch seconds); re-checked until they expire
    open_gaps: dict[int, float] = field(default_factory=dict)
    #: the segmenter and dictionary the index was built with
    dictionary_version: str = DICTIONARY_VERSION
    built_at: str = ""

    @classmethod
    def from_json(cls, text: str) -> "IndexState":
        raw = json.loads(text)
        raw["open_gaps"] = {int(key): value for key, value in raw.get("open_gaps", {}).items()}
        return cls(**raw)


class IndexMissing(Exception):
    """There is no index yet in this directory (build one: ``search reindex``)."""


def index_root(app) -> Path:
    return Path(app.config["SEARCH_INDEX_DIR"])


def current_generation(root: Path) -> Path | None:
    link = root / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    return root / target


def index_stamp(root: Path) -> str:
    """Changes whenever the searchable content changes: a new generation or a new cursor."""
    generation = current_generation(root)
    if generation is None:
        return "none"
    try:
        return f"{generation.name}:{(generation / STATE_FILE).stat().st_mtime_ns}"
    except OSError:
        return f"{generation.name}:?"


def read_state(generation: Path) -> IndexState:
    return IndexState.from_json((generation / STATE_FILE).read_text())


def write_state(generation: Path, state: IndexState) -> None:
    """Replace the state file atomically (and durably: it is the cursor)."""
    temporary = generation / f".{STATE_FILE}.{secrets.token_hex(4)}"
    with open(temporary, "w") as handle:
        json.dump(asdict(state), handle, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, generation / STATE_FILE)


def new_generation(root: Path) -> Path:
    """An empty index in a new directory beside the current one (not yet in use)."""
    root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    generation = root / f"{GENERATION_PREFIX}{stamp}-{secrets.token_hex(3)}"
    generation.mkdir()
    whoosh_index.create_in(str(generation), build_schema())
    return generation


def swap_in(root: Path, generation: Path) -> None:
    """Make ``generation`` the current index in one atomic step; keep the one before it."""
    previous = current_generation(root)
    temporary = root / f".{CURRENT}.{secrets.token_hex(4)}"
    os.symlink(generation.name, temporary)
    os.replace(temporary, root / CURRENT)
    # Names sort by creation time: a generation still being built by another reindex is newer
    # than the one before the current and is left alone.
    oldest_kept = min(generation.name, previous.name if previous else generation.name)
    for old in root.glob(f"{GENERATION_PREFIX}*"):
        if old.name < oldest_kept:
            shutil.rmtree(old, ignore_errors=True)


def discard(generation: Path) -> None:
    shutil.rmtree(generation, ignore_errors=True)


def open_index(generation: Path):
    return whoosh_index.open_dir(str(generation))


class IndexBusy(Exception):
    """Another process is writing this index."""


@contextmanager
def writer_lock(root: Path, timeout: float = 0.0):
    """Hold the one-writer lock of ``root``; ``IndexBusy`` when not had within ``timeout``.

    ``flock`` is released by the kernel when its holder dies, so a killed indexer never
    leaves the index locked.
    """
    root.mkdir(parents=True, exist_ok=True)
    handle = open(root / LOCK_FILE, "a+")  # noqa: SIM115  (closed below)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBusy(str(root)) from None
                time.sleep(0.05)
        yield
    finally:
        handle.close()  # closing releases the lock


def directory_size(path: Path) -> int:
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())
