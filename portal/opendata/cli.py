"""``flask --app portal integrity snapshot|verify``."""

import gzip
import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import click
from flask.cli import AppGroup

from portal.extensions import db
from portal.opendata.records import public_lines
from portal.opendata.snapshots import (
    VerifyReport,
    parse_lines,
    take_snapshot,
    verify_database,
    verify_days,
)

integrity_cli = AppGroup("integrity", help="Daily snapshots of the public record and their chain.")

FETCH_TIMEOUT = 60


@integrity_cli.command("snapshot")
@click.option("--day", type=click.DateTime(["%Y-%m-%d"]), help="default: today (Asia/Shanghai)")
def snapshot_command(day) -> None:
    """Take the day's snapshot (idempotent: run it from cron as often as you like)."""
    try:
        snapshot, taken = take_snapshot(db.session, day.date() if day else None)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    what = "taken" if taken else "already taken"
    click.echo(f"Snapshot {snapshot.day} {what}: {snapshot.records} records, root {snapshot.root}.")


def _read(source: str) -> bytes:
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            data = response.read()
    else:
        data = Path(source).read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _verify_url(base: str) -> VerifyReport:
    """Every day listed by a portal's ``/open-data/integrity.json``, and its record now."""
    index = json.loads(_read(urllib.parse.urljoin(base, "/open-data/integrity.json")))
    days = sorted(index["items"], key=lambda item: item["day"])
    listed_differs = []

    def fetched():
        for item in days:
            url = urllib.parse.urljoin(base, f"/open-data/snapshots/{item['day']}.jsonl")
            lines = parse_lines(_read(url).splitlines())
            if lines and lines[0].get("root") != item["root"]:
                listed_differs.append(f"{item['day']}: the listed root is not the file's")
            yield lines

    current = parse_lines(
        _read(urllib.parse.urljoin(base, "/open-data/current.jsonl")).splitlines()
    )
    report = verify_days(fetched(), current[1:])
    report.problems.extend(listed_differs)
    return report


@integrity_cli.command("verify")
@click.option(
    "--from",
    "source",
    help="a portal's address (every day it lists) or a snapshot file (.jsonl or .jsonl.gz)",
)
def verify_command(source: str | None) -> None:
    """Recompute every root and the chain; exit 1 naming each record whose published history
    differs from what was anchored (changed or removed after its day's snapshot)."""
    try:
        if source is None:
            report = verify_database(db.session)
        elif source.startswith(("http://", "https://")) and not source.endswith(
            (".jsonl", ".jsonl.gz")
        ):
            report = _verify_url(source)
        else:
            lines = parse_lines(_read(source).splitlines())
            report = verify_days(iter([lines]), list(public_lines(db.session)))
    except (OSError, ValueError, KeyError, urllib.error.URLError) as error:
        raise click.ClickException(f"cannot read {source}: {error}") from None
    if report.intact:
        click.echo(f"Integrity chain intact: {report.days} day(s) verified.")
        return
    for problem in report.problems:
        click.echo(f"CHANGED {problem}", err=True)
    click.echo(
        f"Integrity chain BROKEN: {len(report.problems)} problem(s) in {report.days} day(s).",
        err=True,
    )
    raise SystemExit(1)
