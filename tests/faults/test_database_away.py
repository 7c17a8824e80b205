"""A database that does not answer: 503 请稍后重试 with what was typed kept, never a 500.

Runs in every suite: the app points at a PostgreSQL port where nothing listens (the real
driver's real "connection refused"), which is what every request meets while PostgreSQL
restarts. ``test_postgres_restart.py`` restarts a real server under load.
"""

import html
import re

import pytest

from portal import create_app
from tests.complaints.conftest import valid_fields
from tests.conftest import base_test_config, close_database
from tests.live_server import free_port

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@pytest.fixture
def client_without_database(tmp_path):
    url = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/gone?connect_timeout=2"
    app = create_app(base_test_config(tmp_path, url))
    yield app.test_client()
    close_database(app)


def test_a_complaint_posted_while_the_database_is_away_is_kept(client_without_database):
    fields = valid_fields(
        description="路口占道经营\n已持续一周，<请>处理。", password="x", query_code="1"
    )
    response = client_without_database.post("/complaints/new", data=fields)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert "请稍后重试" in page and "没有丢失" in page
    assert html.escape(fields["description"], quote=False) in page  # shown, to copy
    kept = {name: html.unescape(value) for name, value in HIDDEN.findall(page)}
    assert kept["description"] == fields["description"]  # and posted again by the button
    assert kept["contact_phone"] == fields["contact_phone"]
    assert "password" not in kept and "query_code" not in kept  # secrets are never echoed


def test_pages_and_the_api_answer_503_in_chinese(client_without_database):
    page = client_without_database.get("/decisions/")
    assert page.status_code == 503 and "请稍后重试" in page.get_data(as_text=True)
    api = client_without_database.get("/api/v1/decisions")
    assert api.status_code == 503
    assert "请稍后重试" in api.get_json()["error"]["title"]
