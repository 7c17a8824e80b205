"""``flask --app portal officers …``: bulk import of the roster."""

import click
from flask.cli import AppGroup

from portal.audit.services import CLI_ACTOR
from portal.extensions import db
from portal.officers.roster_import import ImportFileError, decode, import_officers, read_rows

officers_cli = AppGroup("officers", help="Manage the officer roster.")


@officers_cli.command("import")
@click.argument("csv_file", type=click.File("rb"))
@click.option("--dry-run", is_flag=True, help="Check every row and report, but save nothing.")
def import_command(csv_file, dry_run: bool) -> None:
    """Create or update officers from CSV_FILE (columns: see portal/officers/roster_import.py
    or the README). Rows with errors are reported by line and skipped; exit status 1 if any."""
    try:
        rows = read_rows(decode(csv_file.read()))
    except ImportFileError as error:
        raise click.ClickException(str(error)) from None
    with click.progressbar(rows, label="Importing officers", show_pos=True) as progress:
        report = import_officers(db.session, CLI_ACTOR, rows, progress)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    for line, message in report.errors:
        click.echo(f"line {line}: {message}", err=True)
    click.echo(
        f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
        f"{len(report.errors)} rows with errors." + (" Dry run: nothing saved." if dry_run else "")
    )
    if report.errors:
        raise SystemExit(1)
