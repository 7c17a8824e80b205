"""Closed complaints and published outcomes for the outcome tests (call in an app context)."""

from datetime import datetime, timedelta

from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.complaints import satisfaction, workflow
from portal.extensions import db
from portal.org.models import Unit
from portal.results.outcomes.masking import prefill
from portal.results.outcomes.services import publish_outcome
from portal.staff.models import StaffUser
from tests.complaints.factories import make_complaint, make_staff

#: 2026-03-02 10:00 in Shanghai
SUBMITTED_AT = datetime(2026, 3, 2, 2, 0)
CONTACT_NAME = "演示投诉人042"
CONTACT_PHONE = "17000000042"
CONTACT_EMAIL = "demo0042@example.invalid"
#: what must never appear in any public output
PRIVATE = (CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL, "demo0042", "1700000")


def unit_of(code: str) -> Unit:
    return db.session.scalars(select(Unit).where(Unit.code == code)).one()


def add_units(app, create_unit) -> None:
    """新华区 and 卫东区, each with a staff member (call before any app context is entered)."""
    create_unit("xinhua", name="平顶山市新华区城市管理和综合执法局", short_name="新华区")
    create_unit("weidong", name="平顶山市卫东区城市管理和综合执法局", short_name="卫东区")
    make_staff(app, "staff_xinhua", unit_code="xinhua")
    make_staff(app, "staff_weidong", unit_code="weidong")


def staff_of(app, unit: Unit) -> StaffUser:
    user = db.session.scalars(select(StaffUser).where(StaffUser.unit_id == unit.id)).first()
    if user is None:
        raise LookupError(f"no staff in {unit.code}: create one before entering the app context")
    return user


def closed_complaint(
    app,
    unit_code: str,
    *,
    kind: str = "complaint",
    description: str = "在建设路与中兴路交叉口，执法人员执法时态度粗暴，推搡摊主。",
    reply: str = "经调查核实，执法人员存在言行不规范问题，已批评教育并责令书面检查。",
    rating: int | None = 5,
    day: int = 0,
    answer_after_days: int = 8,
    close: bool = True,
    **fields,
):
    """A complaint submitted ``day`` days after 2 March 2026, accepted, answered and closed
    (by a rating of ``rating``, or by staff when it is None or 差评)."""
    unit = unit_of(unit_code)
    staff = staff_of(app, unit)
    submitted = SUBMITTED_AT + timedelta(days=day)
    details = {
        "contact_name": CONTACT_NAME,
        "contact_phone": CONTACT_PHONE,
        "contact_email": CONTACT_EMAIL,
        **fields,
    }
    complaint = make_complaint(
        db.session, unit, kind=kind, submitted_at=submitted, description=description, **details
    )
    workflow.accept(db.session, staff, complaint, now=submitted + timedelta(days=1))
    answered = submitted + timedelta(days=answer_after_days)
    workflow.reply(db.session, staff, complaint, reply, now=answered)
    if close:
        if rating is not None:
            satisfaction.rate(db.session, complaint, rating, "", now=answered + timedelta(hours=5))
        if complaint.state != "closed":
            workflow.close(db.session, staff, complaint, now=answered + timedelta(days=1))
    db.session.commit()
    return complaint


def published(app, unit_code: str, category: str = "conduct", **fields):
    """A closed complaint with its outcome published from the prefilled (masked) texts."""
    complaint = closed_complaint(app, unit_code, **fields)
    texts = prefill(complaint)
    outcome = publish_outcome(
        db.session,
        CLI_ACTOR,
        complaint,
        category=category,
        summary=texts["summary"],
        reply=texts["reply"],
    )
    db.session.commit()
    return outcome
