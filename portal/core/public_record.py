"""What the public JSON of every publishable kind shares: times in UTC, the withdrawal notice
and the revision history (see ``portal.core.publication``)."""

from dataclasses import dataclass
from datetime import datetime

from flask import url_for


@dataclass(frozen=True)
class PublicRevisionNote:
    """One entry of an item's public revision history."""

    revision_no: int
    published_at: datetime
    reason: str


def revision_notes(lifecycle, session, item) -> list[PublicRevisionNote]:
    return [
        PublicRevisionNote(revision.revision_no, revision.published_at, revision.reason)
        for revision in lifecycle.revisions(session, item)
    ]


def utc_iso(moment: datetime | None) -> str | None:
    """A naive UTC time as ISO 8601 with a ``Z``, to the second."""
    return None if moment is None else moment.isoformat(timespec="seconds") + "Z"


def withdrawal_json(view) -> dict | None:
    """``{"withdrawn_at", "reason"}`` for a withdrawn item (``view.status``), else None."""
    if view.status != "withdrawn":
        return None
    return {"withdrawn_at": utc_iso(view.withdrawn_at), "reason": view.withdrawal_reason}


def revisions_json(history: list[PublicRevisionNote], endpoint: str, public_id: str) -> list:
    """The revision history with a permalink to each version (``endpoint`` takes
    ``public_id`` and ``revision_no``)."""
    return [
        {
            "revision": note.revision_no,
            "published_at": utc_iso(note.published_at),
            "reason": note.reason,
            "url": url_for(
                endpoint, public_id=public_id, revision_no=note.revision_no, _external=True
            ),
        }
        for note in history
    ]
