"""The audit log: append-only, hash-chained, verifiable from the command line."""

import click
from flask.cli import AppGroup

from portal.audit.services import verify_chain
from portal.audit.views import bp
from portal.extensions import db

__all__ = ["audit_cli", "bp"]

audit_cli = AppGroup("audit", help="Check the audit log.")


@audit_cli.command("verify")
def verify_command() -> None:
    """Recompute the hash chain; exit 1 naming the first entry edited or deleted."""
    report = verify_chain(db.session)
    if report.intact:
        click.echo(f"Audit log intact: {report.entries_checked} entries verified.")
        return
    click.echo(
        f"Audit log BROKEN at entry {report.first_bad_id}: {report.problem} "
        f"({report.entries_checked} entries before it verified).",
        err=True,
    )
    raise SystemExit(1)
