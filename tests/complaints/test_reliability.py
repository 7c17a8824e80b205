"""Through gunicorn (2 workers, limiter off): many people at once, a crash, and the logs.

- 200 concurrent submissions → 200 rows, 200 distinct tracking numbers, no error;
- SIGKILL in the middle of a stream of submissions: after a restart every tracking number any
  client received is in the database (and opens with its query code);
- all logging (the app's and gunicorn's access log) during a submit-and-handle cycle holds
  none of the person's contact data and no query code.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from portal import create_app
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.schema import upgrade_schema
from tests.complaints.factories import make_staff
from tests.complaints.http_client import TRACKING_NO, Browser
from tests.complaints.test_notifications import Inbox
from tests.conftest import base_test_config, close_database
from tests.factories import DEFAULT_PASSWORD
from tests.live_server import LiveServer, free_port, portal_environment


@pytest.fixture(scope="module")
def environment(new_database_url, tmp_path_factory):
    """A migrated database with the units and one staff account (made in-process: the CLI
    would cost a Python start-up per command)."""
    instance = tmp_path_factory.mktemp("complaints-live")
    url = new_database_url()
    app = create_app(base_test_config(instance, url))
    with app.app_context():
        upgrade_schema()
        load_demo_units(db.session)
        db.session.commit()
    make_staff(app, "xinhua-staff", unit_code="xinhua")
    close_database(app)
    return portal_environment(url, instance, PORTAL_RATELIMIT_ENABLED="0")


@pytest.fixture(scope="module")
def database(environment):
    engine = create_engine(environment["PORTAL_DATABASE_URL"], poolclass=NullPool)
    yield engine
    engine.dispose()


def tracking_numbers(engine) -> set[str]:
    with engine.connect() as connection:
        return set(connection.scalars(text("SELECT tracking_no FROM complaint")))


def fields(number: int) -> dict:
    return {
        "kind": "tipoff" if number % 2 else "complaint",
        "unit": "weidong",
        "location": f"卫东区建设路{number}号附近",
        "description": f"第{number}件：路边占道经营严重，影响行人通行，请依法处理。",
        "contact_name": "并发测试",
        "contact_phone": "13700000000",
    }


def test_200_concurrent_submissions(environment, database):
    before = tracking_numbers(database)
    server = LiveServer(environment, workers=2).start()
    try:
        count = 200
        browsers = [Browser(server.url) for _ in range(count)]
        tokens = {}

        def fetch_form(n):
            tokens[n] = browsers[n].token("/complaints/new")

        with ThreadPoolExecutor(max_workers=32) as pool:
            list(pool.map(fetch_form, range(count)))
        start = threading.Barrier(count)

        def submit(n):
            start.wait()
            status, page = browsers[n].open(
                "/complaints/new", {"csrf_token": tokens[n], **fields(n)}
            )
            assert status == 200, page[:1000]
            return page

        with ThreadPoolExecutor(max_workers=count) as pool:
            pages = list(pool.map(submit, range(count)))
    finally:
        server.stop()
    received = [TRACKING_NO.search(page).group(1) for page in pages]
    added = tracking_numbers(database) - before
    assert len(set(received)) == count
    assert added == set(received)


def test_nothing_received_is_lost_when_the_server_is_killed(environment, database):
    server = LiveServer(environment, workers=2).start()
    received: list[tuple[str, str]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def stream(client_number: int) -> None:
        browser = Browser(server.url, timeout=60)
        n = 0
        while not stop.is_set():
            n += 1
            try:
                number, code = browser.submit(fields(client_number * 1000 + n))
            except Exception:  # the server died under us: what was not received does not count
                return
            with lock:
                received.append((number, code))

    threads = [threading.Thread(target=stream, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while len(received) < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.kill()  # SIGKILL to gunicorn and its workers, mid-stream
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert len(received) >= 20

    restarted = LiveServer(environment, workers=2).start()
    try:
        stored = tracking_numbers(database)
        assert {number for number, _code in received} <= stored
        number, code = received[-1]
        browser = Browser(restarted.url)
        status, page = browser.post_form("/track", {"tracking_no": number, "query_code": code})
        assert status == 200 and f'id="tracking-no">{number}<' in page
        assert browser.submit(fields(999))[0] in tracking_numbers(database)
    finally:
        restarted.stop()


@pytest.fixture
def inbox():
    received = Inbox()
    controller = Controller(received, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, received
    controller.stop()


def test_no_contact_data_in_any_log_line(environment, inbox, tmp_path):
    controller, mails = inbox
    log_path = tmp_path / "all.log"
    logged_environment = {
        **environment,
        "PORTAL_SMTP_URL": f"smtp://127.0.0.1:{controller.port}",
        "GUNICORN_CMD_ARGS": "--access-logfile - --error-logfile - --log-level debug",
    }
    secret = {
        "contact_name": "甄隐私",
        "contact_phone": "13698765432",
        "contact_email": "zhen.yinsi@example.invalid",
    }
    server = LiveServer(logged_environment, workers=2, log_path=log_path).start()
    try:
        person = Browser(server.url)
        number, code = person.submit({**fields(1), "kind": "tipoff", "unit": "xinhua", **secret})
        staff = Browser(server.url)
        staff.login("xinhua-staff", DEFAULT_PASSWORD)
        status, queue = staff.open("/admin/complaints/")
        case_id = queue.split(f">{number}</a>")[0].rsplit("/admin/complaints/", 1)[1].split('"')[0]
        base = f"/admin/complaints/{case_id}"
        assert secret["contact_phone"] in staff.open(f"{base}/contact")[1]
        for action, data in (
            ("accept", {}),
            ("reply", {"text": "经核查，已依法查处，感谢您的举报。"}),
            ("close", {}),
        ):
            status, page = staff.post_form(f"{base}/act/{action}", data)
            assert status == 200 and "已" in page, page[:500]
        status, page = person.post_form("/track", {"tracking_no": number, "query_code": code})
        assert "经核查，已依法查处" in page
        status, page = person.post_form(
            f"/track/{number}/rating",
            {"level": "2", "comment": "态度一般"},
            form_page=f"/track/{number}",
        )
        assert "您的评价：不满意" in page
    finally:
        server.stop()
    log = log_path.read_text(encoding="utf-8", errors="replace")
    assert "POST /complaints/new" in log and f"complaint {number} submitted" in log
    assert len(mails.messages) >= 3  # the e-mail path ran too
    for value in (*secret.values(), "98765432", "zhen.yinsi", code):
        assert value not in log, value
