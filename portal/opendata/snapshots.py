"""Taking the day's snapshot and verifying the chain of snapshots against the public record.

A snapshot file is JSON Lines: the header first (``snapshot`` day, ``previous_root``,
``merkle_root``, ``records``, ``audit_entry_id``, ``audit_head``, ``root``), then one line per
public revision or withdrawal (``portal.opendata.records``). Verification recomputes every
line hash, each day's Merkle root and root and the chain between days, then checks that the
published history only ever grew: a line anchored one day is there, unchanged, every later
day and in the database now.
"""

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.audit.models import AuditChainHead
from portal.core.models import local_today, utcnow
from portal.opendata.merkle import day_root, merkle_root
from portal.opendata.models import IntegritySnapshot
from portal.opendata.records import (
    canonical,
    line_digest,
    line_key,
    line_label,
    public_lines,
    sha256_hex,
)


def latest_snapshot(session) -> IntegritySnapshot | None:
    return session.scalars(
        select(IntegritySnapshot).order_by(IntegritySnapshot.day.desc()).limit(1)
    ).first()


def snapshot_of(session, day: date) -> IntegritySnapshot | None:
    return session.scalars(select(IntegritySnapshot).where(IntegritySnapshot.day == day)).first()


def header_of(snapshot: IntegritySnapshot) -> dict:
    return {
        "snapshot": snapshot.day.isoformat(),
        "previous_root": snapshot.previous_root,
        "merkle_root": snapshot.merkle_root,
        "records": snapshot.records,
        "audit_entry_id": snapshot.audit_entry_id,
        "audit_head": snapshot.audit_head,
        "root": snapshot.root,
    }


def dump_line(line: dict) -> bytes:
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def take_snapshot(session, day: date | None = None) -> tuple[IntegritySnapshot, bool]:
    """The snapshot of ``day`` (default: today, local), taken now unless it exists; the flag
    says whether it was taken now. Commits. Idempotent: two callers at once make one."""
    day = day or local_today()
    existing = snapshot_of(session, day)
    if existing is not None:
        return existing, False
    previous = session.scalars(
        select(IntegritySnapshot)
        .where(IntegritySnapshot.day < day)
        .order_by(IntegritySnapshot.day.desc())
        .limit(1)
    ).first()
    later = session.scalars(select(IntegritySnapshot).where(IntegritySnapshot.day > day)).first()
    if later is not None:
        raise ValueError(f"a later snapshot ({later.day}) exists: the chain only grows forward")
    head = session.get(AuditChainHead, 1)
    lines = list(public_lines(session, today=day))
    header = {
        "snapshot": day.isoformat(),
        "previous_root": previous.root if previous else "",
        "merkle_root": merkle_root([line["sha256"] for line in lines]),
        "records": len(lines),
        "audit_entry_id": head.last_entry_id if head else 0,
        "audit_head": head.last_hash if head else "",
    }
    header["root"] = day_root(header)
    body = dump_line(header) + b"".join(dump_line(line) for line in lines)
    snapshot = IntegritySnapshot(
        day=day,
        taken_at=utcnow(),
        previous_root=header["previous_root"],
        merkle_root=header["merkle_root"],
        root=header["root"],
        records=header["records"],
        audit_entry_id=header["audit_entry_id"],
        audit_head=header["audit_head"],
        content=gzip.compress(body, mtime=0),
    )
    session.add(snapshot)
    try:
        session.commit()
    except IntegrityError:  # another worker or cron run took it first
        session.rollback()
        return snapshot_of(session, day), False
    return snapshot, True


def snapshot_lines(snapshot: IntegritySnapshot) -> list[dict]:
    """The header and the lines of a stored snapshot."""
    return parse_lines(gzip.decompress(snapshot.content).splitlines())


def parse_lines(raw_lines: Iterable[bytes | str]) -> list[dict]:
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8")
        if not raw.strip():
            continue
        try:
            lines.append(json.loads(raw))
        except ValueError as error:
            raise ValueError(f"line {number} is not JSON: {error}") from None
    return lines


# --- verification -------------------------------------------------------------------------


@dataclass
class VerifyReport:
    days: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def check_day(lines: list[dict], expected_previous_root: str | None, report: VerifyReport):
    """Recompute one snapshot's line hashes, Merkle root and root; ``expected_previous_root``
    (None: not known) is the previous day's root. Returns its header and lines by key."""
    if not lines or "snapshot" not in lines[0]:
        report.problems.append("snapshot without its header line")
        return None, {}
    header, records = lines[0], lines[1:]
    day = header["snapshot"]
    by_key = {}
    for line in records:
        if line_digest(line) != line.get("sha256"):
            report.problems.append(f"{day}: {line_label(line)}: line hash does not match")
        fields = line.get("fields")
        if fields is not None and sha256_hex(canonical(fields)) != line.get("fields_sha256"):
            report.problems.append(f"{day}: {line_label(line)}: fields hash does not match")
        by_key[line_key(line)] = line
    if len(records) != header.get("records"):
        report.problems.append(f"{day}: {len(records)} lines, header says {header.get('records')}")
    if merkle_root([line.get("sha256", "") for line in records]) != header.get("merkle_root"):
        report.problems.append(f"{day}: Merkle root does not match its lines")
    if day_root({k: v for k, v in header.items() if k != "root"}) != header.get("root"):
        report.problems.append(f"{day}: root does not match its header")
    if expected_previous_root is not None and header.get("previous_root") != expected_previous_root:
        report.problems.append(f"{day}: previous_root does not chain to the day before")
    return header, by_key


def compare_history(earlier: dict, later: dict, where: str, report: VerifyReport) -> None:
    """Every line anchored earlier must be in ``later`` unchanged."""
    for key, line in earlier.items():
        now = later.get(key)
        if now is None:
            report.problems.append(f"{where}: {line_label(line)} was anchored and is gone")
        elif now.get("sha256") != line.get("sha256"):
            report.problems.append(
                f"{where}: {line_label(line)} differs from what was anchored on "
                f"{line.get('_day', 'an earlier day')}"
            )


def verify_days(days: Iterator[list[dict]], current: list[dict] | None) -> VerifyReport:
    """``days``: each snapshot's lines (header first), oldest first; ``current``: the lines of
    the public record now (None: not checked)."""
    report = VerifyReport()
    previous_header, anchored = None, {}
    for lines in days:
        expected = previous_header["root"] if previous_header else ""
        header, by_key = check_day(lines, expected, report)
        if header is None:
            continue
        report.days += 1
        compare_history(anchored, by_key, header["snapshot"], report)
        for key, line in by_key.items():
            if key not in anchored:  # the texts are not needed, only what names and hashes it
                kept = {k: v for k, v in line.items() if k not in ("fields", "reason")}
                anchored[key] = {**kept, "_day": header["snapshot"]}
        previous_header = header
    if current is not None:
        current_by_key = {line_key(line): line for line in current}
        compare_history(anchored, current_by_key, "now", report)
    return report


def verify_database(session) -> VerifyReport:
    """The stored chain, day by day, and the public record now."""
    days = session.scalars(select(IntegritySnapshot.id).order_by(IntegritySnapshot.day)).all()

    listed_differs = []

    def stored_days():
        for snapshot_id in days:
            snapshot = session.get(IntegritySnapshot, snapshot_id)
            lines = snapshot_lines(snapshot)
            if lines and lines[0] != header_of(snapshot):  # what /open-data/ lists
                listed_differs.append(f"{snapshot.day}: the listed root is not the file's")
            yield lines

    report = verify_days(stored_days(), list(public_lines(session)))
    report.problems.extend(listed_differs)
    return report
