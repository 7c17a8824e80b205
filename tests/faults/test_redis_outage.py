"""Redis (the rate-limit counters) going away: limits fail open or closed as configured,
never a 500; when Redis is back the limits count again.

Each test starts its own ``redis-server`` on a free port and stops it by its own pid: the
shared Redis the other tests use is never touched.
"""

import shutil
import subprocess
import time

import pytest
import redis

from portal import create_app
from tests.conftest import _fresh_database, base_test_config, close_database
from tests.live_server import free_port

LIMIT = "3 per minute"


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


def lookup(client, number: str = "110001"):
    return client.get(
        f"/officers/lookup?badge={number}", environ_base={"REMOTE_ADDR": "203.0.113.9"}
    )


def limited_app(create_app_with, redis_url: str, fail: str):
    return create_app_with(
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=redis_url,
        RATELIMIT_KEY_PREFIX=f"faults-{fail}-{time.monotonic_ns()}",
        RATELIMIT_FAIL=fail,
        OFFICER_LOOKUP_LIMIT=LIMIT,
    )


@pytest.fixture
def create_app_with(template_database, tmp_path):

    made = []

    def make(**settings):
        url = _fresh_database(template_database, tmp_path)
        app = create_app({**base_test_config(tmp_path, url), **settings})
        made.append(app)
        return app

    yield make
    for app in made:
        close_database(app)


@pytest.mark.parametrize("fail", ["open", "closed"])
def test_rate_limits_survive_redis_going_away(create_app_with, private_redis, fail):
    client = limited_app(create_app_with, private_redis.url, fail).test_client()
    assert [lookup(client).status_code for _ in range(4)][-1] == 429  # counted in Redis

    private_redis.stop()
    started = time.monotonic()
    answers = [lookup(client, "110002") for _ in range(5)]
    assert time.monotonic() - started < 5  # no worker hangs on the dead connection
    statuses = {answer.status_code for answer in answers}
    if fail == "open":
        assert statuses == {200}  # served, not limited, while the counters are away
    else:
        assert statuses == {503}
        page = answers[0].get_data(as_text=True)
        assert "请稍后重试" in page
        assert answers[0].headers["Retry-After"] == "5"
    assert client.get("/").status_code == 200  # pages without limits never notice

    private_redis.start()  # back, empty: the limits count again
    assert [lookup(client, "110003").status_code for _ in range(4)] == [200, 200, 200, 429]
