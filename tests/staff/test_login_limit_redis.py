"""With Redis storage the login throttle is exact across several gunicorn workers."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from tests.live_server import LiveServer, portal_environment, run_cli


def attempt_login(server, username: str) -> int:
    """One failed login from a new browser (new cookies, new connection): its status code."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with opener.open(server.url + "/admin/login") as response:
        token = re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"', response.read().decode()
        ).group(1)
    form = urllib.parse.urlencode(
        {"csrf_token": token, "username": username, "password": "wrong-password-1"}
    ).encode()
    try:
        with opener.open(server.url + "/admin/login", data=form) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.redis
def test_account_throttle_is_shared_by_two_workers(redis_url, new_database_url, tmp_path):
    environment = portal_environment(
        new_database_url(),
        tmp_path,
        PORTAL_RATELIMIT_STORAGE_URI=redis_url,
        PORTAL_RATELIMIT_KEY_PREFIX=f"test-{uuid.uuid4().hex}",
    )
    run_cli(environment, "setup")
    # Each worker exits after one request, so no two attempts share a process: only a counter
    # kept outside the workers (Redis) can add them up. With memory:// this test fails.
    server = LiveServer(
        environment,
        workers=2,
        log_path=tmp_path / "gunicorn.log",
        extra_args=("--max-requests", "1"),
    ).start()
    try:
        statuses = [attempt_login(server, "target-account") for _ in range(7)]
    finally:
        server.stop()
    # the default per-account limit is 5 failed attempts per 15 minutes
    assert statuses == [200] * 5 + [429] * 2
