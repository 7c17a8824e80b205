"""Back office: bulk actions on cases picked in the queue (choose → confirm → results)."""

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import select

from portal.complaints.admin_blueprint import admin_bp
from portal.complaints.bulk import (
    BULK_ACTIONS,
    BULK_LABELS,
    MAX_SELECTED,
    BulkRequest,
    apply_bulk,
)
from portal.complaints.models import Complaint
from portal.complaints.notify import notify_person
from portal.complaints.schedule import complaint_calendar
from portal.complaints.templates_service import usable_templates
from portal.core.models import utcnow
from portal.extensions import db
from portal.staff.models import StaffUser
from portal.staff.scoping import scoped_select


def _selected() -> list[Complaint]:
    ids = [int(raw) for raw in request.form.getlist("selected") if raw.isdigit() and len(raw) < 12]
    if len(ids) > MAX_SELECTED:
        abort(400, f"一次最多选择{MAX_SELECTED}件")
    if not ids:
        return []
    # scoped: a case of another unit is simply not among them
    stmt = scoped_select(Complaint).where(Complaint.id.in_(ids)).order_by(Complaint.id)
    return list(db.session.scalars(stmt))


def _handlers() -> list[StaffUser]:
    stmt = select(StaffUser).where(StaffUser.is_enabled.is_(True), StaffUser.unit_id.is_not(None))
    if not current_user.sees_all_units:
        stmt = stmt.where(StaffUser.unit_id == current_user.unit_id)
    return list(db.session.scalars(stmt.order_by(StaffUser.unit_id, StaffUser.username)))


def _parameters(action: str, handlers, templates) -> tuple[BulkRequest | None, dict]:
    """The request from the form, or None with the messages per field."""
    errors = {}
    handler = template = None
    days = 0
    reason = request.form.get("reason", "").strip()
    if action == "assign":
        handler = next((h for h in handlers if str(h.id) == request.form.get("handler")), None)
        if handler is None:
            errors["handler"] = "请选择承办人"
    elif action == "template":
        chosen = request.form.get("template")
        template = next((t for t in templates if str(t.id) == chosen), None)
        if template is None:
            errors["template"] = "请选择答复模板"
    elif action == "extend":
        raw = request.form.get("days", "").strip()
        days = int(raw) if raw.isdigit() and len(raw) < 4 else 0
        if not 1 <= days <= 30:
            errors["days"] = "延长天数应为1至30天"
        if len(reason) < 5:
            errors["reason"] = "请填写延期理由（将告知投诉举报人，至少5个字）"
    if errors:
        return None, errors
    return BulkRequest(action, handler=handler, template=template, days=days, reason=reason), {}


@admin_bp.route("/bulk", methods=["POST"])
def bulk():
    action = request.form.get("action", "")
    if action not in BULK_ACTIONS:
        abort(400, "请选择批量操作")
    complaints = _selected()
    handlers = _handlers() if action == "assign" else []
    templates = usable_templates(db.session, current_user) if action == "template" else []
    errors, outcome = {}, None
    if request.form.get("confirm") == "1" and complaints:
        bulk_request, errors = _parameters(action, handlers, templates)
        if bulk_request is not None:
            outcome, events = apply_bulk(
                db.session,
                current_user,
                complaints,
                bulk_request,
                now=utcnow(),
                calendar=complaint_calendar(),
            )
            db.session.commit()
            for event in events:
                notify_person(event.complaint, event)
    status = 400 if errors or not complaints else 200
    return render_template(
        "complaints/admin/bulk.html",
        action=action,
        label=BULK_LABELS[action],
        complaints=complaints,
        handlers=handlers,
        templates=templates,
        errors=errors,
        outcome=outcome,
        form=request.form,
    ), status
