"""Never stale across processes: gunicorn with two workers, a publication and a withdrawal made
by another process (as a clerk's request on another worker or host would), then 50 readers."""

import urllib.request
import uuid

import pytest
from sqlalchemy import select

from portal import create_app
from portal.audit.services import CLI_ACTOR
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.services import publish_decision, withdraw_decision
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.org.models import Unit
from tests.conftest import base_test_config, close_database
from tests.factories import add_decision
from tests.live_server import LiveServer, portal_environment, run_cli

DOC_NO = "平新城管罚决字〔2026〕第7701号"
READERS = 50


def read(server, path: str) -> tuple[str, str]:
    with urllib.request.urlopen(server.url + path, timeout=10) as response:
        return response.headers.get("X-Portal-Cache", ""), response.read().decode()


def readers(server, path: str) -> list[tuple[str, str]]:
    return [read(server, path) for _ in range(READERS)]


def clerk(database_url, tmp_path):
    """Another process's view of the same database: where the clerk's changes come from."""
    return create_app(base_test_config(tmp_path / "clerk", database_url))


@pytest.mark.parametrize("store", ["memory", "redis"])
def test_fifty_readers_over_two_workers_see_a_publication_and_a_withdrawal_at_once(
    store, new_database_url, tmp_path, request
):
    database_url = new_database_url()
    extra = {"PORTAL_RATELIMIT_ENABLED": "0"}
    worker_args: tuple[str, ...] = ()
    if store == "redis":
        extra["PORTAL_CACHE_URL"] = request.getfixturevalue("redis_url")
        extra["PORTAL_CACHE_KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
        # each worker ends after one request: a hit can then only come from the shared Redis
        worker_args = ("--max-requests", "1")
    environment = portal_environment(database_url, tmp_path, **extra)
    run_cli(environment, "setup")
    app = clerk(database_url, tmp_path)
    with app.app_context():
        load_demo_units(db.session)
        unit = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
        decision_id = add_decision(unit, doc_no=DOC_NO).id
        db.session.commit()
    server = LiveServer(
        environment, workers=2, log_path=tmp_path / "gunicorn.log", extra_args=worker_args
    ).start()
    try:
        before = readers(server, "/decisions/")
        assert all(DOC_NO not in page for _, page in before)
        if store == "redis":
            assert {source for source, _ in before[1:]} == {"hit"}, "Redis shares the pages"

        with app.app_context():
            decision = db.session.get(PenaltyDecision, decision_id)
            publish_decision(db.session, CLI_ACTOR, decision, may_review=True)
            db.session.commit()
            permalink = f"/decisions/{decision.public_id}"
        published = readers(server, "/decisions/") + readers(server, permalink)
        assert all(DOC_NO in page for _, page in published)
        assert "hit" in {source for source, _ in published}

        with app.app_context():
            decision = db.session.get(PenaltyDecision, decision_id)
            withdraw_decision(db.session, CLI_ACTOR, decision, "行政复议决定撤销")
            db.session.commit()
        after = readers(server, "/decisions/")
        assert all(DOC_NO not in page for _, page in after)
        assert all("行政复议决定撤销" in page for _, page in readers(server, permalink))
    finally:
        server.stop()
        close_database(app)
