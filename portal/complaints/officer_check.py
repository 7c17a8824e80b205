"""Whether a badge number given with a complaint is on the officer roster.

The complaint is accepted whatever the answer: an unknown badge only adds a note for the person
(receipt) and for staff (detail page).
"""

from sqlalchemy import select

from portal.officers.models import Officer


def badge_on_roster(session, badge: str) -> bool | None:
    """True when an officer holds this badge number now, False when none does; None when no
    badge was given."""
    if not badge:
        return None
    return session.scalar(select(Officer.id).where(Officer.badge_no == badge).limit(1)) is not None
