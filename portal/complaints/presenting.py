"""What the person is shown about a complaint: the timeline by unit, the deadline, the forms.

Staff are never named to the public: each step shows the unit that took it, "综合监督科" for the
supervision office, or "您" for the person's own steps. Internal notes stay in the back office.
"""

from dataclasses import dataclass
from datetime import date, datetime

from portal.complaints.deadlines import (
    ANSWER_DAYS,
    MAX_EXTENSION_DAYS,
    REHANDLING_ANSWER_DAYS,
    Deadline,
    acceptance_deadline,
)
from portal.complaints.models import Complaint
from portal.complaints.review_organ import reconsideration_pointer, review_organ
from portal.complaints.satisfaction import can_rate
from portal.complaints.schedule import (
    deadline_for,
    describe_remaining,
    local_date,
    rehandling_window_open,
)
from portal.core.calendar import WorkingCalendar

#: history action → what the person reads
ACTION_LABELS = {
    "submitted": "提交",
    "accepted": "受理",
    "rejected": "不予受理",
    "assigned": "交办承办人员办理",
    "reassigned": "改派办理单位",
    "extended": "延长办理期限",
    "extension_requested": "申请延长办理期限",
    "extension_refused": "延期申请未获批准",
    "answered": "答复",
    "rehandling_requested": "申请复查",
    "rehandling_answered": "复查意见",
    "closed": "办结",
    "rated": "评价",
    "followed_up": "回访",
}
SUPERVISION_OFFICE = "市城市管理局综合监督科"
ANSWER_ACTIONS = ("answered", "rehandling_answered")

#: back-office step → its button and page title
STEP_TITLES = {
    "accept": "受理",
    "reject": "不予受理",
    "assign": "交办承办人",
    "reassign": "改派办理单位",
    "extend": "申请延长办理期限",
    "decide_extension": "审批延期申请",
    "reply": "答复",
    "close": "办结",
    "follow_up": "记录电话回访",
}


@dataclass(frozen=True)
class TimelineStep:
    at: datetime
    label: str
    by: str
    note: str


#: steps between the unit and the supervisors, not the person's business until decided
INTERNAL_ACTIONS = frozenset({"extension_requested", "extension_refused"})


def public_timeline(complaint: Complaint) -> list[TimelineStep]:
    steps = []
    for event in complaint.events:
        if event.action in INTERNAL_ACTIONS:
            continue
        if event.by_public:
            by = "您"
        elif event.action == "rehandling_answered":
            by = f"{review_organ(complaint.handling_unit)}（{SUPERVISION_OFFICE}办理）"
        elif event.unit is not None:
            by = event.unit.name
        else:
            by = SUPERVISION_OFFICE
        # an answer's text has its own section of the page; the timeline just marks the step
        note = "" if event.action in ANSWER_ACTIONS else event.public_note
        steps.append(TimelineStep(event.at, ACTION_LABELS[event.action], by, note))
    return steps


def status_context(complaint: Complaint, today: date, calendar: WorkingCalendar | None) -> dict:
    """Template values shared by the receipt and the status page."""
    deadline: Deadline | None = deadline_for(complaint, today, calendar)
    last_rating = next(
        (rating for rating in reversed(complaint.ratings) if rating.source == "web"), None
    )
    rehandling_open = rehandling_window_open(complaint, today, calendar)
    return {
        "review_organ": review_organ(complaint.handling_unit),
        "reconsideration_pointer": reconsideration_pointer(complaint.handling_unit)
        if complaint.rehandling_answered_at is not None
        else "",
        "deadline": deadline,
        "deadline_remaining": describe_remaining(deadline, today) if deadline else "",
        "deadline_clock": deadline.clock(today) if deadline else "",
        "deadline_overdue": bool(deadline) and deadline.due_on < today,
        "acceptance": acceptance_deadline(local_date(complaint.submitted_at), calendar),
        "answer_days": ANSWER_DAYS,
        "max_extension_days": MAX_EXTENSION_DAYS,
        "rehandling_answer_days": REHANDLING_ANSWER_DAYS,
        "can_rate": can_rate(complaint),
        "last_rating": last_rating,
        "can_request_rehandling": rehandling_open
        and any(rating.is_dissatisfied for rating in complaint.ratings),
        "rehandling_open": rehandling_open,
    }
