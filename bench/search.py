"""Search: the portal's Whoosh index against SQLite FTS5 (trigram) over the same documents.

    nice .venv/bin/python bench/search.py                    # 100,000 then 1,000,000 documents
    nice .venv/bin/python bench/search.py --docs 100000      # one size

For each size: build both indexes from the same synthetic documents (``bench/corpus.py``),
then run the fixed query set (``corpus.QUERIES``, all words of 3+ characters so that the
trigram index can find them) ``--rounds`` times and print the median and p95 latency of

* top 10 — the ten best hits with their titles (Whoosh: the portal's query through the warm
  searcher; FTS5: ``MATCH … ORDER BY rank LIMIT 10``), the like-for-like comparison;
* search page — what /search computes for the first page: filter counts (kind, unit, year),
  ten hits with highlighted snippets. "cold" forgets the memoised counts before every query,
  "warm" is a repeated query or the next page; "newest first" is the date order;

plus build time, size on disk, and Whoosh on two-character words, which a trigram index
cannot find at all. Ratios are Whoosh ÷ FTS5: both run in this process on the same machine,
so the ratio is what to compare across machines, not the milliseconds.
"""

import argparse
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import QUERIES, SHORT_QUERIES, documents  # noqa: E402
from portal.search.documents import SearchDocument, index_fields  # noqa: E402
from portal.search.query import parse, text_query  # noqa: E402
from portal.search.readers import SearcherCache  # noqa: E402
from portal.search.service import SearchRequest, run_search, top_hits  # noqa: E402
from portal.search.store import (  # noqa: E402
    IndexState,
    directory_size,
    new_generation,
    open_index,
    swap_in,
    write_state,
)

BUILD_MEMORY_MB = 256


def search_document(doc) -> SearchDocument:
    return SearchDocument(
        kind=doc.kind,
        object_id=doc.object_id,
        ref=doc.object_id,
        title=doc.title,
        body=doc.body,
        unit_code=doc.unit_code,
        published_on=doc.published_on,
        names=doc.names,
        numbers=doc.badges,
    )


def progress(label: str, done: int, total: int, started: float) -> None:
    if done % 10000 == 0 or done == total:
        rate = done / max(time.perf_counter() - started, 1e-9)
        print(f"\r  {label}: {done:,}/{total:,} ({rate:,.0f}/s)", end="", flush=True)
        if done == total:
            print()


def build_whoosh(root: Path, count: int) -> float:
    started = time.perf_counter()
    generation = new_generation(root)
    index = open_index(generation)
    writer = index.writer(limitmb=BUILD_MEMORY_MB)
    for done, doc in enumerate(documents(count), start=1):
        writer.add_document(**index_fields(search_document(doc)))
        progress("Whoosh", done, count, started)
    writer.commit()
    index.close()
    write_state(generation, IndexState())
    swap_in(root, generation)
    return time.perf_counter() - started


def build_fts5(path: Path, count: int) -> float:
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    connection.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(kind UNINDEXED, unit UNINDEXED, "
        "title, body, tokenize='trigram')"
    )

    def rows():
        for done, doc in enumerate(documents(count), start=1):
            progress("FTS5", done, count, started)
            yield doc.kind, doc.unit_code, doc.title, doc.body

    with connection:
        connection.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)", rows())
    connection.close()
    return time.perf_counter() - started


def fts5_match(text: str) -> str:
    return " AND ".join('"{}"'.format(word.replace('"', '""')) for word in text.split())


def timed(function, rounds: int, queries) -> list[float]:
    for text in queries:  # warm-up: caches, mmap pages
        function(text)
    latencies = []
    for _ in range(rounds):
        for text in queries:
            started = time.perf_counter()
            function(text)
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def summary(latencies: list[float]) -> tuple[float, float]:
    ordered = sorted(latencies)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def run(count: int, workdir: Path, rounds: int, reuse: bool) -> None:
    print(f"\n=== {count:,} documents")
    root = workdir / f"whoosh-{count}"
    fts_path = workdir / f"fts5-{count}.sqlite3"
    if reuse and (root / "current").exists() and fts_path.exists():
        whoosh_build = fts_build = None
        print("(indexes of an earlier --keep run reused: no build times)")
    else:
        shutil.rmtree(root, ignore_errors=True)
        fts_path.unlink(missing_ok=True)
        whoosh_build = build_whoosh(root, count)
        fts_build = build_fts5(fts_path, count)

    cache = SearcherCache()
    connection = sqlite3.connect(fts_path)
    texts = [text for text, _ in QUERIES]

    # the first search page of a fresh process reads the facet columns of every segment
    started = time.perf_counter()
    with cache.searcher(root) as opened:
        run_search(opened, SearchRequest(text=texts[0]))
    first_page = (time.perf_counter() - started) * 1000

    def whoosh_top10(text):
        with cache.searcher(root) as opened:
            hits = top_hits(opened.searcher, text_query(parse(text), opened.searcher.reader()), 10)
            return [hit["title"] for hit in hits]

    def fts5_top10(text):
        return connection.execute(
            "SELECT title FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10", (fts5_match(text),)
        ).fetchall()

    def page_cold(text):
        with cache.searcher(root) as opened:
            opened.memo.clear()
            return run_search(opened, SearchRequest(text=text))

    def page_warm(text):
        with cache.searcher(root) as opened:
            return run_search(opened, SearchRequest(text=text))

    def page_newest(text):
        with cache.searcher(root) as opened:
            return run_search(opened, SearchRequest(text=text, sort="date"))

    rows = [
        ("top 10", timed(whoosh_top10, rounds, texts), timed(fts5_top10, rounds, texts)),
        ("search page, cold counts", timed(page_cold, rounds, texts), None),
        ("search page, warm counts", timed(page_warm, rounds, texts), None),
        ("search page, newest first", timed(page_newest, rounds, texts), None),
        ("top 10, two-character words", timed(whoosh_top10, rounds, SHORT_QUERIES), None),
    ]
    fts_median, fts_p95 = summary(rows[0][2])

    whoosh_size = directory_size(root)
    fts_size = fts_path.stat().st_size
    if whoosh_build is not None:
        print(
            f"build: Whoosh {whoosh_build:,.0f} s, FTS5 {fts_build:,.0f} s "
            f"(ratio {whoosh_build / fts_build:.1f})"
        )
    print(
        f"size on disk: Whoosh {whoosh_size / 2**20:,.0f} MB, FTS5 {fts_size / 2**20:,.0f} MB "
        f"(ratio {whoosh_size / fts_size:.2f})"
    )
    print(
        f"first search page of a new process (opens the index, reads facet columns): "
        f"{first_page:,.0f} ms"
    )
    print(f"queries: {len(texts)} × {rounds} rounds (after one warm-up round)")
    print(f"{'':34} {'median ms':>10} {'p95 ms':>8} {'median ÷ FTS5':>14} {'p95 ÷ FTS5':>11}")
    print(f"{'FTS5 trigram, top 10':34} {fts_median:10.1f} {fts_p95:8.1f}")
    for label, whoosh, _fts in rows:
        median, p95 = summary(whoosh)
        print(
            f"{'Whoosh, ' + label:34} {median:10.1f} {p95:8.1f} "
            f"{median / fts_median:14.2f} {p95 / fts_p95:11.2f}"
        )

    with cache.searcher(root) as opened:
        found = [(text, run_search(opened, SearchRequest(text=text)).total) for text in texts[:6]]
    fts_found = [
        connection.execute(
            "SELECT count(*) FROM docs WHERE docs MATCH ?", (fts5_match(t),)
        ).fetchone()[0]
        for t, _ in found
    ]
    print(
        "matches (Whoosh / FTS5): "
        + ", ".join(
            f"{text} {ours:,}/{theirs:,}"
            for (text, ours), theirs in zip(found, fts_found, strict=True)
        )
    )
    short_fts = connection.execute(
        "SELECT count(*) FROM docs WHERE docs MATCH ?", (fts5_match(SHORT_QUERIES[0]),)
    ).fetchone()[0]
    print(f"two-character word {SHORT_QUERIES[0]}: FTS5 trigram finds {short_fts} documents")
    cache.close()
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="default: 100000 and 1000000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/portal-search-bench"))
    parser.add_argument("--keep", action="store_true", help="keep the indexes afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="use the indexes an earlier --keep run left"
    )
    arguments = parser.parse_args()
    arguments.workdir.mkdir(parents=True, exist_ok=True)
    for count in arguments.docs or [100_000, 1_000_000]:
        run(count, arguments.workdir, arguments.rounds, arguments.reuse)
    if not arguments.keep:
        shutil.rmtree(arguments.workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
