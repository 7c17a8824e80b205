"""Back office: one URL per workflow step of a case, ``/admin/complaints/<id>/act/<step>``.

GET shows the step's form (or why it is not possible now), POST takes the step through
``workflow`` / ``satisfaction`` and e-mails the person after the commit.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from portal.complaints import concurrency, duplicates, satisfaction, workflow
from portal.complaints.admin_blueprint import admin_bp
from portal.complaints.admin_forms import (
    AcceptForm,
    AssignForm,
    CloseForm,
    ExtendForm,
    ExtensionDecisionForm,
    FollowUpForm,
    ReassignForm,
    RejectForm,
    ReplyForm,
)
from portal.complaints.models import Complaint
from portal.complaints.notify import notify_person
from portal.complaints.presenting import ACTION_LABELS, STEP_TITLES
from portal.complaints.schedule import complaint_calendar
from portal.complaints.templates_service import usable_templates
from portal.complaints.workflow import WorkflowError, is_supervisor
from portal.core.database import expect_writes
from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Unit
from portal.staff.models import StaffUser
from portal.staff.scoping import get_scoped_or_404


@dataclass(frozen=True)
class Step:
    title: str
    form: type[FlaskForm]
    #: (complaint, form, user, now) → the history entry
    perform: Callable
    done: str
    supervisors_only: bool = False


def _calendar():
    return complaint_calendar()


def _accept(complaint, form, user, now):
    return workflow.accept(
        db.session, user, complaint, now=now, calendar=_calendar(), note=form.note.data or ""
    )


def _reject(complaint, form, user, now):
    return workflow.reject(
        db.session, user, complaint, form.reason.data, now=now, calendar=_calendar()
    )


def _assign(complaint, form, user, now):
    handler = db.session.get(StaffUser, int(form.handler.data)) if form.handler.data else None
    return workflow.assign(
        db.session,
        user,
        complaint,
        handler,
        now=now,
        calendar=_calendar(),
        note=form.note.data or "",
    )


def _reassign(complaint, form, user, now):
    unit = db.session.scalars(select(Unit).where(Unit.code == form.unit.data)).one()
    return workflow.reassign(
        db.session, user, complaint, unit, form.reason.data, now=now, calendar=_calendar()
    )


def _extend(complaint, form, user, now):
    return workflow.extend(
        db.session,
        user,
        complaint,
        int(form.days.data),
        form.reason.data,
        now=now,
        calendar=_calendar(),
    )


def _decide_extension(complaint, form, user, now):
    return workflow.decide_extension(
        db.session,
        user,
        complaint,
        form.decision.data == "approve",
        form.note.data or "",
        now=now,
        calendar=_calendar(),
    )


def _reply(complaint, form, user, now):
    calendar = _calendar()
    event = workflow.reply(db.session, user, complaint, form.text.data, now=now, calendar=calendar)
    form.extra_events = []
    if form.to_linked.data:
        # the same answer to every 重复件 that awaits one (``_prepare`` listed them): each its
        # own step and audit entry
        for case in form.linked_cases:
            if "reply" in workflow.available_actions(case, user):
                form.extra_events.append(
                    workflow.reply(
                        db.session, user, case, form.text.data, now=now, calendar=calendar
                    )
                )
    return event


def _close(complaint, form, user, now):
    return workflow.close(
        db.session, user, complaint, now=now, calendar=_calendar(), note=form.note.data or ""
    )


def _follow_up(complaint, form, user, now):
    return satisfaction.record_follow_up(
        db.session, user, complaint, form.level.data, form.note.data, now=now
    )


STEPS = {
    "accept": Step(STEP_TITLES["accept"], AcceptForm, _accept, "已受理。"),
    "reject": Step(
        STEP_TITLES["reject"], RejectForm, _reject, "已决定不予受理，理由将告知投诉举报人。"
    ),
    "assign": Step(STEP_TITLES["assign"], AssignForm, _assign, "已交办。"),
    "reassign": Step(
        STEP_TITLES["reassign"], ReassignForm, _reassign, "已改派。", supervisors_only=True
    ),
    "extend": Step(
        STEP_TITLES["extend"], ExtendForm, _extend, "已提交延期申请，待综合监督科审批。"
    ),
    "decide_extension": Step(
        STEP_TITLES["decide_extension"],
        ExtensionDecisionForm,
        _decide_extension,
        "延期申请已审批。",
        supervisors_only=True,
    ),
    "reply": Step(STEP_TITLES["reply"], ReplyForm, _reply, "已答复。"),
    "close": Step(STEP_TITLES["close"], CloseForm, _close, "已办结。"),
    "follow_up": Step(STEP_TITLES["follow_up"], FollowUpForm, _follow_up, "回访情况已记录。"),
}


def _prepare(action: str, form: FlaskForm, complaint: Complaint) -> None:
    """Fill the choices a step's form offers for this case."""
    if action == "assign":
        staff = db.session.scalars(
            select(StaffUser)
            .where(
                StaffUser.unit_id == complaint.handling_unit_id,
                StaffUser.is_enabled.is_(True),
            )
            .order_by(StaffUser.username)
        ).all()
        form.handler.choices = {
            "": "由我本人承办" if current_user.unit_id else "暂不指定",
            **{str(user.id): user.display_name or user.username for user in staff},
        }
    elif action == "reassign":
        units = db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
        form.unit.choices = {
            "": "请选择",
            **{unit.code: unit.name for unit in units if unit.id != complaint.handling_unit_id},
        }
    elif action == "reply":
        form.linked_cases = duplicates.linked_cases(db.session, complaint)
        form.reply_templates = usable_templates(db.session, current_user)
        chosen = request.args.get("template", "")
        if request.method == "GET" and chosen:
            template = next((t for t in form.reply_templates if str(t.id) == chosen), None)
            if template is not None:
                form.text.data = template.body
    elif action == "extend" and request.method == "GET":
        form.days.data = "30"


@admin_bp.route("/<int:complaint_id>/act/<action>", methods=["GET", "POST"])
def act(complaint_id: int, action: str):
    step = STEPS.get(action)
    if step is None:
        abort(404)
    expect_writes()  # the presence note, on GET too
    complaint = get_scoped_or_404(Complaint, Complaint.id == complaint_id)
    if step.supervisors_only and not is_supervisor(current_user):
        abort(403)
    form = step.form()
    _prepare(action, form, complaint)
    possible = action in workflow.available_actions(complaint, current_user)
    now = utcnow()
    conflict = None
    if request.method == "POST" and concurrency.is_stale(
        complaint, concurrency.parse_version(request.form.get("version"))
    ):
        # someone changed the case since this form was shown: nothing is saved, the text stays
        conflict = concurrency.changes_since(
            db.session, complaint, concurrency.parse_version(request.form.get("seen_event"))
        )
    elif possible and form.validate_on_submit():
        try:
            event = step.perform(complaint, form, current_user, now)
            concurrency.leave(db.session, complaint, current_user)
            db.session.commit()
        except WorkflowError as error:
            db.session.rollback()
            target = getattr(form, error.field or "", None)
            if target is None:
                target = next(field for field in form if field.name != "csrf_token")
            target.errors.append(str(error))
        except StaleDataError:
            # changed by another clerk between our check and our save
            db.session.rollback()
            conflict = concurrency.changes_since(db.session, complaint, None)
        else:
            notify_person(complaint, event)
            extra_events = getattr(form, "extra_events", [])
            for extra in extra_events:
                notify_person(extra.complaint, extra)
            if extra_events:
                flash(f"已同时答复{len(extra_events)}件重复件。", "success")
            flash(step.done, "success")
            return redirect(url_for(".detail", complaint_id=complaint.id))
    if conflict is not None:
        possible = action in workflow.available_actions(complaint, current_user)
        status = 409
    else:
        status = 400 if form.errors or (request.method == "POST" and not possible) else 200
    others = concurrency.present_now(db.session, complaint, current_user, now)
    return render_template(
        "complaints/admin/action.html",
        complaint=complaint,
        action=action,
        step=step,
        form=form,
        possible=possible,
        conflict=conflict,
        others_present=others,
        seen_event=concurrency.last_event_id(complaint),
        action_labels=ACTION_LABELS,
        reply_templates=getattr(form, "reply_templates", []),
    ), status
