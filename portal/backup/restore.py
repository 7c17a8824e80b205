"""``backup restore``: rebuild an empty instance from an archive, then prove it works.

Order: check the archive (every checksum) → check the instance is empty (or ``force``) →
database → schema upgraded to this version's migrations → uploads → instance settings →
search index rebuilt from the restored database → audit chain verified → one audit entry
saying the instance was restored from which archive.
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import func, inspect, select, text

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR, record_change, verify_chain
from portal.backup import databases
from portal.backup.archive import settings_dir, unpack
from portal.backup.databases import BackupError
from portal.complaints.models import Complaint
from portal.extensions import db
from portal.org.models import Unit
from portal.schema import upgrade_schema
from portal.search.operations import rebuild_index
from portal.staff.models import StaffUser

#: tables whose rows make an instance "not empty"
_CONTENT = {
    "unit": Unit,
    "staff_user": StaffUser,
    "complaint": Complaint,
    "audit_entry": AuditEntry,
}


@dataclass
class RestoreReport:
    manifest: dict
    uploads: int = 0
    indexed: int = 0
    audit_entries: int = 0
    notes: list[str] = field(default_factory=list)


def what_is_there(app) -> list[str]:
    """What makes this instance non-empty (nothing: safe to restore into)."""
    found = []
    tables = set(inspect(db.engine).get_table_names())
    for table, model in _CONTENT.items():
        if table in tables:
            count = db.session.scalar(select(func.count()).select_from(model))
            if count:
                found.append(f"{count} rows in {table}")
    db.session.rollback()
    uploads = Path(app.config["UPLOAD_DIR"])
    if uploads.is_dir() and any(path.is_file() for path in uploads.rglob("*")):
        found.append(f"files in {uploads}")
    return found


def _empty_postgres_schema() -> None:
    with db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


def _restore_database(app, workdir: Path, manifest: dict, force: bool) -> None:
    url = db.engine.url
    kind = databases.database_kind(url)
    if manifest["database"]["kind"] != kind:
        raise BackupError(
            f"the archive holds a {manifest['database']['kind']} database and this instance "
            f"uses {kind}: restore into the same kind of database"
        )
    db.session.remove()
    if kind == "sqlite":
        db.engine.dispose()
        target = databases.sqlite_path(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        # the backup API replaces the whole target database, whatever it held
        databases.sqlite_copy(workdir / "database" / "portal.sqlite3", target)
        return
    with db.engine.connect() as connection:
        server_major = databases.server_major_version(connection)
    if force or inspect(db.engine).get_table_names():
        _empty_postgres_schema()
    db.engine.dispose()
    databases.pg_restore(
        url, workdir / "database" / "portal.pgdump", app.config["PG_BIN_DIR"], server_major
    )


def _restore_uploads(app, workdir: Path, force: bool) -> tuple[int, str | None]:
    source = workdir / "uploads"
    target = Path(app.config["UPLOAD_DIR"])
    note = None
    if target.exists() and any(target.iterdir()):
        if not force:
            raise BackupError(f"{target} is not empty")
        aside = target.with_name(f"{target.name}.replaced-{datetime.now():%Y%m%d%H%M%S}")
        target.rename(aside)
        note = f"the previous uploads were moved to {aside}"
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    if source.is_dir():
        for path in source.rglob("*"):
            if path.is_file():
                destination = target / path.relative_to(source)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)
                count += 1
    return count, note


def _restore_settings(app, workdir: Path, force: bool) -> list[str]:
    notes = []
    target_dir = settings_dir(app)
    target_dir.mkdir(parents=True, exist_ok=True)
    for name in ("config.py", "secret_key"):
        source = workdir / "instance" / name
        if not source.is_file():
            continue
        target = target_dir / name
        if target.exists() and target.read_bytes() != source.read_bytes() and not force:
            notes.append(f"kept the existing {target} (the archive's differs; --force replaces)")
            continue
        shutil.copyfile(source, target)
        if name == "secret_key":
            target.chmod(0o600)
        notes.append(f"restored {target}")
    if not (workdir / "instance" / "secret_key").is_file():
        notes.append(
            "no secret key in the archive (made without --with-secrets): back-office users "
            "log in again; nothing stored depends on the key"
        )
    return notes


def restore_backup(path: Path, force: bool = False) -> RestoreReport:
    """Rebuild this (empty) instance from the archive at ``path``."""
    app = current_app._get_current_object()
    found = what_is_there(app)
    if found and not force:
        raise BackupError(
            "this instance is not empty (" + "; ".join(found) + "): restore into an empty "
            "database and upload directory, or pass --force to replace what is there"
        )
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        workdir = Path(work)
        manifest = unpack(path, workdir)
        report = RestoreReport(manifest)
        _restore_database(app, workdir, manifest, force)
        upgrade_schema()
        report.uploads, note = _restore_uploads(app, workdir, force)
        report.notes += [note] if note else []
        report.notes += _restore_settings(app, workdir, force)
    chain = verify_chain(db.session)
    db.session.rollback()
    if not chain.intact:
        raise BackupError(
            f"restored, but the audit chain is broken at entry {chain.first_bad_id}: "
            f"{chain.problem}"
        )
    report.audit_entries = chain.entries_checked
    record_change(
        db.session,
        CLI_ACTOR,
        "instance.restore",
        "backup",
        Path(path).name,
        after={
            "created_at": manifest["created_at"],
            "audit_entries": chain.entries_checked,
            "uploads": report.uploads,
        },
    )
    db.session.commit()
    _generation, report.indexed = rebuild_index(app)
    return report
