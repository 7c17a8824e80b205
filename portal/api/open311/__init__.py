"""Open311 GeoReport v2 at /open311/v2/ and its integration keys (``flask open311 keys``)."""

import click
from flask.cli import AppGroup

from portal.api.open311 import admin_views
from portal.api.open311.keys import KeyRefused, create_key, revoke_key
from portal.api.open311.views import bp
from portal.audit.services import CLI_ACTOR
from portal.extensions import db

DEFAULT_SETTINGS = {
    #: the jurisdiction_id a client may send (checked when given)
    "OPEN311_JURISDICTION_ID": "pds.gov.cn",
    #: POSTs per integration key
    "OPEN311_POST_LIMIT": "60 per hour;500 per day",
}


@bp.record_once
def _set_defaults(state) -> None:
    for key, value in DEFAULT_SETTINGS.items():
        state.app.config.setdefault(key, value)


open311_cli = AppGroup("open311", help="Open311 GeoReport v2.")
keys_cli = AppGroup("keys", help="Integration API keys.")
open311_cli.add_command(keys_cli)


@keys_cli.command("create")
@click.argument("name")
def create_command(name: str) -> None:
    """Create a key for the integration NAME and print it (once: only its hash is kept)."""
    try:
        _row, key = create_key(db.session, CLI_ACTOR, name)
    except KeyRefused as refused:
        db.session.rollback()
        raise click.ClickException(str(refused)) from None
    db.session.commit()
    click.echo(key)


@keys_cli.command("revoke")
@click.argument("name")
def revoke_command(name: str) -> None:
    """Revoke the key of the integration NAME (effective at once)."""
    try:
        revoke_key(db.session, CLI_ACTOR, name)
    except KeyRefused as refused:
        db.session.rollback()
        raise click.ClickException(str(refused)) from None
    db.session.commit()
    click.echo(f"Revoked the key of {name}.")


__all__ = ["admin_views", "bp", "open311_cli"]
