"""One gunicorn over the demo data for the API tests (Open311 and the schemathesis run).

The demo is loaded in-process (a CLI call would cost a Python start-up per command); the keys
are made with the real CLI, as an administrator would."""

from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from portal import create_app
from portal.extensions import db
from portal.schema import upgrade_schema
from tests.conftest import base_test_config, close_database
from tests.live_server import LiveServer, portal_environment, run_cli


@dataclass
class ApiServer:
    server: LiveServer
    environment: dict
    database_url: str

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
    result = app.test_cli_runner().invoke(args=["setup", "--demo"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.session.remove()
    close_database(app)
    environment = portal_environment(url, instance, PORTAL_RATELIMIT_ENABLED="0")
    server = LiveServer(environment, workers=2, log_path=instance / "gunicorn.log").start()
    yield ApiServer(server, environment, url)
    server.stop()


@pytest.fixture(scope="session")
def open311_keys(api_server):
    """(good key, revoked key), made and revoked with `flask open311 keys`."""
    good = run_cli(api_server.environment, "open311", "keys", "create", "test-hotline").strip()
    revoked = run_cli(api_server.environment, "open311", "keys", "create", "old-app").strip()
    output = run_cli(api_server.environment, "open311", "keys", "revoke", "old-app")
    assert "Revoked" in output
    return good, revoked
