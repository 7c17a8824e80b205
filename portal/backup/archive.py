"""``backup create``: one archive holding the database, the uploads and the instance settings.

Layout of the .tar.gz::

    database/portal.sqlite3 | database/portal.pgdump
    uploads/…                 every file under PORTAL_UPLOAD_DIR
    instance/config.py        if there is one (SECRET_KEY lines left out without --with-secrets)
    instance/secret_key       only with --with-secrets
    manifest.json             last: format, versions, and the SHA-256 and size of every member

The database is copied first, the uploads after it: an upload is written before the row that
names it is committed, so every file the copied database points at is already on disk. A
``PATH.sha256`` beside the archive lets a copy kept elsewhere be checked with ``sha256sum -c``.
"""

import hashlib
import json
import os
import re
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from alembic.migration import MigrationContext
from flask import current_app
from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.backup import databases
from portal.backup.databases import BackupError
from portal.extensions import db

FORMAT = "portal-backup/1"
MANIFEST = "manifest.json"
_SECRET_LINE = re.compile(r"^\s*SECRET_KEY\s*=.*$", re.MULTILINE)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def settings_dir(app) -> Path:
    """Where instance/config.py and instance/secret_key live (tests point it elsewhere)."""
    return Path(app.config.get("INSTANCE_SETTINGS_DIR") or app.instance_path)


def _schema_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _dump_database(app, workdir: Path) -> tuple[Path, dict]:
    url = db.engine.url
    kind = databases.database_kind(url)
    if kind == "sqlite":
        target = workdir / "portal.sqlite3"
        databases.sqlite_copy(databases.sqlite_path(url), target)
        return target, {"kind": kind}
    with db.engine.connect() as connection:
        server_major = databases.server_major_version(connection)
    target = workdir / "portal.pgdump"
    tool_major = databases.pg_dump(url, target, app.config["PG_BIN_DIR"], server_major)
    return target, {"kind": kind, "server_major": server_major, "pg_dump_major": tool_major}


def _instance_files(app, workdir: Path, with_secrets: bool) -> list[tuple[Path, str]]:
    files = []
    config = settings_dir(app) / "config.py"
    if config.is_file():
        content = config.read_text(encoding="utf-8")
        if not with_secrets and _SECRET_LINE.search(content):
            content = _SECRET_LINE.sub(
                "# SECRET_KEY left out (backup made without --with-secrets)", content
            )
        copy = workdir / "config.py"
        copy.write_text(content, encoding="utf-8")
        files.append((copy, "instance/config.py"))
    if with_secrets:
        key = workdir / "secret_key"
        key.write_text(app.config["SECRET_KEY"])
        key.chmod(0o600)
        files.append((key, "instance/secret_key"))
    return files


def _upload_files(app) -> list[tuple[Path, str]]:
    root = Path(app.config["UPLOAD_DIR"])
    if not root.is_dir():
        return []
    return [
        (path, "uploads/" + path.relative_to(root).as_posix())
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    ]


def create_backup(path: Path, with_secrets: bool = False) -> dict:
    """Write the archive to ``path`` (atomically: a ``.partial`` renamed when complete) and
    its ``.sha256``; returns the manifest."""
    app = current_app._get_current_object()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        workdir = Path(work)
        dump, database = _dump_database(app, workdir)
        database["revision"] = _schema_revision()
        database["audit_entries"] = db.session.scalar(select(func.count(AuditEntry.id)))
        db.session.rollback()
        members = [(dump, f"database/{dump.name}")]
        members += _upload_files(app)
        members += _instance_files(app, workdir, with_secrets)
        files = {}
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            for source, name in members:
                files[name] = {"sha256": sha256_of(source), "size": source.stat().st_size}
                archive.add(source, arcname=name, recursive=False)
            manifest = {
                "format": FORMAT,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": database,
                "with_secrets": with_secrets,
                "files": files,
            }
            manifest_path = workdir / MANIFEST
            manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
            archive.add(manifest_path, arcname=MANIFEST)
        os.replace(partial, path)
    checksum = sha256_of(path)
    path.with_name(path.name + ".sha256").write_text(f"{checksum}  {path.name}\n")
    manifest["archive_sha256"] = checksum
    return manifest


def unpack(path: Path, workdir: Path) -> dict:
    """Extract the archive into ``workdir`` and check every member against the manifest."""
    path = Path(path)
    sidecar = path.with_name(path.name + ".sha256")
    if sidecar.is_file():
        expected = sidecar.read_text().split()[0]
        if sha256_of(path) != expected:
            raise BackupError(f"{path.name} does not match {sidecar.name}: the copy is damaged")
    try:
        with tarfile.open(path, "r:gz") as archive:
            # the "data" filter refuses absolute paths, "..", links out of the tree, devices
            archive.extractall(workdir, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"cannot read {path.name}: {error}") from None
    manifest_path = workdir / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{path.name} has no {MANIFEST}: not a portal backup")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    for name, expected in manifest["files"].items():
        member = workdir / name
        if not member.is_file() or sha256_of(member) != expected["sha256"]:
            raise BackupError(f"{name} is missing or damaged (checksum mismatch)")
    return manifest
