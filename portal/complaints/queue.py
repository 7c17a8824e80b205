"""The back-office queue: a unit's complaints (every unit's for supervisors), filtered and paged.

Most urgent first by default: ordered by the staff deadline (``due_on``), cases with nothing
due from staff last, then by id; or newest first. Pages are keyset pages (no OFFSET).
Everything is selected through ``scoped_select``, so staff see their unit's cases only.
"""

from dataclasses import dataclass, fields
from datetime import date, timedelta

from flask import abort
from sqlalchemy import func, select, true, tuple_

from portal.complaints.duplicates import count_people_and_matters
from portal.complaints.models import CHANNELS, KINDS, STATES, Complaint
from portal.core.pagination import Page, decode_cursor, encode_cursor, keyset_page
from portal.org.models import Unit
from portal.staff.scoping import scope_to_unit, scoped_select

FINAL_STATES = ("closed", "rejected")
STATE_FILTERS = {"open": "未办结", "": "全部", **STATES}
DUE_FILTERS = {"": "不限", "overdue": "已超期", "soon": "3日内到期", "week": "7日内到期"}
SORTS = {"due": "期限最近的在前", "new": "最新提交的在前"}
#: what sorts after every real date when nothing is due from staff
NO_DUE_DATE = date(9999, 12, 31)
PAGE_SIZE = 50


@dataclass(frozen=True)
class QueueFilters:
    state: str = "open"
    kind: str = ""
    channel: str = ""
    due: str = ""
    #: a unit code, "none" for cases still with the supervision office, "" for all
    unit: str = ""
    follow_up: str = ""
    number: str = ""
    sort: str = "due"

    @classmethod
    def from_args(cls, args) -> "QueueFilters":
        """Filters from the query string; unknown values fall back to the defaults."""
        allowed = {
            "state": STATE_FILTERS,
            "kind": {"": "", **KINDS},
            "channel": {"": "", **CHANNELS},
            "due": DUE_FILTERS,
            "follow_up": {"": "", "1": ""},
            "sort": SORTS,
        }
        values = {}
        for field in fields(cls):
            value = args.get(field.name, field.default).strip()
            if field.name in allowed and value not in allowed[field.name]:
                value = field.default
            values[field.name] = value
        values["number"] = "".join(char for char in values["number"] if char.isdigit())[:16]
        values["unit"] = values["unit"][:32]
        return cls(**values)

    def as_args(self) -> dict:
        return {
            field.name: getattr(self, field.name)
            for field in fields(self)
            if getattr(self, field.name) != field.default
        }


def _filtered(filters: QueueFilters, today: date):
    stmt = scoped_select(Complaint)
    if filters.state == "open":
        stmt = stmt.where(Complaint.state.not_in(FINAL_STATES))
    elif filters.state:
        stmt = stmt.where(Complaint.state == filters.state)
    if filters.kind:
        stmt = stmt.where(Complaint.kind == filters.kind)
    if filters.channel:
        stmt = stmt.where(Complaint.channel == filters.channel)
    if filters.due == "overdue":
        stmt = stmt.where(Complaint.due_on < today)
    elif filters.due in ("soon", "week"):
        days = 3 if filters.due == "soon" else 7
        stmt = stmt.where(Complaint.due_on >= today, Complaint.due_on <= today + timedelta(days))
    if filters.unit == "none":
        stmt = stmt.where(Complaint.handling_unit_id.is_(None))
    elif filters.unit:
        unit_ids = select(Unit.id).where(Unit.code == filters.unit)
        stmt = stmt.where(Complaint.handling_unit_id.in_(unit_ids))
    if filters.follow_up:
        stmt = stmt.where(Complaint.follow_up_due == true())
    if filters.number:
        stmt = stmt.where(Complaint.tracking_no.like(f"%{filters.number}%"))
    return stmt


def queue_page(session, filters: QueueFilters, today: date, cursor: str | None) -> Page:
    stmt = _filtered(filters, today)
    if filters.sort == "new":
        return keyset_page(
            session, stmt, [Complaint.id], lambda c: (c.id,), cursor, PAGE_SIZE, descending=True
        )
    due_key = func.coalesce(Complaint.due_on, NO_DUE_DATE)
    after = decode_cursor(cursor, 2)
    if after is not None:
        try:
            after_due, after_id = date.fromordinal(int(after[0])), int(after[1])
        except (TypeError, ValueError, OverflowError):
            abort(400, "翻页参数无效")
        stmt = stmt.where(tuple_(due_key, Complaint.id) > tuple_(after_due, after_id))
    rows = session.scalars(stmt.order_by(due_key, Complaint.id).limit(PAGE_SIZE + 1)).all()
    next_cursor = None
    if len(rows) > PAGE_SIZE:
        last = rows[PAGE_SIZE - 1]
        next_cursor = encode_cursor(((last.due_on or NO_DUE_DATE).toordinal(), last.id))
    return Page(rows[:PAGE_SIZE], next_cursor)


def queue_counts(session, today: date) -> dict[str, int]:
    """Numbers for the queue's header, in the user's scope."""
    open_cases = Complaint.state.not_in(FINAL_STATES)

    def count(*conditions) -> int:
        stmt = scope_to_unit(select(func.count()).select_from(Complaint), Complaint)
        return session.scalar(stmt.where(*conditions)) or 0

    # 重复件: once per person and once per matter, both shown
    people, matters = count_people_and_matters(session, open_cases)
    return {
        "open_people": people,
        "open_matters": matters,
        "overdue": count(open_cases, Complaint.due_on < today),
        "soon": count(Complaint.due_on >= today, Complaint.due_on <= today + timedelta(3)),
        "follow_up": count(Complaint.follow_up_due == true()),
        "unrouted": count(open_cases, Complaint.handling_unit_id.is_(None)),
    }
