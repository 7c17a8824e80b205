"""Bulk actions on a filtered queue: assign, accept, request an extension, answer with a reply
template. Each case goes through the same workflow step as on its own page, in a savepoint of
its own, so each is audited on its own and one refused case does not stop the others."""

from dataclasses import dataclass, field

from portal.complaints import workflow
from portal.complaints.models import Complaint, ReplyTemplate
from portal.complaints.presenting import STEP_TITLES
from portal.staff.models import StaffUser

#: bulk action → the workflow step it takes (the name in ``available_actions``)
BULK_ACTIONS = {"accept": "accept", "assign": "assign", "extend": "extend", "template": "reply"}
BULK_LABELS = {
    "accept": "受理",
    "assign": "交办",
    "extend": "申请延期",
    "template": "按模板答复",
}
MAX_SELECTED = 100


@dataclass(frozen=True)
class BulkRequest:
    action: str
    handler: StaffUser | None = None
    template: ReplyTemplate | None = None
    days: int = 0
    reason: str = ""


@dataclass
class BulkOutcome:
    done: list[str] = field(default_factory=list)
    #: (tracking number, why not)
    refused: list[tuple[str, str]] = field(default_factory=list)


def _perform(session, user: StaffUser, complaint: Complaint, request: BulkRequest, now, calendar):
    if request.action == "accept":
        return workflow.accept(session, user, complaint, now=now, calendar=calendar)
    if request.action == "assign":
        return workflow.assign(
            session, user, complaint, request.handler, now=now, calendar=calendar
        )
    if request.action == "extend":
        return workflow.extend(
            session, user, complaint, request.days, request.reason, now=now, calendar=calendar
        )
    return workflow.reply(
        session, user, complaint, request.template.body, now=now, calendar=calendar
    )


def apply_bulk(
    session, user: StaffUser, complaints: list[Complaint], request: BulkRequest, *, now, calendar
) -> tuple[BulkOutcome, list]:
    """Take ``request`` on each case the user may take it on now; (outcome, history entries)."""
    outcome, events = BulkOutcome(), []
    step = BULK_ACTIONS[request.action]
    for complaint in complaints:
        if step not in workflow.available_actions(complaint, user):
            reason = f"当前状态为“{complaint.state_label}”，不能{STEP_TITLES[step]}"
            outcome.refused.append((complaint.tracking_no, reason))
            continue
        savepoint = session.begin_nested()
        try:
            events.append(_perform(session, user, complaint, request, now, calendar))
        except workflow.WorkflowError as error:
            savepoint.rollback()
            outcome.refused.append((complaint.tracking_no, str(error)))
        else:
            savepoint.commit()
            outcome.done.append(complaint.tracking_no)
    return outcome, events
