"""Engine behaviour that differs by database.

SQLite: foreign keys on, WAL so that readers never wait for a writer, and a transaction that
may write starts with ``BEGIN IMMEDIATE``. A deferred transaction that reads and then writes
fails at once with "database is locked" when another process committed in between; taking the
write lock up front makes concurrent writers queue (``busy_timeout``) instead of failing.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from flask import g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

from portal.extensions import db

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_read_only: ContextVar[bool] = ContextVar("read_only_transactions", default=False)


def expect_writes() -> None:
    """Mark the current request as one that writes although it is a GET (e.g. an audited view).

    A read transaction already open (the login check) is ended so the next one takes the lock.
    """
    g.database_writes = True
    session = db.session()  # the scoped_session proxy does not offer in_transaction()
    if session.in_transaction():
        session.commit()


@contextmanager
def read_only_transactions():
    """Transactions begun inside only read (plain ``BEGIN``), outside a request too.

    For long readers such as the search indexer: on SQLite they must not hold the write lock.
    """
    token = _read_only.set(True)
    try:
        yield
    finally:
        _read_only.reset(token)


def _transaction_may_write() -> bool:
    if _read_only.get():
        return False
    if not has_request_context():
        return True  # CLI commands and services called directly
    return g.get("database_writes", request.method not in READ_ONLY_METHODS)


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _transaction_may_write() else "BEGIN")
