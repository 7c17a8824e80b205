"""``flask --app portal masking rescan [--apply]``: bring published text up to today's masking
(see :mod:`portal.masking.rescan`)."""

import click
from flask import current_app
from flask.cli import AppGroup

from portal.audit.services import Actor
from portal.extensions import db
from portal.masking import rescan

masking_cli = AppGroup("masking", help="Personal-data masking of published content.")


@masking_cli.command("rescan")
@click.option(
    "--apply",
    "apply_changes",
    is_flag=True,
    help="Publish each as a correction (补充脱敏处理) and re-mask its older revisions.",
)
def rescan_command(apply_changes: bool) -> None:
    """List published items whose text today's masking would mask differently."""
    found = rescan.items(db.session)
    total = len(found)
    # permalinks as paths: a CLI run knows no host name
    with (
        current_app.test_request_context(),
        click.progressbar(length=total, label="Rescanning", show_pos=True) as bar,
    ):
        changes = list(rescan.scan(db.session, found, progress=bar.update))
    for change in changes:
        click.echo(f"{change.kind.label}\t{change.url}")
        for name, findings in change.changes.items():
            shown = "、".join(f"{label} {masked}" for label, masked in findings) or "（重新脱敏）"
            click.echo(f"    {name}: {shown}")
    if not apply_changes:
        click.echo(f"{len(changes)} of {total} published items would change. Run with --apply.")
        return
    actor = Actor(None, "cli:masking rescan")
    for change in changes:
        rescan.apply(db.session, actor, change)
        db.session.commit()
    click.echo(f"Corrected {len(changes)} of {total} published items ({rescan.PUBLIC_REASON}).")
