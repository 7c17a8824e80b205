"""Importing an official schedule, and keeping every open deadline in step with the calendar.

Due dates stored for the queue and the statistics (``Complaint.due_on``,
``Complaint.answer_due_on``, ``PenaltyDecision.publication_due_on``) are derived from their
start event and the calendar. When the calendar changes, ``recompute_open_deadlines`` derives
them again for every *open* item, writing an audit entry for each one that moves; what is
history stays: an answered complaint keeps the answer deadline it was judged by, a published
decision keeps the due date its timeliness was measured against.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import select

from portal.audit.services import Actor, record_change
from portal.complaints.deadlines import FINAL_STATES
from portal.complaints.models import Complaint
from portal.complaints.schedule import answer_due_on, staff_due_on
from portal.core.calendar import WorkingCalendar
from portal.core.calendar_models import CalendarYear
from portal.core.calendar_store import Schedule, current_calendar, forget_cached_calendar
from portal.core.deadline_rules import decision_publication_due
from portal.core.models import utcnow
from portal.core.publication import DRAFT, REVIEW
from portal.disclosure.decisions.models import PenaltyDecision


@dataclass
class Recomputed:
    complaints: list[tuple[int, date | None, date | None]] = field(default_factory=list)
    decisions: list[tuple[int, date, date]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.complaints) + len(self.decisions)


def import_schedule(session, actor: Actor, schedule: Schedule) -> Recomputed:
    """Store ``schedule`` as its year's official calendar (replacing an earlier import), audit
    it, and recompute every open deadline, all in the caller's transaction."""
    row = session.get(CalendarYear, schedule.year)
    before = None
    if row is None:
        row = CalendarYear(year=schedule.year)
        session.add(row)
    else:
        before = _row_audit(row)
    row.holidays_json = json.dumps([day.isoformat() for day in schedule.holidays])
    row.makeup_workdays_json = json.dumps([day.isoformat() for day in schedule.makeup_workdays])
    row.source = schedule.source
    row.imported_at = utcnow()
    session.flush()
    record_change(
        session,
        actor,
        "calendar.import",
        "calendar_year",
        schedule.year,
        before=before,
        after=_row_audit(row),
    )
    forget_cached_calendar()
    return recompute_open_deadlines(session, actor, current_calendar())


def recompute_open_deadlines(session, actor: Actor, calendar: WorkingCalendar) -> Recomputed:
    """Derive every open item's stored due dates from ``calendar``; audit each one that moves."""
    done = Recomputed()
    complaints = session.scalars(
        select(Complaint).where(Complaint.state.not_in(tuple(FINAL_STATES))).order_by(Complaint.id)
    ).all()
    for complaint in complaints:
        before = {"due_on": complaint.due_on, "answer_due_on": complaint.answer_due_on}
        complaint.due_on = staff_due_on(complaint, calendar)
        if complaint.answered_at is None:
            complaint.answer_due_on = answer_due_on(complaint, calendar)
        after = {"due_on": complaint.due_on, "answer_due_on": complaint.answer_due_on}
        if after != before:
            record_change(
                session,
                actor,
                "complaint.deadline_recomputed",
                "complaint",
                complaint.id,
                before=before,
                after=after,
                unit_id=complaint.handling_unit_id,
            )
            done.complaints.append((complaint.id, before["due_on"], complaint.due_on))
    decisions = session.scalars(
        select(PenaltyDecision)
        .where(
            PenaltyDecision.status.in_((DRAFT, REVIEW)),
            PenaltyDecision.first_published_at.is_(None),
        )
        .order_by(PenaltyDecision.id)
    ).all()
    for decision in decisions:
        due = decision_publication_due(decision.decided_on, calendar, current_app.config).due
        if due != decision.publication_due_on:
            record_change(
                session,
                actor,
                "decision.deadline_recomputed",
                "penalty_decision",
                decision.id,
                before={"publication_due_on": decision.publication_due_on},
                after={"publication_due_on": due},
                unit_id=decision.unit_id,
            )
            done.decisions.append((decision.id, decision.publication_due_on, due))
            decision.publication_due_on = due
    session.flush()
    return done


def _row_audit(row: CalendarYear) -> dict:
    return {
        "year": row.year,
        "holidays": json.loads(row.holidays_json),
        "makeup_workdays": json.loads(row.makeup_workdays_json),
        "source": row.source,
    }
