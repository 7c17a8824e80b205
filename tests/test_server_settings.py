"""The shipped gunicorn settings, and a long URL never gets an English page.

- ``gunicorn.conf.py`` is what ``scripts/serve-demo`` serves with: the settings it documents;
- a URL over ``MAX_URL_LENGTH`` gets the app's Chinese 414 page (JSON under /api/);
- a request line over gunicorn's own limit never reaches the app: the worker answers with the
  Chinese ``static/errors/414.html`` instead of gunicorn's "URI Too Long";
- the static error pages nginx serves (README) are Chinese and complete.
"""

import re
import socket
import subprocess

import pytest

from portal import create_app
from portal.errors import static_error_page
from portal.schema import upgrade_schema
from tests.conftest import base_test_config, close_database
from tests.live_server import ROOT, VENV_BIN, LiveServer, portal_environment


def test_the_demo_serves_with_the_shipped_settings():
    assert "--config gunicorn.conf.py" in (ROOT / "scripts" / "serve-demo").read_text()
    printed = subprocess.run(
        [str(VENV_BIN / "gunicorn"), "--print-config", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    settings = dict(re.findall(r"^(\w+)\s+= (.*)$", printed, re.MULTILINE))
    assert settings["limit_request_line"] == "8190"
    assert settings["max_requests"] == "2000"
    assert settings["max_requests_jitter"] == "200"
    assert settings["timeout"] == "30"
    assert settings["preload_app"] == "True"
    assert settings["worker_class"] == "portal.core.gunicorn_worker.ChineseErrorPagesWorker"


def test_a_too_long_url_gets_the_chinese_414(client):
    response = client.get("/decisions/?q=" + "很长" * 2100)
    assert response.status_code == 414
    page = response.get_data(as_text=True)
    assert "网址过长" in page and "返回首页" in page
    api = client.get("/api/v1/decisions?q=" + "a" * 5000)
    assert api.status_code == 414
    assert api.get_json()["error"]["title"] == "网址过长"
    assert client.get("/decisions/?q=" + "a" * 3000).status_code == 200


@pytest.mark.parametrize("code", ["413", "414", "431", "502", "503", "504"])
def test_the_static_error_pages_are_chinese(code):
    page = (ROOT / "static" / "errors" / f"{code}.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and f"错误 {code}" in page
    assert re.search(r"<h1[^>]*>[\u4e00-\u9fff]", page)
    assert not re.search(r"[A-Za-z]{4,}", re.sub(r"<[^>]+>", "", page).replace("DOCTYPE", ""))


@pytest.mark.parametrize("status", [413, 414, 431, 502, 503, 504])
def test_the_static_error_pages_come_from_one_template(app, status):
    # after editing templates/errors/static.html or STATIC_PAGES: flask errors static-pages
    page = (ROOT / "static" / "errors" / f"{status}.html").read_text(encoding="utf-8")
    with app.app_context():
        assert page == static_error_page(status)


def raw_get(port: int, target: str) -> tuple[int, str]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
            if b"</html>" in data:
                break
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8")


@pytest.fixture(scope="module")
def live_server(new_database_url, tmp_path_factory):
    instance = tmp_path_factory.mktemp("server-settings")
    url = new_database_url()
    app = create_app(base_test_config(instance, url))
    with app.app_context():
        upgrade_schema()
    close_database(app)
    server = LiveServer(portal_environment(url, instance), workers=1).start()
    yield server
    server.stop()


def test_no_url_length_gets_an_english_page_from_gunicorn(live_server):
    status, page = raw_get(live_server.port, "/decisions/?q=" + "a" * 6000)
    assert status == 414 and "网址过长" in page  # the app's page
    status, page = raw_get(live_server.port, "/decisions/?q=" + "a" * 9000)
    assert status == 414  # gunicorn's limit, answered by the worker
    assert "网址过长" in page and "URI Too Long" not in page
    status, _page = raw_get(live_server.port, "/")
    assert status == 200  # and the worker serves on
