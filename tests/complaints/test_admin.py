"""The back office as unit staff and supervisors use it."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.complaints.models import Complaint, ReplyTemplate
from portal.core.models import local_today, utcnow
from portal.extensions import db
from portal.org.models import Unit
from tests.complaints.conftest import complaint_by_number, unit_id
from tests.complaints.factories import make_complaint, make_staff


@pytest.fixture
def staff(app, units):
    make_staff(app, "xinhua_staff", unit_code="xinhua")
    make_staff(app, "weidong_staff", unit_code="weidong")
    make_staff(app, "chief", role="supervisor")


def _make(app, unit_code: str | None, **fields) -> SimpleNamespace:
    """A complaint about the unit; returns its id and tracking number."""
    with app.app_context():
        unit = db.session.scalars(select(Unit).where(Unit.code == unit_code)).first()
        complaint = make_complaint(db.session, unit, **fields)
        return SimpleNamespace(id=complaint.id, tracking_no=complaint.tracking_no)


def _audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def _set_due(app, case, days_from_today: int) -> None:
    # the deadline rules are tested in test_deadlines/test_workflow; here only the queue
    with app.app_context():
        complaint = db.session.get(Complaint, case.id)
        complaint.due_on = local_today() + timedelta(days=days_from_today)
        db.session.commit()


def test_queue_shows_the_unit_its_own_cases_with_overdue_and_due_soon_marked(
    app, client, login, staff
):
    overdue, soon, later = (_make(app, "xinhua") for _ in range(3))
    _set_due(app, overdue, -5)
    _set_due(app, soon, 2)
    _set_due(app, later, 10)
    other = _make(app, "weidong")
    login("xinhua_staff")
    page = client.get("/admin/complaints/").get_data(as_text=True)
    assert other.tracking_no not in page
    rows = re.findall(r'<tr class="([^"]*)">\s*<td><a href="[^"]+">(\d{16})<', page)
    assert rows == [
        ("queue__row--overdue", overdue.tracking_no),
        ("queue__row--soon", soon.tracking_no),
        ("", later.tracking_no),
    ]
    assert "已超期5天" in page and "还剩2天" in page
    assert re.search(r'queue-count__number">1</span> 件已超期', page)
    assert re.search(r'queue-count__number">1</span> 件3日内到期', page)

    only_overdue = client.get("/admin/complaints/?due=overdue").get_data(as_text=True)
    assert overdue.tracking_no in only_overdue and later.tracking_no not in only_overdue
    week = client.get("/admin/complaints/?due=week").get_data(as_text=True)
    assert soon.tracking_no in week and later.tracking_no not in week


def test_queue_filters_by_state_kind_channel_and_number(app, client, login, staff):
    tipoff = _make(app, "xinhua", kind="tipoff")
    hotline = _make(app, "xinhua", channel="hotline")
    login("xinhua_staff")

    def numbers(query: str) -> set[str]:
        page = client.get(f"/admin/complaints/?{query}").get_data(as_text=True)
        return set(re.findall(r">(\d{16})</a>", page))

    assert numbers("kind=tipoff") == {tipoff.tracking_no}
    assert numbers("channel=hotline") == {hotline.tracking_no}
    assert numbers("state=closed") == set()
    assert numbers(f"number={tipoff.tracking_no[-6:]}") == {tipoff.tracking_no}
    assert numbers("state=bogus&kind=<script>") == {tipoff.tracking_no, hotline.tracking_no}
    assert client.get("/admin/complaints/?cursor=bm9wZQ").status_code == 400


def test_queue_pages_through_every_case_once(app, client, login, staff, monkeypatch):
    from portal.complaints import queue

    monkeypatch.setattr(queue, "PAGE_SIZE", 2)
    made = {_make(app, "xinhua", submitted_at=utcnow() - timedelta(days=d)).tracking_no
            for d in (1, 2, 3, 4, 5)}  # fmt: skip
    login("xinhua_staff")
    for sort in ("due", "new"):
        seen, url = [], f"/admin/complaints/?sort={sort}"
        while url:
            page = client.get(url).get_data(as_text=True)
            seen += re.findall(r">(\d{16})</a>", page)
            found = re.search(r'href="([^"]+cursor=[^"]+)">下一页', page)
            url = found.group(1).replace("&amp;", "&") if found else None
        assert sorted(seen) == sorted(made), sort


def test_a_supervisor_sees_every_unit_and_unrouted_tipoffs(app, client, login, staff):
    routed = _make(app, None, kind="tipoff", badge="100234")
    login("weidong_staff")
    assert routed.tracking_no not in client.get("/admin/complaints/").get_data(as_text=True)
    assert client.get(f"/admin/complaints/{routed.id}").status_code == 404
    client.post("/admin/logout")
    login("chief")
    page = client.get("/admin/complaints/?unit=none").get_data(as_text=True)
    assert routed.tracking_no in page and "待分派" in page


def test_contact_details_are_behind_an_audited_view(app, client, login, staff):
    case = _make(app, "xinhua", kind="tipoff", contact_name="赵举报", contact_phone="13700001111")
    login("xinhua_staff")
    detail = client.get(f"/admin/complaints/{case.id}").get_data(as_text=True)
    assert "赵举报" not in detail and "13700001111" not in detail
    assert "查看联系方式（留痕）" in detail
    assert _audit(app, "complaint.contact_view") == []
    contact = client.get(f"/admin/complaints/{case.id}/contact").get_data(as_text=True)
    assert "赵举报" in contact and "13700001111" in contact
    client.get(f"/admin/complaints/{case.id}/contact")
    views = _audit(app, "complaint.contact_view")
    assert [(v.actor_label, v.object_id) for v in views] == [("xinhua_staff", case.tracking_no)] * 2
    assert all("赵举报" not in v.after_json for v in views)


def test_a_tipoff_routed_away_is_invisible_to_the_accused_unit(app, client, login, staff):
    case = _make(
        app, "xinhua", kind="tipoff", description="新华区执法队员收受摊贩好处费，长期包庇占道经营。"
    )
    login("chief")
    page = client.get(f"/admin/complaints/{case.id}").get_data(as_text=True)
    assert "改派办理单位" in page
    response = client.post(
        f"/admin/complaints/{case.id}/act/reassign",
        data={"unit": "weidong", "reason": "举报涉及新华区执法人员，回避。"},
    )
    assert response.status_code == 302
    client.post("/admin/logout")
    login("xinhua_staff")
    for url in (
        "/admin/complaints/",
        f"/admin/complaints/{case.id}",
        f"/admin/complaints/{case.id}/contact",
        "/admin/audit/",
    ):
        response = client.get(url)
        assert "收受摊贩好处费" not in response.get_data(as_text=True), url
        assert "17000009999" not in response.get_data(as_text=True), url
    assert client.get(f"/admin/complaints/{case.id}").status_code == 404
    client.post("/admin/logout")
    login("weidong_staff")
    assert "收受摊贩好处费" in client.get(f"/admin/complaints/{case.id}").get_data(as_text=True)


def test_staff_cannot_reassign(app, client, login, staff):
    case = _make(app, "xinhua")
    login("xinhua_staff")
    assert client.get(f"/admin/complaints/{case.id}/act/reassign").status_code == 403
    response = client.post(
        f"/admin/complaints/{case.id}/act/reassign", data={"unit": "weidong", "reason": "试试"}
    )
    assert response.status_code == 403
    assert complaint_by_number(app, case.tracking_no).handling_unit_id == unit_id(app, "xinhua")


def test_the_steps_through_the_back_office(app, client, login, staff):
    case = _make(app, "xinhua")
    login("xinhua_staff")
    assert client.post(f"/admin/complaints/{case.id}/act/accept").status_code == 302
    page = client.get(f"/admin/complaints/{case.id}/act/assign").get_data(as_text=True)
    assert "由我本人承办" in page and "xinhua_staff的姓名" in page
    response = client.post(
        f"/admin/complaints/{case.id}/act/extend",
        data={"days": "45", "reason": "需要联合调查取证。"},
    )
    assert response.status_code == 400
    assert "延长天数应为1至30天" in response.get_data(as_text=True)
    assert "需要联合调查取证。" in response.get_data(as_text=True)
    response = client.post(f"/admin/complaints/{case.id}/act/reply", data={"text": "短"})
    assert response.status_code == 400 and "答复请写10至8000字" in response.get_data(as_text=True)
    response = client.post(
        f"/admin/complaints/{case.id}/act/reply", data={"text": "经核查已依法处理，感谢您的监督。"}
    )
    assert response.status_code == 302
    # a step that does not fit the state says so instead of acting
    response = client.post(f"/admin/complaints/{case.id}/act/accept")
    assert response.status_code == 400 and "现在不能受理" in response.get_data(as_text=True)
    assert client.post(f"/admin/complaints/{case.id}/act/close").status_code == 302
    detail = client.get(f"/admin/complaints/{case.id}").get_data(as_text=True)
    assert "已办结" in detail and "xinhua_staff" in detail  # staff see who did what
    assert client.get(f"/admin/complaints/{case.id}/act/nonsense").status_code == 404


def test_reply_templates_are_kept_per_unit_and_fill_the_reply(app, client, login, staff):
    case = _make(app, "xinhua")
    login("chief")
    client.post(
        "/admin/complaints/templates/new",
        data={"title": "通用答复", "body": "您好，经核查已处理完毕。"},
    )
    client.post("/admin/logout")
    login("xinhua_staff")
    client.post(
        "/admin/complaints/templates/new",
        data={"title": "新华区答复", "body": "您好，新华区已处理。"},
    )
    with app.app_context():
        templates = {t.title: t for t in db.session.scalars(select(ReplyTemplate))}
        assert templates["通用答复"].unit_id is None
        assert templates["新华区答复"].unit.code == "xinhua"
        shared_id, own_id = templates["通用答复"].id, templates["新华区答复"].id
    listing = client.get("/admin/complaints/templates/").get_data(as_text=True)
    assert "通用答复" in listing and "新华区答复" in listing
    assert client.get(f"/admin/complaints/templates/{shared_id}").status_code == 404
    client.post(f"/admin/complaints/{case.id}/act/accept")
    page = client.get(f"/admin/complaints/{case.id}/act/reply?template={own_id}").get_data(
        as_text=True
    )
    assert re.search(r'<textarea[^>]*name="text"[^>]*>\s*您好，新华区已处理。</textarea>', page)
    assert 'data-body="您好，经核查已处理完毕。"' in page
    client.post(
        f"/admin/complaints/templates/{own_id}",
        data={"title": "新华区答复", "body": "您好，新华区已处理并回访。"},
    )
    assert [e.actor_label for e in _audit(app, "reply_template.update")] == ["xinhua_staff"]
    client.post("/admin/logout")
    login("weidong_staff")
    assert client.get(f"/admin/complaints/templates/{own_id}").status_code == 404
    assert "新华区答复" not in client.get("/admin/complaints/templates/").get_data(as_text=True)


def test_staff_enter_a_hotline_call_and_tell_the_caller_the_numbers(app, client, login, staff):
    login("xinhua_staff")
    page = client.get("/admin/complaints/new").get_data(as_text=True)
    assert '<option selected value="xinhua">' in page
    data = {
        "channel": "hotline",
        "received_at": (utcnow() + timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M"),
        "kind": "complaint",
        "unit": "xinhua",
        "location": "矿工路中段",
        "description": "来电反映矿工路中段夜市油烟扰民，多次反映未解决。",
        "contact_name": "钱来电",
        "contact_phone": "13800001234",
    }
    response = client.post("/admin/complaints/new", data=data)
    assert response.status_code == 302
    slip = client.get(response.headers["Location"]).get_data(as_text=True)
    number = re.search(r'id="tracking-no"[^>]*>(\d{16})<', slip).group(1)
    assert re.search(r'id="query-code"[^>]*>\d{6}<', slip)
    complaint = complaint_by_number(app, number)
    assert complaint.channel == "hotline" and complaint.state == "submitted"
    with app.app_context():
        event = db.session.get(Complaint, complaint.id).events[0]
        assert (event.by_public, event.actor.username) == (False, "xinhua_staff")
    assert [e.actor_label for e in _audit(app, "complaint.submit")] == ["xinhua_staff"]


def test_staff_entry_errors_are_chinese(client, login, staff):
    login("xinhua_staff")
    response = client.post(
        "/admin/complaints/new", data={"channel": "pigeon", "received_at": "2099-01-01T00:00"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "请选择来源渠道" in page and "收到时间不能晚于现在" in page and "请写明事情经过" in page


def test_phone_follow_up_after_a_bad_rating(app, client, login, staff):
    from portal.complaints import satisfaction, workflow
    from portal.staff.models import StaffUser

    case = _make(app, "xinhua")
    with app.app_context():
        complaint = db.session.get(Complaint, case.id)
        user = db.session.scalars(select(StaffUser).filter_by(username="xinhua_staff")).one()
        workflow.accept(db.session, user, complaint, now=utcnow())
        workflow.reply(
            db.session, user, complaint, "经核查已依法处理，感谢您的监督。", now=utcnow()
        )
        satisfaction.rate(db.session, complaint, 2, "不满意", now=utcnow())
        db.session.commit()
    login("xinhua_staff")
    assert "差评待回访" in client.get("/admin/complaints/").get_data(as_text=True)
    assert case.tracking_no in client.get("/admin/complaints/?follow_up=1&state=").get_data(
        as_text=True
    )
    response = client.post(
        f"/admin/complaints/{case.id}/act/follow_up",
        data={"level": "3", "note": "已电话说明情况，基本认可。"},
    )
    assert response.status_code == 302
    assert not complaint_by_number(app, case.tracking_no).follow_up_due
