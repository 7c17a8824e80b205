"""PostgreSQL restarted under 100 concurrent submissions, against gunicorn.

Every submission acknowledged with a tracking number is in the database afterwards; every
other one got the 请稍后重试 page (503) with its text kept and a button that posts it again —
never a 500; and the site serves again within seconds without a restart of gunicorn.

This restarts the PostgreSQL cluster it is given, never the shared one the other tests use:
``PORTAL_TEST_FAULT_PG_CLUSTER`` ("15 faults", for ``pg_ctlcluster``) and
``PORTAL_TEST_FAULT_PG_URL`` (its server URL). ``.ci/run`` creates that cluster for this step
and runs it with ``pytest -m faults``; the other runs deselect it (``-m "not faults"``).
"""

import html
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from portal import create_app
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.schema import upgrade_schema
from tests.complaints.http_client import CSRF, TRACKING_NO, Browser
from tests.complaints.test_reliability import fields
from tests.conftest import PostgresServer, base_test_config, close_database
from tests.live_server import LiveServer, portal_environment

pytestmark = pytest.mark.faults

CLUSTER = os.environ.get("PORTAL_TEST_FAULT_PG_CLUSTER", "")
SERVER_URL = os.environ.get("PORTAL_TEST_FAULT_PG_URL", "")
SUBMISSIONS = 100
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def pg_ctlcluster(action: str) -> None:
    version, name = CLUSTER.split()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action],
        check=True,
        capture_output=True,
        timeout=60,
    )


def cluster_is_up() -> bool:
    result = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True)
    version, name = CLUSTER.split()
    return any(
        line.split()[:2] == [version, name] and line.split()[3] == "online"
        for line in result.stdout.splitlines()
    )


@pytest.fixture
def fault_database(tmp_path):
    if not (CLUSTER and SERVER_URL):
        pytest.skip("needs PORTAL_TEST_FAULT_PG_CLUSTER and PORTAL_TEST_FAULT_PG_URL")
    server = PostgresServer(SERVER_URL)
    try:
        url = server.new_database()
        app = create_app(base_test_config(tmp_path, url))
        with app.app_context():
            upgrade_schema()
            load_demo_units(db.session)
            db.session.commit()
        close_database(app)
        yield url
    finally:
        if not cluster_is_up():
            pg_ctlcluster("start")
        server.drop_all()


class Person:
    """One person submitting the complaint form, as a browser does (GET, then POST)."""

    def __init__(self, base_url: str, number: int):
        self.browser = Browser(base_url, timeout=30)
        self.fields = fields(number)

    def post(self, path: str, data: dict) -> tuple[int, str, str]:
        """Status, page and the address it came from (after the redirect to the receipt)."""
        body = urllib.parse.urlencode(data).encode()
        try:
            with self.browser.opener.open(self.browser.base_url + path, body, 30) as reply:
                return reply.status, reply.read().decode(), reply.geturl()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode(), error.geturl()

    def submit(self) -> tuple[str, int, str]:
        """("acknowledged", 200, tracking number), ("stored", 503, tracking number) when the
        receipt page met the outage after the complaint was saved, or ("refused", status,
        page)."""
        for _attempt in range(50):  # the form page itself may meet the outage: reload it
            status, page = self.browser.open("/complaints/new")
            if status == 200:
                break
            assert status == 503 and "请稍后重试" in page, (status, page[:500])
            time.sleep(0.1)
        token = CSRF.search(page).group(1)
        status, page, url = self.post("/complaints/new", {"csrf_token": token, **self.fields})
        if status == 200 and TRACKING_NO.search(page):
            return "acknowledged", status, TRACKING_NO.search(page).group(1)
        if "/complaints/receipt/" in url:
            assert status == 503 and "请稍后重试" in page, (status, page[:500])
            return "stored", status, url.rsplit("/", 1)[-1]
        return "refused", status, page


def test_a_postgres_restart_loses_no_acknowledged_submission(fault_database, tmp_path):
    environment = portal_environment(fault_database, tmp_path, PORTAL_RATELIMIT_ENABLED="0")
    server = LiveServer(environment, workers=2, log_path=tmp_path / "gunicorn.log").start()
    results, acknowledged, finished_at = [], threading.Event(), {}
    lock = threading.Lock()

    def one(number: int):
        outcome = Person(server.url, number).submit()
        with lock:
            results.append((number, *outcome))
            finished_at[number] = time.monotonic()
            if sum(1 for result in results if result[1] == "acknowledged") >= 15:
                acknowledged.set()

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            futures = [pool.submit(one, number) for number in range(SUBMISSIONS)]
            assert acknowledged.wait(60), "no submission got through before the restart"
            restarted_at = time.monotonic()
            pg_ctlcluster("restart")
            back_at = time.monotonic()
            for future in futures:
                future.result()
        # the site served again without a restart of gunicorn, seconds after the database
        assert server.process.poll() is None
        served_again = [
            finished_at[number] - back_at
            for number, outcome, *_ in results
            if outcome == "acknowledged" and finished_at[number] > back_at
        ]
        if served_again:
            recovery = min(served_again)
        else:  # every submission was done before the database was back: one more
            assert Person(server.url, SUBMISSIONS).submit()[0] == "acknowledged"
            recovery = time.monotonic() - back_at
        assert recovery < 10, f"the site served again only {recovery:.1f} s after the database"

        engine = create_engine(fault_database, poolclass=NullPool)
        with engine.connect() as connection:
            stored = set(connection.scalars(text("SELECT tracking_no FROM complaint")))
        engine.dispose()
        received = {result[3] for result in results if result[1] == "acknowledged"}
        # saved, then the receipt page met the outage: in the database, shown on /track
        saved_unseen = {result[3] for result in results if result[1] == "stored"}
        assert saved_unseen <= stored
        refused = [result for result in results if result[1] == "refused"]
        assert received <= stored, "an acknowledged submission is missing"
        assert refused, "the restart met no request: it proves nothing"
        for number, _outcome, status, page in refused:
            assert status == 503, (status, page[:1000])
            assert "请稍后重试" in page
            assert html.escape(fields(number)["description"]) in page  # the text is kept
        # and the kept form posts it again
        number, _outcome, _status, page = refused[0]
        person = Person(server.url, number)
        kept = {name: html.unescape(value) for name, value in HIDDEN.findall(page)}
        # (a new session: the refused person's cookie is not this one's, so a new token)
        kept["csrf_token"] = CSRF.search(person.browser.open("/complaints/new")[1]).group(1)
        status, again = person.browser.open("/complaints/new", kept)
        assert status == 200 and TRACKING_NO.search(again), again[:1000]
        print(
            f"{len(received)} acknowledged, {len(refused)} refused with 请稍后重试, "
            f"{len(saved_unseen)} saved but the receipt page met the outage, "
            f"restart took {back_at - restarted_at:.1f} s, serving again {recovery:.1f} s after"
        )
    finally:
        server.stop()
