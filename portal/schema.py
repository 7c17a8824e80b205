"""Schema through Alembic: ``setup [--demo]`` and the developers' ``db`` commands."""

from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from portal.audit.services import CLI_ACTOR
from portal.core.calendar_store import current_calendar
from portal.demo import load_demo_data
from portal.extensions import db
from portal.holidays.services import recompute_open_deadlines
from portal.search.operations import refresh_search_index

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade_schema() -> None:
    """Create or upgrade the schema to the newest migration, in one transaction.

    On SQLite the foreign keys are off while migrations run and are checked as a whole before
    the commit: Alembic changes a table by rebuilding it, which a table other rows point at
    does not survive with the keys on (SQLite's own procedure for schema changes, "ALTER TABLE",
    section 7).
    """
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection if _is_sqlite(connection) else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")  # outside any transaction, or it is ignored
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), "head")
                if raw is not None:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def _is_sqlite(connection) -> bool:
    return connection.dialect.name == "sqlite"


@click.command("setup")
@click.option("--demo", is_flag=True, help="Also load demo data for every unit (idempotent).")
@with_appcontext
def setup_command(demo: bool) -> None:
    """Create or upgrade the database schema; with --demo, load the demo data.

    Safe to run again at any time: migrations already applied are skipped and demo rows are
    matched by their natural keys, never duplicated.
    """
    upgrade_schema()
    click.echo(f"Schema up to date ({_safe_url()}).")
    # an upgrade may bring a corrected or computed holiday table: stored due dates follow it
    recomputed = recompute_open_deadlines(db.session, CLI_ACTOR, current_calendar())
    db.session.commit()
    if recomputed.count:
        click.echo(f"Calendar: {recomputed.count} open deadline(s) recomputed.")
    demo_added = 0
    if demo:
        counts = load_demo_data(db.session)
        db.session.commit()
        for name, (added, total) in counts.items():
            click.echo(f"Demo {name}: {added} added, {total} in all.")
            demo_added += added
    click.echo(refresh_search_index(current_app._get_current_object(), rebuild=demo_added > 0))


def _safe_url() -> str:
    return db.engine.url.render_as_string(hide_password=True)


db_cli = AppGroup("db", help="Developer commands for the Alembic migrations.")


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
@click.option("--autogenerate/--empty", default=True)
def revision_command(message: str, autogenerate: bool) -> None:
    """Write a new migration comparing the models with the current database."""
    with db.engine.begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=autogenerate)


@db_cli.command("current")
def current_command() -> None:
    """Show the database's migration revision."""
    with db.engine.connect() as connection:
        command.current(alembic_config(connection))
