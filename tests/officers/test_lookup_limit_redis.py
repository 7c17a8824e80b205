"""With Redis storage the lookup limit is exact across several gunicorn workers."""

import urllib.error
import urllib.request
import uuid

import pytest

from tests.live_server import LiveServer, portal_environment, run_cli


def lookup(server, number: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(f"{server.url}/officers/lookup?badge={number}") as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.mark.redis
def test_lookup_limit_is_shared_by_two_workers(redis_url, new_database_url, tmp_path):
    environment = portal_environment(
        new_database_url(),
        tmp_path,
        PORTAL_RATELIMIT_STORAGE_URI=redis_url,
        PORTAL_RATELIMIT_KEY_PREFIX=f"test-{uuid.uuid4().hex}",
    )
    run_cli(environment, "setup")
    # Each worker exits after one request, so no two lookups share a process: only a counter
    # kept outside the workers (Redis) adds them up. With memory:// this test fails.
    server = LiveServer(
        environment,
        workers=2,
        log_path=tmp_path / "gunicorn.log",
        extra_args=("--max-requests", "1"),
    ).start()
    try:
        answers = [lookup(server, f"{110000 + n}") for n in range(12)]
    finally:
        server.stop()
    # the documented default: 10 lookups per minute (and 100 per hour) per client
    assert [status for status, _, _ in answers] == [200] * 10 + [429] * 2
    status, headers, page = answers[-1]
    assert 1 <= int(headers["Retry-After"]) <= 60
    assert "查询过于频繁" in page and "每分钟最多10次" in page
