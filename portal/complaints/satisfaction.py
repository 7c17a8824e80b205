"""Satisfaction follow-up (案后回访): the person's rating from /track, staff's phone call.

A rating of 基本满意 or better closes an answered case. 不满意 or 非常不满意 (差评) keeps it
open for the person's re-handling request; when the person left a name and a phone number the
case is marked ``follow_up_due`` until staff record their call back — every named 差评 gets one.
"""

from datetime import date

from portal.audit.services import PUBLIC_ACTOR, Actor, record_change
from portal.complaints.models import (
    DISSATISFIED_AT_MOST,
    SATISFACTION_LEVELS,
    Complaint,
    ComplaintEvent,
    ComplaintRating,
)
from portal.complaints.schedule import complaint_calendar, local_date, refresh_due_on
from portal.complaints.workflow import WorkflowError
from portal.core.deadline_rules import bad_rating_callback_due
from portal.staff.models import StaffUser

MAX_COMMENT = 500


def can_rate(complaint: Complaint) -> bool:
    """Whether the person may rate the latest answer now (once per answer, from the web)."""
    if complaint.state not in ("answered", "closed") or complaint.answer_round == 0:
        return False
    return not any(
        rating.source == "web" and rating.answer_round == complaint.answer_round
        for rating in complaint.ratings
    )


def callback_due_on(complaint: Complaint, calendar, config=None) -> date | None:
    """The last day for calling back a named 差评: ``BAD_RATING_CALLBACK_DAYS`` (5) working
    days after the latest bad web rating; None when no call-back is owed."""
    if not complaint.follow_up_due:
        return None
    bad = [r for r in complaint.ratings if r.source == "web" and r.level <= DISSATISFIED_AT_MOST]
    if not bad:
        return None
    rated_on = local_date(max(rating.rated_at for rating in bad))
    return bad_rating_callback_due(rated_on, calendar, config).due


def is_named(complaint: Complaint) -> bool:
    """实名: a name and a phone number (a call-back needs a phone; an e-mail is not enough)."""
    return not complaint.is_anonymous and bool(complaint.contact_name and complaint.contact_phone)


def _check_level(level: int) -> None:
    if level not in SATISFACTION_LEVELS:
        raise WorkflowError("请选择满意程度", "level")


def rate(session, complaint: Complaint, level: int, comment: str, *, now, calendar=None):
    """The person's rating of the latest answer; returns the history entries it added."""
    if not can_rate(complaint):
        raise WorkflowError("该件现在不能评价，或已经评价过")
    _check_level(level)
    comment = (comment or "").strip()[:MAX_COMMENT]
    before = complaint.audit_snapshot()
    rating = ComplaintRating(
        complaint=complaint,
        answer_round=complaint.answer_round,
        source="web",
        level=level,
        comment=comment,
        rated_at=now,
    )
    session.add(rating)
    events = [
        ComplaintEvent(
            complaint=complaint,
            at=now,
            action="rated",
            state_after=complaint.state,
            by_public=True,
            public_note=SATISFACTION_LEVELS[level] + (f"：{comment}" if comment else ""),
        )
    ]
    if level <= DISSATISFIED_AT_MOST:
        complaint.follow_up_due = complaint.follow_up_due or is_named(complaint)
    elif complaint.state == "answered":
        complaint.state, complaint.closed_at = "closed", now
        refresh_due_on(complaint, calendar if calendar is not None else complaint_calendar())
        events.append(
            ComplaintEvent(
                complaint=complaint,
                at=now,
                action="closed",
                state_after="closed",
                by_public=True,
                internal_note="评价后办结",
            )
        )
    session.add_all(events)
    session.flush()
    record_change(
        session,
        PUBLIC_ACTOR,
        "complaint.rate",
        "complaint",
        complaint.tracking_no,
        before=before,
        after={**complaint.audit_snapshot(), "level": level},
        unit_id=complaint.handling_unit_id,
    )
    return events


def record_follow_up(
    session, user: StaffUser, complaint: Complaint, level: int, note: str, *, now
) -> ComplaintEvent:
    """A staff member's phone call back: the level the person gave and what was said."""
    if complaint.answer_round == 0:
        raise WorkflowError("答复之后才能回访")
    _check_level(level)
    note = (note or "").strip()
    if len(note) < 2:
        raise WorkflowError("请填写回访情况", "note")
    before = complaint.audit_snapshot()
    session.add(
        ComplaintRating(
            complaint=complaint,
            answer_round=complaint.answer_round,
            source="phone",
            level=level,
            comment=note[:MAX_COMMENT],
            rated_at=now,
            recorded_by_id=user.id,
        )
    )
    complaint.follow_up_due = False
    event = ComplaintEvent(
        complaint=complaint,
        at=now,
        action="followed_up",
        state_after=complaint.state,
        unit_id=user.unit_id,
        actor_id=user.id,
        public_note=f"电话回访：{SATISFACTION_LEVELS[level]}",
        internal_note=note,
    )
    session.add(event)
    session.flush()
    record_change(
        session,
        Actor.of_user(user),
        "complaint.follow_up",
        "complaint",
        complaint.tracking_no,
        before=before,
        after={**complaint.audit_snapshot(), "level": level},
        unit_id=complaint.handling_unit_id,
    )
    return event
