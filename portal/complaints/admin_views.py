"""Back office: the queue, a case with its history, the person's identity and the attachments
(each view of them audited), and staff entry of hotline, mailbox, letter and visit cases."""

import io
from datetime import datetime

from flask import (
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select

from portal.audit.services import Actor, record_change
from portal.complaints import concurrency, duplicates, lookup
from portal.complaints.admin_blueprint import admin_bp
from portal.complaints.admin_forms import AcceptForm, CloseForm, StaffEntryForm
from portal.complaints.bulk import BULK_LABELS
from portal.complaints.forms import parse_local_datetime
from portal.complaints.models import CHANNELS, KINDS, Complaint
from portal.complaints.presenting import ACTION_LABELS, STEP_TITLES, status_context
from portal.complaints.queue import (
    DUE_FILTERS,
    SORTS,
    STATE_FILTERS,
    QueueFilters,
    queue_counts,
    queue_page,
)
from portal.complaints.satisfaction import callback_due_on
from portal.complaints.schedule import complaint_calendar, describe_remaining, urgency
from portal.complaints.similarity import similar_cases
from portal.complaints.submission import SubmissionRefused, save_submission, unit_choices
from portal.complaints.uploads import stored_path
from portal.complaints.workflow import available_actions, is_supervisor
from portal.core.database import expect_writes
from portal.core.models import LOCAL_TZ, local_today, utcnow
from portal.extensions import db
from portal.org.models import Unit
from portal.staff.scoping import get_scoped_or_404


@admin_bp.route("/")
def queue():
    filters = QueueFilters.from_args(request.args)
    today = local_today()
    units = db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    return render_template(
        "complaints/admin/queue.html",
        page=queue_page(db.session, filters, today, request.args.get("cursor")),
        counts=queue_counts(db.session, today),
        filters=filters,
        today=today,
        urgency=urgency,
        callback_due=_callback_due(today),
        units=units if current_user.sees_all_units else [],
        state_filters=STATE_FILTERS,
        due_filters=DUE_FILTERS,
        sorts=SORTS,
        kinds=KINDS,
        channels=CHANNELS,
        bulk_labels=BULK_LABELS,
    )


def _callback_due(today):
    """(complaint) → (last day for the 差评 call-back, overdue?) or None, for the queue."""
    calendar = complaint_calendar()

    def due(complaint):
        due_on = callback_due_on(complaint, calendar, current_app.config)
        return None if due_on is None else (due_on, today > due_on)

    return due


def _scoped_complaint(complaint_id: int) -> Complaint:
    return get_scoped_or_404(Complaint, Complaint.id == complaint_id)


@admin_bp.route("/<int:complaint_id>")
def detail(complaint_id: int):
    expect_writes()  # the presence note
    complaint = _scoped_complaint(complaint_id)
    today = local_today()
    context = status_context(complaint, today, complaint_calendar())
    deadline = context["deadline"]
    others = concurrency.present_now(db.session, complaint, current_user, utcnow())
    linked = duplicates.linked_cases(db.session, complaint)
    linked_ids = {case.id for case in linked}
    similar = [
        item for item in similar_cases(db.session, complaint) if item.complaint.id not in linked_ids
    ]
    return render_template(
        "complaints/admin/detail.html",
        complaint=complaint,
        actions=available_actions(complaint, current_user),
        accept_form=AcceptForm(formdata=None),
        close_form=CloseForm(formdata=None),
        staff_due_remaining=describe_remaining(deadline, today) if deadline else "",
        due_urgency=urgency(complaint.due_on, today),
        recusal_hint=_recusal_hint(complaint),
        action_labels=ACTION_LABELS,
        step_titles=STEP_TITLES,
        others_present=others,
        linked_cases=linked,
        similar_cases=similar,
        seen_event=concurrency.last_event_id(complaint),
        **context,
    )


def _recusal_hint(complaint: Complaint) -> bool:
    """A tip-off naming an officer, handled by the unit it names: suggest routing it away."""
    return (
        is_supervisor(current_user)
        and complaint.kind == "tipoff"
        and bool(complaint.badge)
        and complaint.handling_unit_id is not None
        and complaint.handling_unit_id == complaint.subject_unit_id
        and complaint.state not in ("closed", "rejected")
    )


def _audit_view(complaint: Complaint, action: str, **details) -> None:
    record_change(
        db.session,
        Actor.of_user(current_user),
        action,
        "complaint",
        complaint.tracking_no,
        after={"kind": complaint.kind, **details},
        unit_id=complaint.handling_unit_id,
    )


@admin_bp.route("/<int:complaint_id>/contact")
def contact(complaint_id: int):
    """The person's identity; the view itself is written to the audit log first."""
    expect_writes()
    complaint = _scoped_complaint(complaint_id)
    _audit_view(complaint, "complaint.contact_view")
    page = render_template("complaints/admin/contact.html", complaint=complaint)
    db.session.commit()
    return page


@admin_bp.route("/<int:complaint_id>/attachments/<int:attachment_id>")
def attachment(complaint_id: int, attachment_id: int):
    """One attachment, to staff who may see the case; each download is audited."""
    expect_writes()
    complaint = _scoped_complaint(complaint_id)
    numbered = list(enumerate(complaint.attachments, start=1))
    number, item = next(((n, a) for n, a in numbered if a.id == attachment_id), (0, None))
    if item is None:
        abort(404)
    try:
        path = stored_path(current_app.config["UPLOAD_DIR"], item.stored_name)
    except FileNotFoundError:
        abort(404)
    if not path.is_file():
        abort(404)
    _audit_view(complaint, "complaint.attachment_view", attachment=number)
    db.session.commit()
    extension = path.suffix
    # read at once (files are a few MB at most): no open file handle outlives the request
    return send_file(
        io.BytesIO(path.read_bytes()),
        mimetype=item.media_type,
        as_attachment=not item.is_image,
        download_name=f"{complaint.tracking_no}-{number}{extension}",
        max_age=0,
    )


@admin_bp.route("/new", methods=["GET", "POST"])
def entry():
    """Staff type in a case that came by phone, mailbox, opinion book, e-mail or visit."""
    form = StaffEntryForm()
    form.unit.choices = unit_choices(db.session)
    db.session.rollback()  # the slow checks below run outside a transaction
    if request.method == "GET":
        form.kind.data = "complaint"
        form.received_at.data = _now_local_text()
        if current_user.unit is not None:
            form.unit.data = current_user.unit.code
    elif form.validate_on_submit():
        try:
            complaint, code = save_submission(
                form,
                channel=form.channel.data,
                actor=Actor.of_user(current_user),
                submitted_at=parse_local_datetime(form.received_at.data),
                acting_unit_id=current_user.unit_id,
            )
        except SubmissionRefused as refused:
            form.attachments.errors.append(str(refused))
        else:
            lookup.remember_receipt(session, complaint.tracking_no, code)
            return redirect(url_for(".entered", tracking_no=complaint.tracking_no))
    status = 400 if form.errors else 200
    return render_template("complaints/admin/entry.html", form=form), status


def _now_local_text() -> str:
    return datetime.now(LOCAL_TZ).strftime("%Y-%m-%dT%H:%M")


@admin_bp.route("/entered")
def entered():
    """The slip for a case just typed in: number and query code to tell the person, once."""
    tracking_no = request.args.get("tracking_no", "")
    made_here, code = lookup.take_receipt(session, tracking_no)
    if not made_here:
        abort(404)
    # Not scoped on purpose: this browser has just typed the case in (the session proves it),
    # and a case for another unit must still give the caller a number. Only the slip is shown.
    complaint = db.session.scalars(
        select(Complaint).where(Complaint.tracking_no == tracking_no)
    ).first()
    if complaint is None:
        abort(404)
    in_scope = current_user.sees_all_units or complaint.handling_unit_id == current_user.unit_id
    return render_template(
        "complaints/admin/entered.html",
        complaint=complaint,
        query_code=code,
        in_scope=in_scope,
        **status_context(complaint, local_today(), complaint_calendar()),
    )
