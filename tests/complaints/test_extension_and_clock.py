"""The extension through the back office (unit asks, supervisor decides), the clock on the
person's status page, and the calendar banner for supervisors."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.complaints.models import Complaint
from portal.complaints.schedule import complaint_calendar, local_date, refresh_due_on
from portal.core.models import utcnow
from portal.core.periods import calendar_days
from portal.extensions import db
from portal.org.models import Unit
from tests.complaints.factories import make_complaint, make_staff


@pytest.fixture
def staff(app, units):
    make_staff(app, "xinhua_staff", unit_code="xinhua")
    make_staff(app, "chief", role="supervisor")


def _accepted(app, client, login, submit):
    number, code, _page = submit()
    with app.app_context():
        query = select(Complaint.id).where(Complaint.tracking_no == number)
        case_id = db.session.scalars(query).one()
    login("xinhua_staff")
    assert client.post(f"/admin/complaints/{case_id}/act/accept").status_code == 302
    return case_id, number, code


def test_the_unit_asks_the_supervisor_grants_and_the_person_reads_why(
    app, client, login, staff, submit, open_status
):
    case_id, number, code = _accepted(app, client, login, submit)
    response = client.post(
        f"/admin/complaints/{case_id}/act/extend",
        data={"days": "10", "reason": "需要会同住建部门现场复测。"},
    )
    assert response.status_code == 302
    # the unit cannot grant it itself
    assert client.get(f"/admin/complaints/{case_id}/act/decide_extension").status_code == 403
    client.post("/admin/logout")
    login("chief")
    response = client.post(
        f"/admin/complaints/{case_id}/act/decide_extension",
        data={"decision": "approve", "note": "同意"},
    )
    assert response.status_code == 302
    with app.app_context():
        case = db.session.get(Complaint, case_id)
        accepted_on, due_on = local_date(case.accepted_at), case.answer_due_on
        expected = calendar_days(accepted_on, 70, complaint_calendar()).due
        actions = db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.object_id == number).order_by(AuditEntry.id)
        ).all()
    assert actions[-2:] == ["complaint.extension_requested", "complaint.extended"]
    assert due_on == expected  # 60 + 10 days from acceptance

    app.config["TODAY"] = (accepted_on + timedelta(days=12)).isoformat()
    page = open_status(number, code)
    assert "第 12 天 / 共 70 天" in page
    assert "经批准，办理期限已延长10日" in page and "需要会同住建部门现场复测。" in page
    assert f"延长后的答复期限为{due_on.year}年{due_on.month}月{due_on.day}日" in page


def test_after_the_answer_deadline_the_extension_is_refused_with_a_reason(
    app, client, login, staff, submit
):
    case_id, number, _code = _accepted(app, client, login, submit)
    with app.app_context():
        case = db.session.get(Complaint, case_id)
        case.accepted_at = utcnow() - timedelta(days=75)
        refresh_due_on(case, complaint_calendar())
        db.session.commit()
    response = client.post(
        f"/admin/complaints/{case_id}/act/extend",
        data={"days": "10", "reason": "需要会同住建部门现场复测。"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "不能再延期：逾期答复仍计为逾期" in page
    assert "需要会同住建部门现场复测。" in page  # what was typed stays
    with app.app_context():
        assert db.session.get(Complaint, case_id).extension_status == ""


@pytest.mark.app_config(TODAY="2026-12-04")
def test_supervisors_see_the_banner_while_an_open_deadline_is_provisional(
    app, client, login, staff, runner, tmp_path
):
    with app.app_context():
        xinhua = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
        make_complaint(db.session, xinhua, submitted_at=utcnow())
        case = db.session.scalars(select(Complaint)).one()
        case.due_on = case.due_on.replace(year=2027, month=1, day=4)
        db.session.commit()
    login("chief")
    page = client.get("/admin/complaints/").get_data(as_text=True)
    assert 'id="calendar-banner"' in page and "2027年的正式节假日安排尚未导入" in page
    client.post("/admin/logout")
    login("xinhua_staff")
    assert 'id="calendar-banner"' not in client.get("/admin/complaints/").get_data(as_text=True)

    schedule = tmp_path / "2027.json"
    schedule.write_text(json.dumps({"holidays": ["2027-01-01"]}), "utf-8")
    assert runner.invoke(args=["calendar", "import", str(schedule)]).exit_code == 0
    client.post("/admin/logout")
    login("chief")
    assert 'id="calendar-banner"' not in client.get("/admin/complaints/").get_data(as_text=True)


def _answered_and_rated_bad(app, rated_at, **contact):
    from portal.complaints import satisfaction, workflow
    from portal.staff.models import StaffUser

    with app.app_context():
        xinhua = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
        case = make_complaint(
            db.session, xinhua, submitted_at=rated_at - timedelta(days=9), **contact
        )
        clerk = db.session.scalars(
            select(StaffUser).where(StaffUser.username == "xinhua_staff")
        ).one()
        workflow.accept(db.session, clerk, case, now=rated_at - timedelta(days=8))
        workflow.reply(
            db.session,
            clerk,
            case,
            "经核查已依法处理，感谢您的监督。",
            now=rated_at - timedelta(days=1),
        )
        satisfaction.rate(db.session, case, 1, "不满意", now=rated_at)
        db.session.commit()
        return case.id


@pytest.mark.app_config(BAD_RATING_CALLBACK_DAYS=5)
def test_a_named_bad_rating_is_due_for_a_call_back_in_five_working_days(app, client, login, staff):
    from datetime import date, datetime

    from portal.complaints.satisfaction import callback_due_on

    # rated Thursday 24 Dec 2026 (10:00 in Shanghai): 25, 28, 29, 30, 31 Dec → due 31 Dec
    case_id = _answered_and_rated_bad(app, datetime(2026, 12, 24, 2))
    with app.app_context():
        case = db.session.get(Complaint, case_id)
        assert case.follow_up_due
        assert callback_due_on(case, complaint_calendar(), app.config) == date(2026, 12, 31)
    login("xinhua_staff")
    page = client.get("/admin/complaints/?state=all").get_data(as_text=True)
    assert "回访期限 2026-12-31" in page


def test_an_overdue_call_back_is_flagged_to_staff(app, client, login, staff):
    from datetime import datetime

    # rated Monday 2 Nov 2026: due Monday 9 Nov, long past on any day this test runs
    _answered_and_rated_bad(app, datetime(2026, 11, 2, 2))
    login("xinhua_staff")
    page = client.get("/admin/complaints/?state=all").get_data(as_text=True)
    assert "回访期限 2026-11-09" in page and "回访超期" in page


def test_a_name_with_only_an_e_mail_is_not_named(app, staff):
    from datetime import datetime

    case_id = _answered_and_rated_bad(app, datetime(2026, 11, 24, 2), contact_phone="")
    with app.app_context():
        assert not db.session.get(Complaint, case_id).follow_up_due
