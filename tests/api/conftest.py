"""One gunicorn over the demo data for the API tests (Open311 and the schemathesis run).

The demo is loaded in-process (a CLI call would cost a Python start-up per command); the keys
are made with the real CLI, as an administrator would."""

from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from portal import create_app
from portal.demo import load_demo_data
from portal.extensions import db
from portal.schema import refresh_search_index, upgrade_schema
from tests.conftest import base_test_config, close_database
from tests.live_server import LiveServer, portal_environment, run_cli


@dataclass
class ApiServer:
    server: LiveServer
    environment: dict
    database_url: str
    instance: object

    @property
    def url(self) -> str:
        return self.server.url

    def engine(self):
        return create_engine(self.database_url, poolclass=NullPool)


@pytest.fixture(scope="session")
def api_server(new_database_url, tmp_path_factory):
    instance = tmp_path_factory.mktemp("api-live")
    url = new_database_url()
    app = create_app(base_test_config(instance, url))
    with app.app_context():
        upgrade_schema()
        # /healthz wants an index: an empty one, built before the data (the API reads none;
        # indexing the demo takes a minute), and the web workers do not index ("worker" mode
        # with no worker running)
        refresh_search_index(app, rebuild=True)
        load_demo_data(db.session)
        db.session.commit()
    close_database(app)
    environment = portal_environment(
        url, instance, PORTAL_RATELIMIT_ENABLED="0", PORTAL_SEARCH_INDEXER="worker"
    )
    server = LiveServer(environment, workers=2, log_path=instance / "gunicorn.log").start()
    yield ApiServer(server, environment, url, instance)
    server.stop()


@pytest.fixture(scope="session")
def open311_keys(api_server):
    """(good key, revoked key), made and revoked with `flask open311 keys` (the first through
    a real `flask` process, the others in-process: each process start costs seconds)."""
    good = run_cli(api_server.environment, "open311", "keys", "create", "test-hotline").strip()
    app = create_app(base_test_config(api_server.instance, api_server.database_url))
    runner = app.test_cli_runner()
    created = runner.invoke(args=["open311", "keys", "create", "old-app"])
    revoked = runner.invoke(args=["open311", "keys", "revoke", "old-app"])
    again = runner.invoke(args=["open311", "keys", "revoke", "old-app"])
    close_database(app)
    assert created.exit_code == 0 and revoked.exit_code == 0, created.output + revoked.output
    assert "Revoked the key of old-app" in revoked.output
    assert again.exit_code != 0 and "已经停用" in again.output
    return good, created.output.strip()
