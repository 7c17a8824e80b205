"""From a validated complaint form to a committed complaint (public form and staff entry).

Order matters for "nothing lost, nothing half-done": the slow work — checking and re-encoding
the files, hashing the query code — happens before the database transaction starts; the files
are written durably before the rows that name them; the rows commit together; a failed commit
removes the files again. The person sees a tracking number only after the commit.
"""

from flask import current_app
from sqlalchemy import select

from portal.audit.services import Actor
from portal.complaints import officer_check
from portal.complaints.forms import ComplaintForm, parse_local_datetime
from portal.complaints.intake import Submission, new_query_credentials, submit_complaint
from portal.complaints.models import Complaint
from portal.complaints.notify import notify_person
from portal.complaints.schedule import complaint_calendar
from portal.complaints.uploads import (
    UploadError,
    discard_uploads,
    prepare_upload,
    store_upload,
)
from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Unit

UNKNOWN_UNIT_LABEL = "不清楚（由市城市管理局综合监督科分派）"


class SubmissionRefused(ValueError):
    """An attachment we refuse; the message is Chinese."""


def unit_choices(session) -> dict[str, str]:
    """Unit code → name, in the units' order, after "" for a person who does not know."""
    units = session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    return {"": UNKNOWN_UNIT_LABEL, **{unit.code: unit.name for unit in units}}


def save_submission(
    form: ComplaintForm,
    *,
    channel: str,
    actor: Actor,
    submitted_at,
    acting_unit_id: int | None = None,
    kiosk_name: str = "",
    service_category: str | None = None,
    open311_key_id: int | None = None,
) -> tuple[Complaint, str]:
    """Commit the complaint ``form`` describes; returns it and its query code (shown once).

    ``service_category`` and ``open311_key_id``: set by an Open311 POST (portal.api.open311)."""
    config = current_app.config
    try:
        prepared = [
            prepare_upload(file.filename, file.read(), config["COMPLAINT_ATTACHMENT_MAX_BYTES"])
            for file in form.chosen_files()
        ]
    except UploadError as error:
        raise SubmissionRefused(str(error)) from None
    credentials = new_query_credentials()
    stored = [store_upload(config["UPLOAD_DIR"], upload, utcnow()) for upload in prepared]
    try:
        badge = form.badge.data or ""
        latitude, longitude = form.coordinates()
        submission = Submission(
            kind=form.kind.data,
            channel=channel,
            subject_unit=_unit(form.unit.data),
            description=form.description.data,
            submitted_at=submitted_at,
            badge=badge,
            badge_on_roster=officer_check.badge_on_roster(db.session, badge) if badge else None,
            occurred_at=parse_local_datetime(form.occurred_at.data or ""),
            location=form.location.data or "",
            requested_outcome=form.request.data or "",
            is_anonymous=bool(form.anonymous.data),
            contact_name=form.contact_name.data or "",
            contact_phone=form.contact_phone.data or "",
            contact_email=form.contact_email.data or "",
            kiosk_name=kiosk_name,
            latitude=latitude,
            longitude=longitude,
            service_category=service_category,
            open311_key_id=open311_key_id,
        )
        complaint = submit_complaint(
            db.session,
            actor,
            submission,
            credentials,
            attachments=stored,
            calendar=complaint_calendar(),
            acting_unit_id=acting_unit_id,
        )
        db.session.commit()
    except BaseException:
        db.session.rollback()
        discard_uploads(config["UPLOAD_DIR"], stored)
        raise
    current_app.logger.info(
        "complaint %s submitted (%s, %s)", complaint.tracking_no, complaint.kind, channel
    )
    notify_person(complaint, complaint.events[0])
    return complaint, credentials.code


def _unit(code: str | None) -> Unit | None:
    if not code:
        return None
    return db.session.scalars(select(Unit).where(Unit.code == code)).first()
