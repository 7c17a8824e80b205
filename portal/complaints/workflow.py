"""The handling workflow: 已提交 → 已受理 / 不予受理 → 办理中 → 已答复 → 已办结, with 复查.

Every function here checks that the step is allowed now, changes the complaint, adds a history
entry (shown to the person by unit, never by staff name) and writes the audit entry, all in the
caller's transaction; it raises ``WorkflowError`` (a Chinese message) for a step the rules
refuse. Deadlines come from ``schedule``; ``Complaint.due_on`` is refreshed at every step.

Who may do what: staff of the handling unit and supervisors handle a complaint; only a
supervisor (or an admin) moves it to another unit. A case closed early keeps the person's
30-day window for asking for 复查 (``request_rehandling`` reopens it). The 复查 is the higher
organ's (``review_organ``): only a supervisor answers it, never the unit that answered.
"""

from datetime import date, datetime

from sqlalchemy import select

from portal.audit.services import CLI_ACTOR, PUBLIC_ACTOR, Actor, record_change
from portal.complaints.deadlines import MAX_EXTENSION_DAYS, is_overdue, rehandling_request_deadline
from portal.complaints.models import Complaint, ComplaintEvent
from portal.complaints.review_organ import review_organ
from portal.complaints.schedule import (
    answer_due_on,
    complaint_calendar,
    local_date,
    refresh_due_on,
    rehandling_window_open,
)
from portal.core.calendar import WorkingCalendar
from portal.org.models import Unit
from portal.staff.models import StaffUser

HANDLING_STATES = ("accepted", "in_progress")
#: states in which a supervisor may send a case to another unit
ROUTABLE_STATES = ("submitted", "accepted", "in_progress")


class WorkflowError(ValueError):
    """A step the rules refuse; the message is Chinese and safe to show."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def is_supervisor(user: StaffUser) -> bool:
    return user.role in ("supervisor", "admin")


def available_actions(complaint: Complaint, user: StaffUser) -> list[str]:
    """The back-office steps ``user`` may take on ``complaint`` now, in display order."""
    state = complaint.state
    actions = []
    if state == "submitted":
        actions += ["accept", "reject"]
    if state in HANDLING_STATES:
        actions += ["assign", "reply"]
        if complaint.extension_status == "":
            actions.append("extend")
        if complaint.extension_status == "pending" and is_supervisor(user):
            actions.append("decide_extension")
    if state == "rehandling" and is_supervisor(user):
        actions.append("reply")
    if state == "answered":
        actions.append("close")
    if complaint.answer_round >= 1:
        actions.append("follow_up")
    if is_supervisor(user) and state in ROUTABLE_STATES:
        actions.append("reassign")
    return actions


def _require_state(complaint: Complaint, *states: str) -> None:
    if complaint.state not in states:
        raise WorkflowError(f"该件当前状态为“{complaint.state_label}”，不能进行此操作")


def _require_text(text: str, label: str, field: str, minimum: int = 2) -> str:
    text = (text or "").strip()
    if len(text) < minimum:
        raise WorkflowError(f"请填写{label}", field)
    return text


def _step(
    session,
    actor: Actor,
    complaint: Complaint,
    action: str,
    before: dict,
    *,
    now: datetime,
    user: StaffUser | None = None,
    by_public: bool = False,
    public_note: str = "",
    internal_note: str = "",
    calendar: WorkingCalendar | None = None,
) -> ComplaintEvent:
    # 民法典 第203条 always applies: without a calendar given, the app's current one
    refresh_due_on(complaint, calendar if calendar is not None else complaint_calendar())
    event = ComplaintEvent(
        complaint=complaint,
        at=now,
        action=action,
        state_after=complaint.state,
        unit_id=user.unit_id if user is not None else None,
        actor_id=user.id if user is not None else None,
        by_public=by_public,
        public_note=public_note,
        internal_note=internal_note,
    )
    session.add(event)
    session.flush()
    record_change(
        session,
        actor,
        f"complaint.{action}",
        "complaint",
        complaint.tracking_no,
        before=before,
        after=complaint.audit_snapshot(),
        unit_id=complaint.handling_unit_id,
    )
    return event


def accept(session, user: StaffUser, complaint: Complaint, *, now, calendar=None, note=""):
    _require_state(complaint, "submitted")
    if complaint.handling_unit_id is None:
        raise WorkflowError("请先由综合监督科指定办理单位，再受理")
    before = complaint.audit_snapshot()
    complaint.state, complaint.accepted_at = "accepted", now
    return _step(
        session,
        Actor.of_user(user),
        complaint,
        "accepted",
        before,
        now=now,
        user=user,
        internal_note=note.strip(),
        calendar=calendar,
    )


def reject(session, user: StaffUser, complaint: Complaint, reason: str, *, now, calendar=None):
    """不予受理, with the reason the person is told."""
    _require_state(complaint, "submitted")
    reason = _require_text(reason, "不予受理的理由", "reason", minimum=5)
    before = complaint.audit_snapshot()
    complaint.state, complaint.rejected_at, complaint.reject_reason = "rejected", now, reason
    return _step(
        session,
        Actor.of_user(user),
        complaint,
        "rejected",
        before,
        now=now,
        user=user,
        public_note=reason,
        calendar=calendar,
    )


def assign(
    session,
    user: StaffUser,
    complaint: Complaint,
    handler: StaffUser | None,
    *,
    now,
    calendar=None,
    note="",
):
    """Put a staff member of the handling unit in charge; an accepted case goes 办理中."""
    _require_state(complaint, *HANDLING_STATES)
    if handler is None and user.unit_id == complaint.handling_unit_id:
        handler = user
    if handler is not None and (
        handler.unit_id != complaint.handling_unit_id or not handler.is_enabled
    ):
        raise WorkflowError("承办人必须是办理单位的在岗工作人员", "handler")
    before = complaint.audit_snapshot()
    complaint.handler = handler
    complaint.handler_id = handler.id if handler else None
    if complaint.state == "accepted":
        complaint.state = "in_progress"
    return _step(
        session,
        Actor.of_user(user),
        complaint,
        "assigned",
        before,
        now=now,
        user=user,
        calendar=calendar,
        internal_note=_handler_note(handler, note),
    )


def _handler_note(handler: StaffUser | None, note: str) -> str:
    who = (handler.display_name or handler.username) if handler else "未指定"
    return f"承办人：{who}" + (f"；{note.strip()}" if note.strip() else "")


def reassign(
    session, user: StaffUser, complaint: Complaint, unit: Unit, reason: str, *, now, calendar=None
):
    """Move the case to another unit (supervisors only), e.g. away from an accused unit."""
    if not is_supervisor(user):
        raise WorkflowError("只有综合监督科可以改派办理单位")
    _require_state(complaint, *ROUTABLE_STATES)
    if unit.id == complaint.handling_unit_id:
        raise WorkflowError("该件已由这个单位办理", "unit")
    reason = _require_text(reason, "改派理由", "reason")
    before = complaint.audit_snapshot()
    previous = complaint.handling_unit
    complaint.handling_unit_id, complaint.handling_unit = unit.id, unit
    complaint.handler_id, complaint.handler = None, None
    return _step(
        session,
        Actor.of_user(user),
        complaint,
        "reassigned",
        before,
        now=now,
        user=user,
        calendar=calendar,
        public_note=f"转交{unit.name}办理",
        internal_note=f"由{previous.short_name if previous else '综合监督科'}改派；{reason}",
    )


def _require_answer_deadline_open(complaint: Complaint, now: datetime, calendar) -> None:
    """An extension is asked for and granted only while the answer deadline runs: a late
    answer stays late."""
    calendar = calendar if calendar is not None else complaint_calendar()
    due_on = answer_due_on(complaint, calendar)
    if due_on is not None and local_date(now) > due_on:
        raise WorkflowError(
            f"答复期限已于{due_on.year}年{due_on.month}月{due_on.day}日届满，不能再延期："
            "逾期答复仍计为逾期"
        )


def extend(
    session, user: StaffUser, complaint: Complaint, days: int, reason: str, *, now, calendar=None
):
    """The unit asks for the one extension of the answer deadline (at most 30 days, with a
    reason), while the deadline runs; a supervisor decides (``decide_extension``)."""
    _require_state(complaint, *HANDLING_STATES)
    if complaint.extension_status:
        raise WorkflowError("办理期限只能延长一次，本件已经申请过延期")
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise WorkflowError(f"延长天数应为1至{MAX_EXTENSION_DAYS}天", "days")
    reason = _require_text(reason, "延期理由（将告知投诉举报人）", "reason", minimum=5)
    _require_answer_deadline_open(complaint, now, calendar)
    before = complaint.audit_snapshot()
    complaint.extension_requested_days, complaint.extension_requested_reason = days, reason
    complaint.extension_requested_at, complaint.extension_status = now, "pending"
    return _step(
        session,
        Actor.of_user(user),
        complaint,
        "extension_requested",
        before,
        now=now,
        user=user,
        calendar=calendar,
        internal_note=f"申请延期{days}日：{reason}",
    )


def decide_extension(
    session,
    user: StaffUser,
    complaint: Complaint,
    approve: bool,
    note: str = "",
    *,
    now,
    calendar=None,
):
    """A supervisor approves (the reason is then told to the person) or refuses the unit's
    request, only while the answer deadline has not passed."""
    if not is_supervisor(user):
        raise WorkflowError("延期须由综合监督科审批")
    _require_state(complaint, *HANDLING_STATES)
    if complaint.extension_status != "pending":
        raise WorkflowError("本件没有待审批的延期申请")
    if approve:
        _require_answer_deadline_open(complaint, now, calendar)
    before = complaint.audit_snapshot()
    days, reason = complaint.extension_requested_days, complaint.extension_requested_reason
    note = (note or "").strip()
    if approve:
        complaint.extension_days, complaint.extension_reason = days, reason
        complaint.extension_status = "approved"
        return _step(
            session,
            Actor.of_user(user),
            complaint,
            "extended",
            before,
            now=now,
            user=user,
            calendar=calendar,
            public_note=f"延期{days}日：{reason}",
            internal_note=note,
        )
    complaint.extension_status = "refused"
    return _step(
        session,
        Actor.of_user(user),
        complaint,
        "extension_refused",
        before,
        now=now,
        user=user,
        calendar=calendar,
        internal_note=note or "不同意延期",
    )


def reply(session, user: StaffUser, complaint: Complaint, text: str, *, now, calendar=None):
    """Answer the person, or (a supervisor, for the 复查机关) give the 复查 opinion."""
    _require_state(complaint, *HANDLING_STATES, "rehandling")
    if complaint.state == "rehandling" and not is_supervisor(user):
        raise WorkflowError("复查由上一级机关办理（综合监督科），原答复单位不能答复复查申请")
    text = _require_text(text, "答复内容", "text", minimum=10)
    before = complaint.audit_snapshot()
    if (
        complaint.state != "rehandling"
        and complaint.handler_id is None
        and (user.unit_id == complaint.handling_unit_id)
    ):
        complaint.handler_id, complaint.handler = user.id, user  # who answers, handled it
    if complaint.state == "rehandling":
        complaint.rehandling_answered_at, complaint.rehandling_reply = now, text
        action = "rehandling_answered"
    else:
        complaint.answered_at, complaint.reply = now, text
        action = "answered"
    complaint.state = "answered"
    return _step(
        session,
        Actor.of_user(user),
        complaint,
        action,
        before,
        now=now,
        user=user,
        calendar=calendar,
        public_note=text,
    )


def close(session, user: StaffUser | None, complaint: Complaint, *, now, calendar=None, note=""):
    """已办结. The person may still ask for re-handling within 30 days of the answer."""
    _require_state(complaint, "answered")
    before = complaint.audit_snapshot()
    complaint.state, complaint.closed_at = "closed", now
    actor = Actor.of_user(user) if user is not None else CLI_ACTOR
    return _step(
        session,
        actor,
        complaint,
        "closed",
        before,
        now=now,
        user=user,
        calendar=calendar,
        internal_note=note.strip(),
    )


def close_expired(session, *, today: date, now: datetime, calendar=None) -> list[ComplaintEvent]:
    """Close every answered case whose window for re-handling or rating has passed."""
    events = []
    answered = session.scalars(
        select(Complaint).where(Complaint.state == "answered").order_by(Complaint.id)
    ).all()
    for complaint in answered:
        last_answer = complaint.rehandling_answered_at or complaint.answered_at
        window = rehandling_request_deadline(local_date(last_answer), calendar)
        if is_overdue(window, today):
            events.append(
                close(session, None, complaint, now=now, calendar=calendar, note="评价期限届满")
            )
    return events


def request_rehandling(session, complaint: Complaint, reason: str, *, now, today, calendar=None):
    """The person's one request for 复查, after a dissatisfied rating, within 30 days of the
    written answer; it goes to the supervision office for the unit's 复查机关."""
    if not rehandling_window_open(complaint, today, calendar):
        raise WorkflowError("已超过申请复查的期限，或已经申请过复查")
    if not any(rating.is_dissatisfied for rating in complaint.ratings):
        raise WorkflowError("请先对答复作出评价；评价为不满意时可以申请复查")
    reason = _require_text(reason, "申请复查的理由", "reason", minimum=5)
    before = complaint.audit_snapshot()
    complaint.state = "rehandling"
    complaint.rehandling_requested_at, complaint.rehandling_reason = now, reason
    complaint.closed_at = None
    return _step(
        session,
        PUBLIC_ACTOR,
        complaint,
        "rehandling_requested",
        before,
        now=now,
        by_public=True,
        calendar=calendar,
        public_note=reason,
        internal_note=f"复查机关：{review_organ(complaint.handling_unit)}，由综合监督科办理",
    )
