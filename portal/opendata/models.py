"""The daily integrity snapshots (see ``portal.opendata.snapshots``)."""

from datetime import date, datetime

from sqlalchemy import Date, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db


class IntegritySnapshot(db.Model):
    """One day's snapshot of the public record: its lines (gzipped JSON Lines, the header
    first), their Merkle root and the root chained to the previous day's."""

    __tablename__ = "integrity_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the local (Asia/Shanghai) day it stands for; one snapshot a day
    day: Mapped[date] = mapped_column(Date, unique=True)
    taken_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the previous snapshot's ``root`` ('' for the first)
    previous_root: Mapped[str] = mapped_column(String(64))
    merkle_root: Mapped[str] = mapped_column(String(64))
    #: SHA-256 over day, previous root, Merkle root, record count and the audit head
    root: Mapped[str] = mapped_column(String(64))
    records: Mapped[int]
    #: the audit chain's head when the snapshot was taken (anchors the internal log publicly)
    audit_entry_id: Mapped[int]
    audit_head: Mapped[str] = mapped_column(String(64))
    #: gzip of the JSON Lines file; texts no longer public at the time are left out
    content: Mapped[bytes] = mapped_column(LargeBinary)
