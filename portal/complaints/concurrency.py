"""Nobody overwrites anybody: who has a case open, and saves made on a stale version.

A case's ``version`` rises with every change of its row. Each step's form carries the version
it was shown with (and the last history entry then); a save on an older version is refused
and the clerk sees what changed meanwhile, with their own text kept. Presence is only a hint
(``张三 正在处理``): it expires after ``PRESENCE_MINUTES`` and is not history, so not audited.
"""

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from portal.complaints.models import Complaint, ComplaintEvent, ComplaintPresence
from portal.staff.models import StaffUser

PRESENCE_MINUTES = 10


def mark_present(session, complaint: Complaint, user: StaffUser, now: datetime) -> None:
    presence = session.get(ComplaintPresence, (complaint.id, user.id))
    if presence is None:
        session.add(ComplaintPresence(complaint_id=complaint.id, user_id=user.id, seen_at=now))
    else:
        presence.seen_at = now
    session.flush()


def leave(session, complaint: Complaint, user: StaffUser) -> None:
    session.execute(
        delete(ComplaintPresence).where(
            ComplaintPresence.complaint_id == complaint.id, ComplaintPresence.user_id == user.id
        )
    )


def others_present(session, complaint: Complaint, user: StaffUser, now: datetime) -> list[str]:
    """The names of the other staff who opened this case in the last few minutes."""
    since = now - timedelta(minutes=PRESENCE_MINUTES)
    rows = session.scalars(
        select(ComplaintPresence)
        .where(
            ComplaintPresence.complaint_id == complaint.id,
            ComplaintPresence.user_id != user.id,
            ComplaintPresence.seen_at >= since,
        )
        .order_by(ComplaintPresence.seen_at.desc())
    ).all()
    return [row.user.display_name or row.user.username for row in rows]


def parse_version(raw: str | None) -> int | None:
    """The version a form was shown with; None when the form carries none (older clients)."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def is_stale(complaint: Complaint, shown_version: int | None) -> bool:
    return shown_version is not None and shown_version != complaint.version


def changes_since(session, complaint: Complaint, seen_event_id: int | None):
    """The history entries added after the form was shown (what the other clerk did)."""
    stmt = select(ComplaintEvent).where(ComplaintEvent.complaint_id == complaint.id)
    if seen_event_id is not None:
        stmt = stmt.where(ComplaintEvent.id > seen_event_id)
    else:
        stmt = stmt.order_by(ComplaintEvent.id.desc()).limit(1)
    return sorted(session.scalars(stmt).all(), key=lambda event: event.id)


def last_event_id(complaint: Complaint) -> int:
    return complaint.events[-1].id if complaint.events else 0


def present_now(session, complaint: Complaint, user: StaffUser, now: datetime) -> list[str]:
    """Note that ``user`` has the case open; the others who have it open too. Commits."""
    mark_present(session, complaint, user, now)
    others = others_present(session, complaint, user, now)
    session.commit()
    return others
