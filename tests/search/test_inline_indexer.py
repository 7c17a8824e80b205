"""The embedded default: the web worker applies the outbox right after the response."""

import logging

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.org.models import Unit
from portal.search import indexer, inline
from portal.search.operations import apply_outbox
from portal.search.store import current_generation, index_root, read_state


def _edit_unit(client, code: str, jurisdiction: str):
    with client.application.app_context():
        unit = db.session.scalar(select(Unit).where(Unit.code == code))
        data = {
            field: getattr(unit, field) or ""
            for field in (
                "address",
                "postcode",
                "phone",
                "complaint_phone",
                "complaint_email",
                "mailbox_location",
                "visit_address",
                "visit_hours",
            )
        }
    return client.post(f"/admin/units/{code}", data={**data, "jurisdiction": jurisdiction})


@pytest.fixture
def admin(create_user, login, demo_units):
    create_user("search-admin", role="admin")
    login("search-admin")


@pytest.fixture(autouse=True)
def check_at_every_request(monkeypatch):
    monkeypatch.setattr(inline, "_last_check", 0.0)


@pytest.mark.app_config(SEARCH_CHECK_SECONDS=3600)
def test_an_edit_is_searchable_once_its_response_is_done(admin, client, search_index, search):
    response = _edit_unit(client, "jiaxian", "郏县城区渣土车辆运输管理")
    assert response.status_code == 302
    assert search("渣土车辆").hrefs == []  # the response is not finished yet…
    response.close()  # …the server closes it after sending: call_on_close runs the indexer
    assert search("渣土车辆").hrefs == ["/disclosure/units/jiaxian"]


@pytest.mark.app_config(SEARCH_CHECK_SECONDS=3600)
def test_a_failing_indexer_never_breaks_the_request(
    admin, client, search_index, search, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(inline, "apply_outbox", broken)
    response = _edit_unit(client, "jiaxian", "郏县城区噪声扰民整治")
    with caplog.at_level(logging.ERROR):
        response.close()
    assert response.status_code == 302
    assert "could not apply the outbox" in caplog.text
    monkeypatch.undo()
    # the entry waited in the outbox: the next catch-up applies it
    inline.catch_up(client.application)
    assert search("噪声扰民").hrefs == ["/disclosure/units/jiaxian"]


def test_changes_made_elsewhere_are_picked_up_by_the_next_request(
    app, client, demo_units, search_index, search, notices
):
    notices.publish("cli-1", "命令行发布的通告", "违规停放共享单车")  # no request involved
    client.get("/healthz").close()  # any request, once SEARCH_CHECK_SECONDS have passed
    assert search("共享单车").hrefs == ["/notices/cli-1"]


def test_a_host_without_an_index_builds_one(app, client, demo_units, search):
    assert current_generation(index_root(app)) is None
    client.get("/healthz").close()
    assert read_state(current_generation(index_root(app))).applied_through == 0
    assert search("新华区").hrefs[0] == "/disclosure/units/xinhua"


@pytest.mark.app_config(SEARCH_INDEXER="worker")
def test_in_worker_mode_the_web_processes_never_write(admin, client, search_index, search):
    _edit_unit(client, "jiaxian", "郏县城区渣土车辆运输管理").close()
    client.get("/healthz").close()
    assert search("渣土车辆").hrefs == []
    assert client.get("/healthz").get_json()["search_lag"] == 1


def test_a_worker_stops_at_its_time_budget_and_the_next_request_goes_on(
    app, notices, search_index, monkeypatch
):
    monkeypatch.setattr(indexer, "BATCH_SIZE", 2)
    for number in range(5):
        notices.publish(str(number), "通告", "工地扬尘")
    report = apply_outbox(app, time_budget=0)
    assert (report.entries, report.unfinished) == (2, True)
    assert apply_outbox(app).entries == 3


def test_a_worker_does_not_build_a_large_missing_index(
    app, client, demo_units, monkeypatch, caplog
):
    monkeypatch.setattr(inline, "BUILD_LIMIT", 5)  # the 13 units are "too many"
    with caplog.at_level(logging.ERROR):
        client.get("/healthz").close()
    assert current_generation(index_root(app)) is None
    assert "search reindex" in caplog.text
