"""Dumping and restoring the database: SQLite's online backup API, or pg_dump / pg_restore.

Both give one consistent snapshot while the portal keeps serving: SQLite copies every page in
one step under a read lock; pg_dump reads everything in one repeatable-read transaction.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL


class BackupError(RuntimeError):
    """A backup or restore the rules refuse; the message says what to do."""


def database_kind(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return "sqlite"
    if url.get_backend_name() == "postgresql":
        return "postgresql"
    raise BackupError(f"cannot back up a {url.get_backend_name()} database")


def sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(url.database)


def sqlite_copy(source: Path, target: Path) -> None:
    """Copy a live SQLite database page by page (the online backup API), consistently."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


# --- PostgreSQL ----------------------------------------------------------------------------


def _libpq_environment(url: URL) -> dict:
    """The connection as libpq variables: the password never appears on a command line."""
    environment = {**os.environ}
    for variable, value in {
        "PGHOST": url.host,
        "PGPORT": url.port,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }.items():
        if value is not None:
            environment[variable] = str(value)
    return environment


def pg_tool(name: str, bin_dir: str = "") -> str:
    path = Path(bin_dir) / name if bin_dir else shutil.which(name)
    if not path or not Path(path).exists():
        raise BackupError(
            f"{name} not found: install the PostgreSQL client (postgresql-client) of the "
            "server's major version, or set PORTAL_PG_BIN_DIR"
        )
    return str(path)


def tool_major_version(tool: str) -> int:
    output = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"\(PostgreSQL\)\s+(\d+)", output)
    if not match:
        raise BackupError(f"cannot read the version of {tool}: {output.strip()}")
    return int(match.group(1))


def server_major_version(connection) -> int:
    return int(connection.execute(text("SHOW server_version_num")).scalar()) // 10000


def version_problem(tool_name: str, tool_major: int, server_major: int) -> str | None:
    """pg_dump and pg_restore must be at least the server's major version (an older pg_dump
    cannot read a newer server's catalogue; a newer one handles older servers)."""
    if tool_major < server_major:
        return (
            f"{tool_name} {tool_major} is older than the PostgreSQL server ({server_major}): "
            f"install postgresql-client-{server_major} or point PORTAL_PG_BIN_DIR at its bin/"
        )
    return None


def pg_dump(url: URL, target: Path, bin_dir: str, server_major: int) -> int:
    """Dump the database in pg_dump's custom format; returns pg_dump's major version."""
    tool = pg_tool("pg_dump", bin_dir)
    major = tool_major_version(tool)
    problem = version_problem("pg_dump", major, server_major)
    if problem:
        raise BackupError(problem)
    _run(
        [tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
        url,
    )
    return major


def pg_restore(url: URL, dump: Path, bin_dir: str, server_major: int) -> None:
    tool = pg_tool("pg_restore", bin_dir)
    problem = version_problem("pg_restore", tool_major_version(tool), server_major)
    if problem:
        raise BackupError(problem)
    _run(
        [
            tool,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={url.database}",
            str(dump),
        ],
        url,
    )


def _run(command: list[str], url: URL) -> None:
    result = subprocess.run(
        command, env=_libpq_environment(url), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[:2000]}")
