"""The complaint form and the receipt, as a person filling it in would check them."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR
from portal.complaints import intake, tracking
from portal.complaints.models import Complaint, ComplaintEvent
from portal.complaints.tracking import check_query_code, is_valid_tracking_number
from portal.extensions import db
from portal.officers.services import create_officer
from portal.org.models import Unit
from tests.complaints.conftest import complaint_by_number, unit_id, valid_fields


def test_form_has_the_fixed_field_names(client, units):
    page = client.get("/complaints/new").get_data(as_text=True)
    for name in (
        "kind", "unit", "badge", "occurred_at", "location", "description", "request",
        "anonymous", "contact_name", "contact_phone", "contact_email", "attachments",
    ):  # fmt: skip
        assert f'name="{name}"' in page, name
    for kind in ("complaint", "tipoff", "suggestion", "praise"):
        assert f'value="{kind}"' in page
    assert 'type="datetime-local"' in page
    assert 'enctype="multipart/form-data"' in page


def test_kind_and_badge_are_prefilled_from_the_query(client, units):
    page = client.get("/complaints/new?kind=tipoff&badge=100234").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="tipoff"', page)
    assert 'value="100234"' in page
    page = client.get("/complaints/new?kind=nonsense&unit=weidong").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="complaint"', page)
    assert '<option selected value="weidong">' in page


def test_a_valid_complaint_gets_a_receipt_with_number_code_qr_and_deadlines(app, submit):
    number, code, page = submit()
    assert is_valid_tracking_number(number)
    assert len(code) == 6 and code.isdigit()
    assert '<svg role="img"' in page and "qr-code" in page
    assert "受理期限" in page and "日前</strong>决定是否受理" in page
    assert "60日内答复" in page
    assert "@media print" not in page  # the print style lives in the stylesheet
    complaint = complaint_by_number(app, number)
    assert complaint.state == "submitted" and complaint.channel == "web"
    assert complaint.handling_unit_id == unit_id(app, "xinhua")
    assert complaint.contact_phone == "13912345678"
    assert code not in complaint.query_code_hash
    assert check_query_code(code, complaint.query_code_hash)
    assert complaint.due_on is not None


def test_the_query_code_is_shown_once(client, submit):
    number, code, _page = submit()
    again = client.get(f"/complaints/receipt/{number}").get_data(as_text=True)
    assert number in again and code not in again
    assert "不再显示" in again


def test_another_browser_cannot_open_the_receipt(app, submit):
    number, _code, _page = submit()
    response = app.test_client().get(f"/complaints/receipt/{number}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/track?tracking_no={number}")


def test_submission_is_audited_without_personal_data(app, submit):
    number, _code, _page = submit(
        contact_name="王小明", description="王小明反映的路边违建问题，情况严重。"
    )
    with app.app_context():
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "complaint.submit")
        ).one()
        assert entry.object_id == number and entry.actor_label == "public"
        assert "王小明" not in entry.after_json and "13912345678" not in entry.after_json
        events = db.session.scalars(select(ComplaintEvent)).all()
        assert [(event.action, event.by_public) for event in events] == [("submitted", True)]


#: (what is typed differently from a valid form, the field that complains, its message)
FIELD_ERRORS = [
    ({"description": "太短"}, "description", "事情经过请写10至4000字"),
    ({"description": ""}, "description", "请写明事情经过"),
    ({"location": ""}, "location", "请填写发生地点"),
    ({"contact_name": ""}, "contact_name", "请填写姓名"),
    ({"contact_phone": ""}, "contact_phone", "请填写联系电话"),
    ({"contact_phone": "12345"}, "contact_phone", "请填写11位手机号或带区号的固定电话"),
    ({"contact_email": "not-an-email"}, "contact_email", "邮箱格式不正确"),
    ({"occurred_at": "yesterday"}, "occurred_at", "请按“年-月-日 时:分”填写发生时间"),
    ({"occurred_at": "2099-01-01T10:00"}, "occurred_at", "发生时间不能晚于现在"),
    ({"badge": "A12"}, "badge", "工号应为3至12位数字"),
    ({"kind": "other"}, "kind", "请选择投诉、举报、建议或表扬"),
    ({"unit": "nowhere"}, "unit", "请从列表中选择单位"),
    ({"anonymous": "y"}, "anonymous", "投诉需要留下联系方式"),
]


def test_each_field_error_is_chinese_and_keeps_what_was_typed(client, units):
    # one app for all the cases: each is a separate POST, none may create a complaint
    for overrides, field, message in FIELD_ERRORS:
        typed = valid_fields(
            **{"location": "我输入的地点", "request": "我输入的诉求内容", **overrides}
        )
        response = client.post("/complaints/new", data=typed)
        page = response.get_data(as_text=True)
        assert response.status_code == 400, overrides
        assert re.search(rf'id="{field}-error">[^<]*{re.escape(message)}', page), overrides
        assert "我输入的诉求内容" in page, overrides
        if field != "location":
            assert "我输入的地点" in page, overrides
        assert 'value="13912345678"' in page or field == "contact_phone", overrides
    with client.application.app_context():
        assert db.session.scalar(select(Complaint.id)) is None


def test_telephone_numbers_are_accepted_with_spaces_and_dashes(app, submit):
    number, _code, _page = submit(contact_phone="0375-262 2319")
    assert complaint_by_number(app, number).contact_phone == "03752622319"


def test_an_anonymous_tipoff_keeps_no_contact_even_if_typed(app, submit):
    number, _code, page = submit(kind="tipoff", anonymous="y", contact_name="张三")
    complaint = complaint_by_number(app, number)
    assert complaint.is_anonymous
    assert (complaint.contact_name, complaint.contact_phone, complaint.contact_email) == (
        "",
        "",
        "",
    )
    assert "匿名" in page


def test_suggestions_and_praise_need_no_contact(app, submit):
    number, _code, _page = submit(
        kind="praise", contact_name="", contact_phone="", contact_email="", location=""
    )
    assert complaint_by_number(app, number).kind == "praise"


def test_a_tipoff_naming_a_badge_goes_to_the_supervision_office(app, submit):
    number, _code, page = submit(kind="tipoff", badge="100234")
    complaint = complaint_by_number(app, number)
    assert complaint.subject_unit_id == unit_id(app, "xinhua")
    assert complaint.handling_unit_id is None
    assert "不会交给被举报人员所在单位" in page


def test_an_unknown_unit_goes_to_the_supervision_office(app, submit):
    number, _code, _page = submit(unit="")
    complaint = complaint_by_number(app, number)
    assert complaint.subject_unit_id is None and complaint.handling_unit_id is None


def test_an_unknown_badge_is_noted_but_accepted(app, submit):
    number, _code, page = submit(badge="999999")
    assert "工号 999999 未在执法人员名册中查到" in page
    assert complaint_by_number(app, number).badge_on_roster is False


def test_a_badge_on_the_roster_gets_no_note(app, submit):
    with app.app_context():
        unit = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
        create_officer(
            db.session,
            CLI_ACTOR,
            unit,
            {
                "badge_no": "100234",
                "cert_no": "41040200100234",
                "name": "李执法",
                "post": "执法队员",
                "category": "市容环境卫生",
                "area": "光明路街道",
                "cert_valid_from": date(2024, 1, 1),
                "cert_valid_to": date(2099, 1, 1),
            },
        )
        db.session.commit()
    number, _code, page = submit(badge="100234")
    assert "未在执法人员名册中查到" not in page
    complaint = complaint_by_number(app, number)
    assert complaint.badge == "100234" and complaint.badge_on_roster is True


def test_the_honeypot_refuses_robots(client, units):
    response = client.post("/complaints/new", data=valid_fields(website="http://spam.example"))
    assert response.status_code == 400
    with client.application.app_context():
        assert db.session.scalar(select(Complaint.id)) is None


def test_a_clashing_tracking_number_is_drawn_again(app, submit, monkeypatch):
    first, _code, _page = submit()
    drawn = iter([first, first, tracking.new_tracking_number(tracking.tracking_number_date(first))])
    monkeypatch.setattr(intake, "new_tracking_number", lambda on: next(drawn))
    second, _code, _page = submit()
    assert second != first and is_valid_tracking_number(second)
    with app.app_context():
        assert db.session.query(Complaint).count() == 2


@pytest.mark.app_config(RATELIMIT_ENABLED=True, COMPLAINT_SUBMIT_LIMIT="2 per hour")
def test_submissions_are_rate_limited_per_client(client, units):
    for _ in range(2):
        assert client.post("/complaints/new", data=valid_fields()).status_code == 302
    # validation errors do not use up the allowance; a third submission does not get in
    response = client.post("/complaints/new", data=valid_fields())
    assert response.status_code == 429
    assert "提交次数过多" in response.get_data(as_text=True)


def test_the_kiosk_posts_the_same_form_with_its_channel(app, submit):
    kiosk, _code, _page = submit(channel="kiosk")
    web, _code, _page = submit(channel="anything-else")
    assert complaint_by_number(app, kiosk).channel == "kiosk"
    assert complaint_by_number(app, web).channel == "web"


def test_full_width_phone_digits_are_stored_as_ascii(app, submit):
    number, _code, _page = submit(contact_phone="１３９ １２３４ ５６７８", badge="１００２３４")
    complaint = complaint_by_number(app, number)
    assert (complaint.contact_phone, complaint.badge) == ("13912345678", "100234")
