"""Demo complaints: every state, channel and kind, some overdue, extended and rated; loaded
fast and only once; contacts that are recognisably fake."""

import time

from sqlalchemy import func, select

from portal.complaints.demo import (
    DEMO_CONTACT_EMAIL_DOMAIN,
    DEMO_CONTACT_NAME_PREFIX,
    DEMO_CONTACT_PHONE_PREFIX,
    DEMO_QUERY_CODE,
    load_demo_complaints,
)
from portal.complaints.models import CHANNELS, KINDS, STATES, Complaint, ComplaintRating
from portal.complaints.tracking import check_query_code, is_valid_tracking_number
from portal.core.models import local_today
from portal.disclosure.demo import load_demo_units
from portal.extensions import db


def test_demo_complaints_cover_the_workflow(app_context):
    load_demo_units(db.session)
    started = time.perf_counter()
    added, total = load_demo_complaints(db.session)
    db.session.commit()
    elapsed = time.perf_counter() - started
    assert added == total >= 300
    assert elapsed < 30  # typically about 1 s; a bulk load, not one request per case

    def count(*conditions) -> int:
        return db.session.scalar(select(func.count()).select_from(Complaint).where(*conditions))

    assert {s for s in db.session.scalars(select(Complaint.state).distinct())} == set(STATES)
    assert {c for c in db.session.scalars(select(Complaint.channel).distinct())} == set(CHANNELS)
    assert {k for k in db.session.scalars(select(Complaint.kind).distinct())} == set(KINDS)
    assert count(Complaint.due_on < local_today()) >= 10
    assert count(Complaint.extension_days > 0) >= 10
    assert count(Complaint.follow_up_due.is_(True)) >= 3
    assert count(Complaint.handling_unit_id.is_(None)) >= 3
    assert db.session.scalar(select(func.count()).select_from(ComplaintRating)) >= 50
    assert count(Complaint.handling_unit_id.is_not(None)) > 0
    units = db.session.scalar(select(func.count(func.distinct(Complaint.subject_unit_id))))
    assert units == 13

    first = db.session.get(Complaint, 1)
    assert first.state == "submitted" and db.session.get(Complaint, 2).state == "in_progress"
    assert is_valid_tracking_number(first.tracking_no)
    assert check_query_code(DEMO_QUERY_CODE, first.query_code_hash)
    for complaint in db.session.scalars(select(Complaint).where(Complaint.contact_name != "")):
        assert complaint.contact_name.startswith(DEMO_CONTACT_NAME_PREFIX)
        assert complaint.contact_phone.startswith(DEMO_CONTACT_PHONE_PREFIX)
        assert complaint.contact_email in ("",) or complaint.contact_email.endswith(
            "@" + DEMO_CONTACT_EMAIL_DOMAIN
        )
    assert all(event.state_after for event in first.events)

    assert load_demo_complaints(db.session) == (0, total)
