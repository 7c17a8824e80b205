"""Bulk actions on the queue: each case through its own workflow step, audited on its own."""

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.complaints import workflow
from portal.complaints.models import Complaint, ReplyTemplate
from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Unit
from portal.staff.models import StaffUser
from tests.complaints.factories import make_complaint, make_staff


@pytest.fixture
def cases(app, units):
    """Three new cases of 新华区, one already accepted, and one case of 卫东区."""
    make_staff(app, "xinhua_staff", unit_code="xinhua")
    make_staff(app, "xinhua_other", unit_code="xinhua")
    with app.app_context():
        xinhua, weidong = (
            db.session.scalars(select(Unit).where(Unit.code == code)).one()
            for code in ("xinhua", "weidong")
        )
        staff = db.session.scalars(
            select(StaffUser).where(StaffUser.username == "xinhua_staff")
        ).one()
        new = [make_complaint(db.session, xinhua, description=f"占道经营第{n}件") for n in range(3)]
        accepted = make_complaint(db.session, xinhua)
        workflow.accept(db.session, staff, accepted, now=utcnow())
        other_unit = make_complaint(db.session, weidong)
        db.session.commit()
        return {
            "new": [case.id for case in new],
            "accepted": accepted.id,
            "other_unit": other_unit.id,
        }


def audit_of(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        ).all()


def tracking_numbers(app, ids) -> list[str]:
    with app.app_context():
        return [db.session.get(Complaint, case_id).tracking_no for case_id in ids]


def test_bulk_accept_takes_each_case_on_its_own_and_skips_what_cannot(app, client, login, cases):
    login("xinhua_staff")
    selected = [*cases["new"], cases["accepted"]]
    chosen = client.post("/admin/complaints/bulk", data={"action": "accept", "selected": selected})
    assert chosen.status_code == 200 and "确认批量受理" in chosen.get_data(as_text=True)
    done = client.post(
        "/admin/complaints/bulk", data={"action": "accept", "selected": selected, "confirm": "1"}
    )
    page = done.get_data(as_text=True)
    assert "已受理 3 件" in page and "未处理 1 件" in page
    accepted_no = tracking_numbers(app, [cases["accepted"]])[0]
    assert f"{accepted_no}：当前状态为“已受理”，不能受理" in page
    entries = audit_of(app, "complaint.accepted")
    # one entry per case (the fixture's own acceptance first)
    assert [entry.object_id for entry in entries[1:]] == tracking_numbers(app, cases["new"])
    assert {entry.actor_label for entry in entries[1:]} == {"xinhua_staff"}


def test_another_units_case_is_not_touched_by_a_forged_selection(app, client, login, cases):
    login("xinhua_staff")
    response = client.post(
        "/admin/complaints/bulk",
        data={"action": "accept", "selected": [cases["other_unit"]], "confirm": "1"},
    )
    assert response.status_code == 400
    assert "不在您的办理范围内" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Complaint, cases["other_unit"]).state == "submitted"
    assert audit_of(app, "complaint.accepted")[1:] == []


def test_bulk_reply_template_answers_each_person_separately(app, client, login, cases):
    with app.app_context():
        unit_id = db.session.scalars(select(Unit.id).where(Unit.code == "xinhua")).one()
        template = ReplyTemplate(
            unit_id=unit_id,
            title="占道经营已处理",
            body="您好：您反映的占道经营问题已现场处置并将持续巡查。",
        )
        db.session.add(template)
        db.session.commit()
        template_id = template.id
    login("xinhua_staff")
    for case_id in cases["new"][:2]:
        client.post(f"/admin/complaints/{case_id}/act/accept", data={"note": ""})
    data = {"action": "template", "selected": cases["new"][:2], "confirm": "1"}
    missing = client.post("/admin/complaints/bulk", data=data)
    assert missing.status_code == 400 and "请选择答复模板" in missing.get_data(as_text=True)
    done = client.post("/admin/complaints/bulk", data={**data, "template": template_id})
    assert "已按模板答复 2 件" in done.get_data(as_text=True)
    with app.app_context():
        for case_id in cases["new"][:2]:
            complaint = db.session.get(Complaint, case_id)
            assert complaint.state == "answered" and complaint.reply.startswith("您好：您反映")
    assert len(audit_of(app, "complaint.answered")) == 2


def test_bulk_assign_and_extension_request(app, client, login, cases):
    login("xinhua_staff")
    ids = cases["new"]
    client.post(
        "/admin/complaints/bulk", data={"action": "accept", "selected": ids, "confirm": "1"}
    )
    with app.app_context():
        other = db.session.scalars(
            select(StaffUser).where(StaffUser.username == "xinhua_other")
        ).one()
    assign = {"action": "assign", "selected": ids, "confirm": "1", "handler": other.id}
    assert "已交办 3 件" in client.post("/admin/complaints/bulk", data=assign).text
    extend = {"action": "extend", "selected": ids, "confirm": "1", "days": "20", "reason": "短"}
    refused = client.post("/admin/complaints/bulk", data=extend)
    # a refused form keeps what was typed
    assert refused.status_code == 400 and ">短</textarea>" in refused.get_data(as_text=True)
    extend["reason"] = "需会同市场监管部门联合核查"
    assert "已申请延期 3 件" in client.post("/admin/complaints/bulk", data=extend).text
    with app.app_context():
        for case_id in ids:
            complaint = db.session.get(Complaint, case_id)
            # the unit only asks: the deadline moves once a supervisor approves (issue 12)
            assert complaint.handler_id == other.id and complaint.extension_days == 0
            assert (complaint.extension_status, complaint.extension_requested_days) == (
                "pending",
                20,
            )
    assert len(audit_of(app, "complaint.assigned")) == 3
    assert len(audit_of(app, "complaint.extension_requested")) == 3
