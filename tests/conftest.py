"""Fixtures: a fresh app and database per test, on SQLite or on PostgreSQL.

``PORTAL_TEST_DATABASE_URL`` (a PostgreSQL server URL) switches every database test to a
throw-away PostgreSQL database created for this session; without it, SQLite files in a temp
directory. ``PORTAL_TEST_REDIS_URL`` enables the tests that need Redis.
``PORTAL_TEST_FORBID_SKIPS=1`` (set by .ci/run) turns any skipped test into a failed run.
"""

import os
import shutil
import uuid

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

import portal.models  # noqa: F401  (every model module: create_all must build every table)
from portal import create_app
from portal.extensions import db
from portal.staff import passwords
from tests.factories import make_login, make_unit_factory, make_user_factory

POSTGRES_URL = os.environ.get("PORTAL_TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "")


# --- speed ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Argon2id with the smallest cost: the tests hash hundreds of passwords, and the cost
    parameters are not what they test. Production keeps argon2-cffi's RFC 9106 defaults."""
    original = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    passwords._hasher = original


# --- databases -------------------------------------------------------------------------------


class PostgresServer:
    """Creates and drops throw-away databases on the test server."""

    def __init__(self, url: str):
        self.url = make_url(url)
        if self.url.drivername in ("postgresql", "postgres"):
            self.url = self.url.set(drivername="postgresql+psycopg")
        self.admin_engine = create_engine(
            self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
        self.created: list[str] = []

    def new_database(self) -> str:
        name = f"portal_test_{uuid.uuid4().hex[:12]}"
        with self.admin_engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        self.created.append(name)
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.admin_engine.connect() as connection:
            for name in self.created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin_engine.dispose()


@pytest.fixture(scope="session")
def postgres_server():
    if not POSTGRES_URL:
        yield None
        return
    server = PostgresServer(POSTGRES_URL)
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def new_database_url(postgres_server, tmp_path_factory):
    """A callable giving the URL of a new, empty database of the kind under test."""

    def new_url() -> str:
        if postgres_server is not None:
            return postgres_server.new_database()
        path = tmp_path_factory.mktemp("db") / "portal.sqlite3"
        return f"sqlite:///{path}"

    return new_url


def close_database(app) -> None:
    """Return the session's connection, then close the pool (psycopg warns about leaks)."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def base_test_config(tmp_path, database_url: str) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "OPEN_DATA_CACHE_DIR": str(tmp_path / "open-data-cache"),
        "SERVER_NAME": "portal.test",
        # the second factor is off unless a test asks for it (REQUIRE_TOTP="admin,supervisor"),
        # so that logging in stays one step for the tests of everything else
        "REQUIRE_TOTP": "none",
    }


@pytest.fixture(scope="session")
def template_database(new_database_url, tmp_path_factory):
    """The schema (from the models) built once; each test gets a copy or a truncated one."""
    url = new_database_url()
    app = create_app(base_test_config(tmp_path_factory.mktemp("template"), url))
    with app.app_context():
        db.create_all()
    close_database(app)
    return url


def _fresh_database(template_url: str, tmp_path) -> str:
    if template_url.startswith("sqlite"):
        copy = tmp_path / "portal.sqlite3"
        shutil.copyfile(make_url(template_url).database, copy)
        return f"sqlite:///{copy}"
    return template_url


def _truncate_all(app) -> None:
    """Empty every table and restart the ids at 1.

    DELETE (children first) and setval, not TRUNCATE: TRUNCATE makes new files for every table
    and index, ~0.3 s a test here, where the few rows a test leaves take ~0.01 s to delete.
    """
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(text(f'DELETE FROM "{table.name}"'))
        sequences = db.session.scalars(
            text("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
        ).all()
        if sequences:
            restart = ", ".join(f"setval('\"{name}\"', 1, false)" for name in sequences)
            db.session.execute(text(f"SELECT {restart}"))
        db.session.execute(
            text("INSERT INTO audit_chain_head (id, last_entry_id, last_hash) VALUES (1, 0, '')")
        )
        db.session.execute(
            text(
                "INSERT INTO content_generation (id, value, changed_at) "
                "VALUES (1, 0, CURRENT_TIMESTAMP)"
            )
        )
        db.session.commit()


# --- the app -------------------------------------------------------------------------------


@pytest.fixture
def app(template_database, tmp_path, request):
    """The app on this test's fresh database.

    ``@pytest.mark.app_config(KEY=value)`` overrides settings. There is one app per test: the
    rate limiter is a process-wide extension, so a second app would reconfigure the first.
    """
    marker = request.node.get_closest_marker("app_config")
    overrides = marker.kwargs if marker else {}
    database_url = _fresh_database(template_database, tmp_path)
    app = create_app({**base_test_config(tmp_path, database_url), **overrides})
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        _truncate_all(app)
    yield app
    close_database(app)


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def create_unit(app):
    return make_unit_factory(app)


@pytest.fixture
def create_user(app, create_unit):
    return make_user_factory(app, create_unit)


@pytest.fixture
def login(client):
    return make_login(client)


@pytest.fixture
def redis_url():
    if not REDIS_URL:
        pytest.skip("needs PORTAL_TEST_REDIS_URL")
    return REDIS_URL


# --- strict runs ---------------------------------------------------------------------------


def pytest_sessionfinish(session, exitstatus):
    if os.environ.get("PORTAL_TEST_FORBID_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(
            f"PORTAL_TEST_FORBID_SKIPS: {len(skipped)} test(s) skipped; every suite is "
            "mandatory in this run.",
            red=True,
        )
        session.exitstatus = 1
