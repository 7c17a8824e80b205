"""复查 goes to the 复查机关 (handled by the supervision office), not back to the answering unit;
after the 复查 answer the status page says where to ask for 复核 (信访工作条例 第35–36条)."""

from datetime import date

from sqlalchemy import select

from portal.complaints import deadlines
from portal.complaints.review_organ import reconsideration_organ, review_organ
from portal.core.calendar_store import current_calendar
from portal.extensions import db
from portal.org.models import Unit
from tests.complaints.conftest import complaint_by_number
from tests.complaints.factories import make_staff
from tests.complaints.test_track import _answer

CITY = "平顶山市城市管理执法支队"
BUREAU = "平顶山市城市管理局"


def _configure(app, create_unit) -> None:
    city = create_unit("zhidui", name=CITY, short_name="支队", level="city")
    with app.app_context():
        db.session.get(Unit, city.id).review_organ_name = BUREAU
        xinhua = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
        xinhua.review_unit_id = city.id
        db.session.commit()


def _ask_for_review(client, number: str) -> None:
    client.post(f"/track/{number}/rating", data={"level": "1", "comment": "没人来处理"})
    response = client.post(
        f"/track/{number}/rehandling", data={"reason": "问题依旧存在，占道经营仍未清理。"}
    )
    assert response.status_code == 302


def test_review_goes_to_supervisors_and_the_page_names_both_organs(
    app, client, submit, open_status, create_unit, login
):
    _configure(app, create_unit)
    make_staff(app, "xinhua_staff", unit_code="xinhua")
    make_staff(app, "chief", role="supervisor")
    number, code, _page = submit()
    _answer(app, number)
    page = open_status(number, code)
    client.post(f"/track/{number}/rating", data={"level": "1", "comment": "没人来处理"})
    page = client.get(f"/track/{number}").get_data(as_text=True)
    assert f"向{CITY}申请复查" in page
    _ask_for_review(client, number)
    page = client.get(f"/track/{number}").get_data(as_text=True)
    assert f'id="review-organ">{CITY}（由综合监督科受理）' in page
    assert "复查答复期限" in page and "reconsideration-pointer" not in page
    case_id = complaint_by_number(app, number).id

    # the answering unit's staff: not in their queue, not found by URL, cannot answer
    staff_client = app.test_client()
    login_as(staff_client, "xinhua_staff")
    assert number not in staff_client.get("/admin/complaints/?state=").get_data(as_text=True)
    assert staff_client.get(f"/admin/complaints/{case_id}").status_code == 404
    reply = {"text": "复查后维持原答复意见，理由如下。"}
    assert staff_client.post(f"/admin/complaints/{case_id}/act/reply", data=reply).status_code == (
        404
    )
    assert complaint_by_number(app, number).state == "rehandling"

    # the supervision office has it and answers it
    login("chief")
    assert number in client.get("/admin/complaints/").get_data(as_text=True)
    response = client.post(f"/admin/complaints/{case_id}/act/reply", data=reply)
    assert response.status_code == 302, response.get_data(as_text=True)
    answered = complaint_by_number(app, number)
    assert answered.state == "answered" and answered.rehandling_reply.startswith("复查后")

    page = open_status_again(app, number, code)
    assert f"复查意见（{CITY}）" in page
    assert f"自收到书面复查意见之日起30日内向{BUREAU}请求复核" in page
    # the unit sees its case again once the 复查 is answered
    assert staff_client.get(f"/admin/complaints/{case_id}").status_code == 200


def login_as(test_client, username: str) -> None:
    from tests.factories import DEFAULT_PASSWORD

    response = test_client.post(
        "/admin/login", data={"username": username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def open_status_again(app, number: str, code: str) -> str:
    fresh = app.test_client()
    response = fresh.post("/track", data={"tracking_no": number, "query_code": code})
    return fresh.get(response.headers["Location"]).get_data(as_text=True)


def test_an_unconfigured_unit_falls_back_to_the_generic_organs():
    lonely = Unit(code="lonely", name="某执法局", review_organ_name="")
    assert review_organ(lonely) == "上一级行政机关"
    assert reconsideration_organ(lonely) == "复查机关的上一级行政机关"
    assert review_organ(None) == "上一级行政机关"
    city = Unit(id=1, code="zhidui", name=CITY, review_organ_name=BUREAU)
    assert review_organ(city) == BUREAU
    assert reconsideration_organ(city) == f"{BUREAU}的上一级行政机关"
    district = Unit(id=2, code="xinhua", name="新华区", review_organ_name="", review_unit=city)
    assert (review_organ(district), reconsideration_organ(district)) == (CITY, BUREAU)


def test_review_request_window_is_30_days_from_the_answer_with_the_rest_day_roll(app_context):
    calendar = current_calendar()
    # answered 2026-12-02: day 30 is 2027-01-01 (元旦), then a weekend → Monday 4 January
    window = deadlines.rehandling_request_deadline(date(2026, 12, 2), calendar)
    assert window.label == "申请复查期限" and window.due_on == date(2027, 1, 4)
    answer = deadlines.rehandling_answer_deadline(date(2026, 3, 13), calendar)
    assert answer.label == "复查答复期限" and answer.due_on == date(2026, 4, 13)


def test_demo_units_have_the_city_detachment_as_review_organ(app_context):
    from portal.disclosure.demo import load_demo_units

    load_demo_units(db.session)
    units = {unit.code: unit for unit in db.session.scalars(select(Unit))}
    assert units["zhidui"].review_organ_name == BUREAU
    assert all(
        unit.review_unit_id == units["zhidui"].id
        for code, unit in units.items()
        if code != "zhidui"
    )
    assert reconsideration_organ(units["xinhua"]) == BUREAU


def _unit_form(client, code: str, **changes) -> dict:
    with client.application.app_context():
        unit = db.session.scalars(select(Unit).where(Unit.code == code)).one()
        return {
            "address": unit.address or "",
            "phone": unit.phone or "",
            "complaint_phone": unit.complaint_phone or "",
            "postcode": unit.postcode or "",
            **changes,
        }


def test_an_admin_sets_the_review_organ_in_the_unit_form_and_it_is_audited(
    app, client, units, create_unit, create_user, login
):
    city = create_unit("zhidui", name=CITY, short_name="支队", level="city")
    create_user("unit-admin", role="admin")
    login("unit-admin")
    page = client.get("/admin/units/xinhua").get_data(as_text=True)
    assert "复查机关（平台内的上一级单位）" in page and f">{CITY}</option>" in page

    response = client.post(
        "/admin/units/xinhua", data=_unit_form(client, "xinhua", review_unit=str(city.id))
    )
    assert response.status_code == 302
    with app.app_context():
        xinhua = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
        assert review_organ(xinhua) == CITY
        from portal.audit.models import AuditEntry

        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "unit.update").order_by(AuditEntry.id)
        ).all()[-1]
        assert str(city.id) in entry.after_json

    # a form sent without the field (an older page) keeps the organ, never fails on it
    response = client.post("/admin/units/xinhua", data=_unit_form(client, "xinhua"))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one().review_unit_id

    # a unit cannot be its own 复查机关, and a made-up id is refused in Chinese
    with app.app_context():
        own_id = db.session.scalars(select(Unit.id).where(Unit.code == "xinhua")).one()
    response = client.post(
        "/admin/units/xinhua", data=_unit_form(client, "xinhua", review_unit=str(own_id))
    )
    assert response.status_code == 200
    assert "请从列表中选择复查机关" in response.get_data(as_text=True)


def test_unit_staff_cannot_set_the_review_organ(app, client, units, create_unit, login):
    city = create_unit("zhidui", name=CITY, short_name="支队", level="city")
    make_staff(app, "xinhua_clerk", unit_code="xinhua")
    login("xinhua_clerk")
    assert "复查机关" not in client.get("/admin/units/xinhua").get_data(as_text=True)
    response = client.post(
        "/admin/units/xinhua", data=_unit_form(client, "xinhua", review_unit=str(city.id))
    )
    assert response.status_code == 302
    with app.app_context():
        xinhua = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
        assert xinhua.review_unit_id is None
