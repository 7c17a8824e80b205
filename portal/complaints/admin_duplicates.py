"""Back office: link a case to a similar one as 重复件, or take it out again."""

from flask import flash, redirect, request, url_for
from flask_login import current_user

from portal.complaints.admin_blueprint import admin_bp
from portal.complaints.duplicates import link_duplicate, unlink_duplicate
from portal.complaints.models import Complaint
from portal.complaints.workflow import WorkflowError
from portal.extensions import db
from portal.staff.scoping import get_scoped_or_404


def _back(complaint: Complaint):
    return redirect(url_for(".detail", complaint_id=complaint.id) + "#case-duplicates")


@admin_bp.route("/<int:complaint_id>/duplicates", methods=["POST"])
def duplicate_link(complaint_id: int):
    complaint = get_scoped_or_404(Complaint, Complaint.id == complaint_id)
    raw = request.form.get("other", "")
    if not (raw.isdigit() and len(raw) < 12):
        flash("请选择要关联的案件", "error")
        return _back(complaint)
    # scoped too: a case of another unit cannot be named by its id
    other = get_scoped_or_404(Complaint, Complaint.id == int(raw))
    try:
        link_duplicate(db.session, current_user, complaint, other)
    except WorkflowError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(f"已与 {other.tracking_no} 关联为同一事项的重复件。", "success")
    return _back(complaint)


@admin_bp.route("/<int:complaint_id>/duplicates/unlink", methods=["POST"])
def duplicate_unlink(complaint_id: int):
    complaint = get_scoped_or_404(Complaint, Complaint.id == complaint_id)
    try:
        unlink_duplicate(db.session, current_user, complaint)
    except WorkflowError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash("已取消重复件关联。", "success")
    return _back(complaint)
