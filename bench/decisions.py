"""Decision pages stay as fast at 1,000,000 rows as at 10,000.

Loads penalty decisions into a fresh SQLite database (10,000, then up to 1,000,000), serves it
with gunicorn (2 workers) and times, through real HTTP on 127.0.0.1, each page type: the first
list page, a filtered list page, the last list page (keyset cursor, no OFFSET), a decision's
page, the first API page and the feed. It prints, per page type, the median at 10k and at 1M
and their ratio, plus the same ratio normalised by a baseline endpoint (/api/v1/units, no
decisions) measured in the same run, which removes drift of the shared machine.

    .venv/bin/python bench/decisions.py [--rows 1000000] [--requests 200] [--keep DIR]

Every listed query is an index range scan with LIMIT; none counts the table (the test suite
checks that no request runs COUNT over decisions).
"""

import argparse
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal.core.pagination import encode_cursor  # noqa: E402
from portal.disclosure.decisions.models import VIOLATION_TYPES  # noqa: E402
from tests.live_server import LiveServer, portal_environment, run_cli  # noqa: E402

SMALL = 10_000
BATCH = 50_000
TODAY = date.today()
FIRST_DAY = TODAY - timedelta(days=700)  # all within the 2-year retention: every row is listed


def load_units(database: Path) -> list[tuple[int, str]]:
    """The 13 units, through the portal's own demo loader."""
    code = (
        "from portal import create_app\n"
        "from portal.extensions import db\n"
        "from portal.disclosure.demo import load_demo_units\n"
        "app = create_app()\n"
        "with app.app_context():\n"
        "    load_demo_units(db.session)\n"
        "    db.session.commit()\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=portal_environment(f"sqlite:///{database}", database.parent),
        check=True,
    )
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT id, code FROM unit ORDER BY id").fetchall()


DECISION_COLUMNS = (
    "id, unit_id, doc_no, party_name, party_type, party_is_minor, related_names, "
    "violation_type, violation, facts, legal_basis, penalty, fine_amount, "
    "orders_stop_of_business, revokes_licence, decided_on, publication_due_on, is_major, "
    "major_raised, major_raise_reason, filing_note, revocation_kind, revocation_reason, "
    "source, status, public_id, revision_count, first_published_at, public_updated_at, "
    "withdrawal_reason, review_note, created_at, updated_at"
)
REVISION_COLUMNS = (
    "id, decision_id, revision_no, published_at, reason, published_by_label, doc_no, party, "
    "party_type, violation_type, violation, facts, legal_basis, penalty, fine_amount, "
    "decided_on, is_major"
)


def insert_decisions(database: Path, units, start: int, stop: int) -> None:
    """Rows ``start`` … ``stop - 1`` (1-based ids), spread evenly over two years."""
    rnd = random.Random(start)
    violations = list(VIOLATION_TYPES)
    total_days = (TODAY - FIRST_DAY).days
    decision_sql = (
        f"INSERT INTO penalty_decision ({DECISION_COLUMNS}) "
        f"VALUES ({', '.join('?' * DECISION_COLUMNS.count(',') + '?')})"
    )
    revision_sql = (
        f"INSERT INTO decision_revision ({REVISION_COLUMNS}) "
        f"VALUES ({', '.join('?' * REVISION_COLUMNS.count(',') + '?')})"
    )
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA synchronous = OFF")
        for batch_start in range(start, stop, BATCH):
            decisions, revisions = [], []
            for number in range(batch_start, min(batch_start + BATCH, stop)):
                unit_id, code = units[number % len(units)]
                decided = FIRST_DAY + timedelta(days=(number * 7919) % total_days)
                published = datetime.combine(decided + timedelta(days=3), datetime.min.time())
                violation = violations[number % len(violations)]
                person = rnd.random() < 0.6
                fine = rnd.choice((200, 500, 2000, 5000, 20000, 150000))
                major = fine >= (10000 if person else 100000)
                doc_no = f"{code}罚决字〔{decided.year}〕第{number}号"
                party = "张某某" if person else f"平顶山市{number}号建筑有限公司"
                facts = f"当事人{party}于{decided.isoformat()}在建设路与中兴路交叉口违法经营。"
                penalty = f"罚款人民币{fine}元，责令改正"
                public_id = f"b{number:09d}"
                decisions.append(
                    (
                        number,
                        unit_id,
                        doc_no,
                        party,
                        "person" if person else "organisation",
                        0,
                        "",
                        violation,
                        "违法行为",
                        facts,
                        "《城市市容和环境卫生管理条例》",
                        penalty,
                        fine,
                        0,
                        0,
                        decided.isoformat(),
                        decided.isoformat(),
                        major,
                        0,
                        "",
                        "",
                        "",
                        "",
                        "bench",
                        "published",
                        public_id,
                        1,
                        published.isoformat(" "),
                        published.isoformat(" "),
                        "",
                        "",
                        published.isoformat(" "),
                        published.isoformat(" "),
                    )
                )
                revisions.append(
                    (
                        number,
                        number,
                        1,
                        published.isoformat(" "),
                        "",
                        "bench",
                        doc_no,
                        party,
                        "person" if person else "organisation",
                        violation,
                        "违法行为",
                        facts,
                        "《城市市容和环境卫生管理条例》",
                        penalty,
                        fine,
                        decided.isoformat(),
                        major,
                    )
                )
            connection.executemany(decision_sql, decisions)
            connection.executemany(revision_sql, revisions)
            connection.commit()
            print(f"  {min(batch_start + BATCH, stop) - 1:>9,} rows", flush=True)


def page_urls(database: Path) -> dict[str, str]:
    """The URLs timed: computed once from the data (not by the requests themselves)."""
    with sqlite3.connect(database) as connection:
        eleventh_oldest = connection.execute(
            "SELECT decided_on, id FROM penalty_decision WHERE status = 'published' "
            "ORDER BY decided_on, id LIMIT 1 OFFSET 10"
        ).fetchone()
        middle = connection.execute(
            "SELECT public_id FROM penalty_decision WHERE id = (SELECT MAX(id) / 2 FROM "
            "penalty_decision)"
        ).fetchone()[0]
    year = (TODAY - timedelta(days=200)).year
    return {
        "baseline /api/v1/units": "/api/v1/units",
        "first list page": "/decisions/",
        "filtered list page": f"/decisions/?unit=weidong&violation=noise&year={year}",
        "last list page": "/decisions/?cursor=" + encode_cursor(tuple(eleventh_oldest)),
        "decision page": f"/decisions/{middle}",
        "API first page": "/api/v1/decisions",
        "Atom feed": "/feeds/decisions.atom",
    }


def fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        assert response.status == 200, url
    return time.perf_counter() - started


def measure(server: LiveServer, urls: dict[str, str], requests: int) -> dict[str, float]:
    """Median seconds per URL; the URLs are interleaved so that drift hits all of them."""
    timings = {name: [] for name in urls}
    for path in urls.values():  # warm-up: imports, caches, page cache
        for _ in range(10):
            fetch(server.url + path)
    for _ in range(requests):
        for name, path in urls.items():
            timings[name].append(fetch(server.url + path))
    return {name: statistics.median(values) for name, values in timings.items()}


def run_phase(database: Path, instance: Path, requests: int) -> dict[str, float]:
    environment = portal_environment(
        f"sqlite:///{database}", instance, PORTAL_RATELIMIT_ENABLED="0"
    )
    server = LiveServer(environment, workers=2).start()
    try:
        return measure(server, page_urls(database), requests)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="keep the database in this directory")
    arguments = parser.parse_args()

    directory = Path(tempfile.mkdtemp(prefix="bench-decisions-"))
    database = directory / "portal.sqlite3"
    environment = portal_environment(f"sqlite:///{database}", directory)
    try:
        run_cli(environment, "setup")
        units = load_units(database)
        print(f"Loading {SMALL:,} decisions …")
        started = time.perf_counter()
        insert_decisions(database, units, 1, SMALL + 1)
        small = run_phase(database, directory, arguments.requests)
        print(f"Loading up to {arguments.rows:,} decisions …")
        insert_decisions(database, units, SMALL + 1, arguments.rows + 1)
        load_seconds = time.perf_counter() - started
        large = run_phase(database, directory, arguments.requests)
    finally:
        if arguments.keep:
            arguments.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(database, arguments.keep / database.name)
        shutil.rmtree(directory, ignore_errors=True)

    base_small, base_large = small["baseline /api/v1/units"], large["baseline /api/v1/units"]
    print(
        f"\nLoaded in {load_seconds:.0f} s (both phases). Median of {arguments.requests} "
        f"requests each, gunicorn -w 2, SQLite.\n"
    )
    print(f"{'page':<24}{'10k ms':>9}{'1M ms':>9}{'1M/10k':>9}{'vs baseline':>13}")
    worst = 0.0
    for name in small:
        ratio = large[name] / small[name]
        normalised = (large[name] / base_large) / (small[name] / base_small)
        if not name.startswith("baseline"):
            worst = max(worst, min(ratio, normalised))
        print(
            f"{name:<24}{small[name] * 1000:>9.2f}{large[name] * 1000:>9.2f}"
            f"{ratio:>9.2f}{normalised:>13.2f}"
        )
    print(f"\nWorst ratio: {worst:.2f} ({'ok' if worst <= 1.5 else 'ABOVE 1.5'})")


if __name__ == "__main__":
    main()
