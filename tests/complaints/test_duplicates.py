"""Similar cases and 重复件: listed when a case is opened, linked by staff, answered together
(each person their own reply), counted once per person and once per matter."""

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.complaints.models import Complaint
from portal.extensions import db
from portal.org.models import Unit
from tests.complaints.factories import make_complaint, make_staff

BARBECUE = "晚上建设路有人露天烧烤，油烟很大，噪声扰民到凌晨。"


@pytest.fixture
def cases(app, units):
    make_staff(app, "xinhua_staff", unit_code="xinhua")
    make_staff(app, "weidong_staff", unit_code="weidong")
    with app.app_context():
        xinhua, weidong = (
            db.session.scalars(select(Unit).where(Unit.code == code)).one()
            for code in ("xinhua", "weidong")
        )
        made = {
            "first": make_complaint(
                db.session, xinhua, location="建设路与中兴路交叉口", description=BARBECUE
            ),
            "same": make_complaint(
                db.session,
                xinhua,
                location="中兴路建设路口",
                description="建设路露天烧烤噪声扰民，夜里吵得睡不着。",
                contact_name="王五",
            ),
            "unrelated": make_complaint(
                db.session,
                xinhua,
                location="湛河区开源路",
                description="执法人员态度粗暴，推搡摊主。",
            ),
            "other_unit": make_complaint(
                db.session, weidong, location="建设路与中兴路交叉口", description=BARBECUE
            ),
        }
        return {name: (case.id, case.tracking_no) for name, case in made.items()}


def audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        ).all()


def test_opening_a_case_lists_the_units_similar_open_cases(client, login, cases):
    login("xinhua_staff")
    page = client.get(f"/admin/complaints/{cases['first'][0]}").get_data(as_text=True)
    section = page[page.index('id="case-duplicates"') :]
    assert cases["same"][1] in section and "地点相近、事项相近" in section
    assert cases["unrelated"][1] not in section
    assert cases["other_unit"][1] not in page


def test_linking_answering_together_and_counting(app, client, login, cases):
    first_id, first_no = cases["first"]
    same_id, same_no = cases["same"]
    login("xinhua_staff")
    linked = client.post(f"/admin/complaints/{same_id}/duplicates", data={"other": first_id})
    assert linked.status_code == 302
    entry = audit(app, "complaint.duplicate_linked")[-1]
    assert (entry.object_id, entry.actor_label) == (same_no, "xinhua_staff")
    assert entry.after_json == f'{{"duplicate_of": "{first_no}"}}'
    page = client.get(f"/admin/complaints/{first_id}").get_data(as_text=True)
    assert "同一事项的重复件" in page and same_no in page
    queue = client.get("/admin/complaints/").get_data(as_text=True)
    assert "未办结 <strong>3</strong> 件" in queue and "涉及 <strong>2</strong> 个事项" in queue

    for case_id in (first_id, same_id):
        client.post(f"/admin/complaints/{case_id}/act/accept", data={"note": ""})
    form = client.get(f"/admin/complaints/{first_id}/act/reply").get_data(as_text=True)
    assert "同时答复本事项的全部重复件" in form and same_no in form
    answer = "您好：已对建设路夜间露天烧烤进行整治，并安排夜间巡查。"
    done = client.post(
        f"/admin/complaints/{first_id}/act/reply", data={"text": answer, "to_linked": "y"}
    )
    assert done.status_code == 302
    with app.app_context():
        replies = {
            case.id: (case.state, case.reply, case.contact_name)
            for case in db.session.scalars(
                select(Complaint).where(Complaint.id.in_([first_id, same_id]))
            )
        }
    # each person has their own answered case (and rates it on their own status page)
    assert replies[first_id][:2] == replies[same_id][:2] == ("answered", answer)
    assert replies[same_id][2] == "王五"
    assert [entry.object_id for entry in audit(app, "complaint.answered")] == [first_no, same_no]


def test_unlinking_is_audited(app, client, login, cases):
    login("xinhua_staff")
    client.post(
        f"/admin/complaints/{cases['same'][0]}/duplicates", data={"other": cases["first"][0]}
    )
    client.post(f"/admin/complaints/{cases['first'][0]}/duplicates/unlink")
    with app.app_context():
        assert db.session.get(Complaint, cases["same"][0]).duplicate_of_id is None
    entry = audit(app, "complaint.duplicate_unlinked")[-1]
    assert entry.object_id == cases["first"][1]


def test_a_case_of_another_unit_cannot_be_linked_by_its_id(app, client, login, cases):
    login("xinhua_staff")
    response = client.post(
        f"/admin/complaints/{cases['first'][0]}/duplicates", data={"other": cases["other_unit"][0]}
    )
    assert response.status_code == 404
    assert audit(app, "complaint.duplicate_linked") == []
