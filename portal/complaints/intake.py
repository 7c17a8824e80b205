"""Taking in a complaint from any channel: tracking number, query code, routing, history, audit.

``submit_complaint`` promises: the complaint, its attachments rows, its first history entry
and its audit entry are added in the caller's transaction, under a tracking number no other
complaint has. Numbers are random (``tracking``), so two submissions may draw the same one;
the unique column refuses the second insert inside a savepoint and a new number is drawn.

Routing: a complaint goes to the unit it names. A tip-off that names an officer's badge goes
to the supervision office first (no handling unit), so that the unit whose officer is accused
never sees it unless a supervisor sends it there; a person who does not know the unit leaves
it to the supervision office too.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from portal.audit.services import Actor, record_change
from portal.complaints.models import CHANNELS, KINDS, Complaint, ComplaintAttachment, ComplaintEvent
from portal.complaints.schedule import complaint_calendar, local_date, refresh_due_on
from portal.complaints.tracking import hash_query_code, new_query_code, new_tracking_number
from portal.complaints.uploads import StoredUpload
from portal.core.calendar import WorkingCalendar
from portal.org.models import Unit

MAX_TRACKING_ATTEMPTS = 20


@dataclass
class Submission:
    """What a person told us, already validated (``forms``), times in naive UTC."""

    kind: str
    channel: str
    subject_unit: Unit | None
    description: str
    submitted_at: datetime
    badge: str = ""
    badge_on_roster: bool | None = None
    occurred_at: datetime | None = None
    location: str = ""
    requested_outcome: str = ""
    is_anonymous: bool = False
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    #: the enrolled kiosk it was filed on (channel kiosk)
    kiosk_name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    #: the Open311 service's category, and the integration's key (channel open311)
    service_category: str | None = None
    open311_key_id: int | None = None


@dataclass(frozen=True)
class QueryCredentials:
    code: str
    code_hash: str


def new_query_credentials() -> QueryCredentials:
    """A fresh code and its scrypt hash; slow on purpose, so call it outside a transaction."""
    code = new_query_code()
    return QueryCredentials(code, hash_query_code(code))


def handling_unit_for(submission: Submission) -> Unit | None:
    if submission.kind == "tipoff" and submission.badge:
        return None
    return submission.subject_unit


def submit_complaint(
    session,
    actor: Actor,
    submission: Submission,
    credentials: QueryCredentials,
    *,
    attachments: Sequence[StoredUpload] = (),
    calendar: WorkingCalendar | None = None,
    acting_unit_id: int | None = None,
) -> Complaint:
    """Add the complaint (see the module docstring); the caller commits."""
    if submission.kind not in KINDS or submission.channel not in CHANNELS:
        raise ValueError(f"unknown kind or channel: {submission.kind}, {submission.channel}")
    anonymous = submission.is_anonymous
    handling_unit = handling_unit_for(submission)
    fields = {
        "query_code_hash": credentials.code_hash,
        "kind": submission.kind,
        "channel": submission.channel,
        "kiosk_name": submission.kiosk_name,
        "state": "submitted",
        "subject_unit_id": submission.subject_unit.id if submission.subject_unit else None,
        "handling_unit_id": handling_unit.id if handling_unit else None,
        "badge": submission.badge,
        "badge_on_roster": submission.badge_on_roster,
        "occurred_at": submission.occurred_at,
        "location": submission.location,
        "latitude": submission.latitude,
        "longitude": submission.longitude,
        "service_category": submission.service_category,
        "open311_key_id": submission.open311_key_id,
        "description": submission.description,
        "requested_outcome": submission.requested_outcome,
        "is_anonymous": anonymous,
        # an anonymous person's contact fields are dropped, whatever the form carried
        "contact_name": "" if anonymous else submission.contact_name,
        "contact_phone": "" if anonymous else submission.contact_phone,
        "contact_email": "" if anonymous else submission.contact_email,
        "submitted_at": submission.submitted_at,
    }
    complaint = _insert_with_fresh_number(session, fields, local_date(submission.submitted_at))
    for upload in attachments:
        session.add(
            ComplaintAttachment(
                complaint=complaint,
                stored_name=upload.stored_name,
                filename=upload.prepared.filename,
                media_type=upload.prepared.media_type,
                size=len(upload.prepared.data),
                sha256=upload.sha256,
            )
        )
    refresh_due_on(complaint, calendar if calendar is not None else complaint_calendar())
    by_public = actor.user_id is None
    session.add(
        ComplaintEvent(
            complaint=complaint,
            at=submission.submitted_at,
            action="submitted",
            state_after="submitted",
            unit_id=acting_unit_id,
            actor_id=actor.user_id,
            by_public=by_public,
            internal_note="" if by_public else f"工作人员登记（{CHANNELS[submission.channel]}）",
        )
    )
    session.flush()
    record_change(
        session,
        actor,
        "complaint.submit",
        "complaint",
        complaint.tracking_no,
        after=complaint.audit_snapshot(),
        unit_id=complaint.handling_unit_id,
    )
    return complaint


def _insert_with_fresh_number(session, fields: dict, submitted_on) -> Complaint:
    for _attempt in range(MAX_TRACKING_ATTEMPTS):
        complaint = Complaint(tracking_no=new_tracking_number(submitted_on), **fields)
        try:
            with session.begin_nested():
                session.add(complaint)
                session.flush()
        except IntegrityError as error:
            if "tracking_no" not in str(error.orig):
                raise
            continue
        return complaint
    raise RuntimeError(f"no free tracking number after {MAX_TRACKING_ATTEMPTS} attempts")
