"""State changes of the disclosure domain, each audited in the same transaction."""

from portal.audit.services import Actor, record_change
from portal.disclosure.models import Unit
from portal.search.outbox import record_index_change

UNIT_PROFILE_FIELDS = (
    "address",
    "postcode",
    "phone",
    "complaint_phone",
    "complaint_email",
    "mailbox_location",
    "visit_address",
    "visit_hours",
    "jurisdiction",
)


def update_unit_profile(session, actor: Actor, unit: Unit, changes: dict) -> bool:
    """Apply the changed contact fields; returns False (and audits nothing) when none changed."""
    before = unit.audit_snapshot()
    for field in UNIT_PROFILE_FIELDS:
        if field in changes:
            setattr(unit, field, (changes[field] or "").strip())
    after = unit.audit_snapshot()
    if after == before:
        return False
    session.flush()
    record_change(
        session,
        actor,
        "unit.update",
        "unit",
        unit.code,
        before=before,
        after=after,
        unit_id=unit.id,
    )
    record_index_change(session, "unit", unit.id)
    return True
