"""1,000 random badge checks against 50,000 officers: an index serves every one.

Two proofs, on SQLite and on PostgreSQL:
- the query plan of every statement the lookups ran searches ``officer`` / ``officer_history``
  through an index on the badge or certificate number, never scans them;
- the work each request does is counted — SQLite virtual-machine steps per request (a scan of
  50,000 rows costs hundreds of thousands; we show one for comparison), PostgreSQL's per-table
  counters (no sequential scan, about one index fetch per lookup).
"""

import json
import random
import re
import time
from datetime import date

import pytest
from sqlalchemy import event, insert, text

from portal.extensions import db
from portal.officers.models import Officer

OFFICERS = 50_000
LOOKUPS = 1_000
BIG_TABLES = ("officer", "officer_history")


def officer_rows(unit_ids: list[int]) -> list[dict]:
    statuses = ["active"] * 17 + ["suspended", "revoked", "transferred"]
    return [
        {
            "badge_no": f"{300000 + n}",
            "cert_no": f"4104{n:08d}",
            "name": f"人员{n}",
            "unit_id": unit_ids[n % len(unit_ids)],
            "post": "执法队员",
            "category": "市容环境卫生",
            "area": "中兴路街道",
            "cert_valid_from": date(2022, 1, 1),
            "cert_valid_to": date(2022 + n % 9, 12, 31),
            "status": statuses[n % len(statuses)],
        }
        for n in range(OFFICERS)
    ]


@pytest.fixture
def big_roster(app, create_unit):
    unit_ids = [create_unit(f"scale{n}").id for n in range(13)]
    rows = officer_rows(unit_ids)
    started = time.perf_counter()
    with app.app_context():
        db.session.execute(insert(Officer), rows)
        db.session.execute(
            text(
                "INSERT INTO officer_history (officer_id, kind, changed_at, status, badge_no, "
                "cert_no, unit_id, reason, actor_label) SELECT id, 'created', created_at, "
                "'active', badge_no, cert_no, unit_id, '', 'test' FROM officer"
            )
        )
        db.session.commit()
        with db.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
    print(
        f"\n{OFFICERS} officers and their history inserted in {time.perf_counter() - started:.1f} s"
    )


def random_queries(rng: random.Random) -> list[tuple[str, str, str]]:
    """(query kind, number, the heading expected) for a mix of hits and misses."""
    queries = []
    for _ in range(LOOKUPS):
        n = rng.randrange(OFFICERS)
        roll = rng.random()
        if roll < 0.75:
            queries.append(("badge", f"{300000 + n}", None))
        elif roll < 0.85:
            queries.append(("cert", f"4104{n:08d}", None))
        elif roll < 0.95:
            queries.append(("badge", f"{900000 + n}", "未查到"))
        else:
            queries.append(("cert", f"9999{n:08d}", "未查到"))
    return queries


class StatementLog:
    """Every statement run on the engine, with the parameters of its first run."""

    def __init__(self, engine):
        self.statements: dict[str, object] = {}
        self.engine = engine
        event.listen(engine, "before_cursor_execute", self.record)

    def record(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.setdefault(statement, parameters)

    def close(self):
        event.remove(self.engine, "before_cursor_execute", self.record)


class SqliteSteps:
    """Counts SQLite virtual-machine steps on every pooled connection (a progress handler)."""

    def __init__(self, engine):
        self.steps = 0
        self.engine = engine
        event.listen(engine, "checkout", self.install)

    def _tick(self):
        self.steps += 100
        return 0

    def install(self, dbapi_connection, record, proxy):
        dbapi_connection.set_progress_handler(self._tick, 100)

    def close(self):
        event.remove(self.engine, "checkout", self.install)


def sqlite_plan(connection, statement, parameters) -> list[str]:
    rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    return [row[-1] for row in rows]


def postgres_plan_nodes(connection, statement, parameters) -> list[dict]:
    plan = connection.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).scalar()
    plan = plan if isinstance(plan, list) else json.loads(plan)
    nodes, stack = [], [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.get("Plans", []))
    return nodes


def assert_index_search(connection, statement, parameters) -> list[str]:
    """Plan lines/nodes touching the big tables; every one is an index search."""
    if connection.dialect.name == "sqlite":
        lines = [
            line
            for line in sqlite_plan(connection, statement, parameters)
            if re.search(r"\b(officer|officer_history)\b", line)
        ]
        for line in lines:
            assert line.startswith("SEARCH"), line
            assert re.search(r"USING (COVERING )?INDEX \S+ \((badge_no|cert_no)=\?\)", line), line
        return lines
    touched = [
        node
        for node in postgres_plan_nodes(connection, statement, parameters)
        if node.get("Relation Name") in BIG_TABLES
    ]
    for node in touched:
        assert node["Node Type"] in ("Index Scan", "Index Only Scan"), node
        assert re.search(r"\((badge_no|cert_no)\)::text = ", node["Index Cond"]), node
    return [
        f"{node['Node Type']} using {node['Index Name']} on {node['Relation Name']}"
        for node in touched
    ]


def postgres_counters(connection) -> dict[str, tuple[int, int, int]]:
    connection.exec_driver_sql("SELECT pg_stat_clear_snapshot()")
    rows = connection.exec_driver_sql(
        "SELECT relname, seq_scan, coalesce(seq_tup_read, 0), coalesce(idx_tup_fetch, 0) "
        "FROM pg_stat_user_tables WHERE relname IN ('officer', 'officer_history')"
    ).all()
    return {name: (seq, seq_read, fetched) for name, seq, seq_read, fetched in rows}


def test_random_lookups_use_the_indexes(app, client, big_roster):
    with app.app_context():
        engine = db.engine
    is_sqlite = engine.dialect.name == "sqlite"
    queries = random_queries(random.Random(4))
    log = StatementLog(engine)
    steps = SqliteSteps(engine) if is_sqlite else None
    if not is_sqlite:
        engine.dispose()  # backends flush their statistics when they end
        time.sleep(0.5)
        with engine.connect() as connection:
            before = postgres_counters(connection)
    per_request = []
    started = time.perf_counter()
    try:
        for kind, number, expected in queries:
            if steps:
                steps.steps = 0
            response = client.get(f"/officers/lookup?{kind}={number}")
            assert response.status_code == 200
            if expected:
                assert expected in response.get_data(as_text=True)
            if steps:
                per_request.append(steps.steps)
    finally:
        log.close()
        if steps:
            steps.close()
    elapsed = time.perf_counter() - started
    print(f"{LOOKUPS} lookups in {elapsed:.1f} s ({elapsed / LOOKUPS * 1000:.1f} ms each)")

    # 1. every statement that touched the big tables searched them by an index
    plans = {}
    with engine.connect() as connection:
        for statement, parameters in log.statements.items():
            lines = assert_index_search(connection, statement, parameters)
            if lines:
                plans[statement.split("WHERE")[-1].strip()] = lines
    print("plans:", json.dumps(plans, ensure_ascii=False, indent=1))
    searched = {line for lines in plans.values() for line in lines}
    assert any("badge_no" in line or "uq_officer_badge_no" in line for line in searched)
    assert any("cert_no" in line or "uq_officer_cert_no" in line for line in searched)
    assert sum("officer_history" in line for line in searched) == 2  # badge and certificate

    # 2. the work per request stays tiny
    if is_sqlite:
        with engine.connect() as connection:
            scan = SqliteSteps(engine)
            scan.install(connection.connection.dbapi_connection, None, None)
            connection.exec_driver_sql("SELECT count(*) FROM officer WHERE area = '不存在'").all()
            scan.close()
        print(f"VM steps per lookup: max {max(per_request)}, full scan {scan.steps}")
        assert scan.steps > 100_000
        assert max(per_request) < scan.steps / 50
    else:
        engine.dispose()
        time.sleep(0.5)
        with engine.connect() as connection:
            after = postgres_counters(connection)
        delta = {
            name: tuple(a - b for a, b in zip(after[name], before[name], strict=True))
            for name in after
        }
        print("pg_stat_user_tables delta (seq_scan, seq_tup_read, idx_tup_fetch):", delta)
        for name in BIG_TABLES:
            assert delta[name][0] == 0 and delta[name][1] == 0, name
        assert delta["officer"][2] <= LOOKUPS  # at most one row fetched per lookup
        assert delta["officer_history"][2] <= LOOKUPS
