"""``flask --app portal backup create|restore``: archives that restore."""

from pathlib import Path

import click
from flask.cli import AppGroup

from portal.backup.archive import create_backup
from portal.backup.databases import BackupError
from portal.backup.restore import restore_backup

__all__ = ["backup_cli"]

backup_cli = AppGroup("backup", help="Back up this instance, or rebuild one from a backup.")


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--with-secrets",
    is_flag=True,
    help="Include the secret key (keep such an archive as safe as the server itself).",
)
def create_command(path: Path, with_secrets: bool) -> None:
    """Write one consistent, checksummed archive of the database, the uploads and the instance
    settings to PATH (and PATH.sha256 beside it)."""
    try:
        manifest = create_backup(path, with_secrets=with_secrets)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    database = manifest["database"]
    uploads = sum(1 for name in manifest["files"] if name.startswith("uploads/"))
    click.echo(
        f"Backup written to {path} ({path.stat().st_size:,} bytes, sha256 "
        f"{manifest['archive_sha256'][:16]}…): {database['kind']} database at revision "
        f"{database['revision']}, {database['audit_entries']} audit entries, {uploads} uploads"
        + (", secret key included." if with_secrets else ", no secret key.")
    )


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the data of a non-empty instance.")
def restore_command(path: Path, force: bool) -> None:
    """Rebuild this instance from the archive at PATH: database, uploads, settings; then the
    search index is rebuilt and the audit chain verified. Refuses a non-empty instance."""
    try:
        report = restore_backup(path, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored the backup of {report.manifest['created_at']} from {path}.")
    for note in report.notes:
        click.echo(f"  {note}")
    click.echo(f"Uploads: {report.uploads} files.")
    click.echo(f"Search index rebuilt: {report.indexed} documents.")
    click.echo(f"Audit log intact: {report.audit_entries} entries verified.")
