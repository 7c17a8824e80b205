"""/track: the right pair opens the status; anything else says as little as possible."""

import re

import pytest

from portal.complaints import satisfaction, workflow
from portal.complaints.models import Complaint
from portal.complaints.tracking import luhn_check_digit
from portal.core.models import utcnow
from portal.extensions import db
from portal.staff.models import StaffUser
from tests.complaints.conftest import complaint_by_number
from tests.complaints.factories import make_staff

GENERIC = "受理编号或查询码不正确"


def _other_valid_number(number: str) -> str:
    payload = number[:8] + f"{(int(number[8:15]) + 1) % 10**7:07d}"
    return payload + luhn_check_digit(payload)


def test_the_right_pair_opens_the_status_with_timeline_and_deadline(submit, open_status):
    number, code, _page = submit()
    page = open_status(number, code)
    assert f'id="tracking-no">{number}<' in page
    assert 'id="current-state">已提交<' in page
    assert "受理期限" in page and re.search(r"还剩\d+天", page)
    assert "计算方法：自" in page and "提交之日起15日" in page
    assert "执法人员在路口执法时态度粗暴" in page  # the person's own text
    assert "13912345678" not in page and "李四" not in page  # contact details are not echoed


def test_the_query_code_never_appears_in_a_url(client, submit):
    number, code, _page = submit()
    response = client.post("/track", data={"tracking_no": number, "query_code": code})
    assert code not in response.headers["Location"]
    response = client.post("/track", data={"tracking_no": number, "query_code": "000000"})
    assert code not in response.get_data(as_text=True)
    assert 'name="query_code" required type="text" value=""' in response.get_data(as_text=True)


def test_wrong_code_and_unknown_number_give_the_same_answer(client, submit):
    number, code, _page = submit()
    wrong_code = client.post("/track", data={"tracking_no": number, "query_code": "999999"})
    unknown = client.post(
        "/track", data={"tracking_no": _other_valid_number(number), "query_code": code}
    )
    assert wrong_code.status_code == unknown.status_code == 404
    for response in (wrong_code, unknown):
        page = response.get_data(as_text=True)
        assert GENERIC in page and "编号有误" not in page


def test_a_mistyped_number_is_reported_as_mistyped(client, submit):
    number, code, _page = submit()
    # Luhn catches every single-digit error (and most, not all, transpositions)
    swapped = number[:12] + str((int(number[12]) + 1) % 10) + number[13:]
    response = client.post("/track", data={"tracking_no": swapped, "query_code": code})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "编号有误，请核对" in page and GENERIC not in page


def test_spaces_and_full_width_digits_are_understood(client, submit, open_status):
    number, code, _page = submit()
    typed = " ".join([number[:4], number[4:8], number[8:12], number[12:]])
    typed = typed.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    page = open_status(typed, code)
    assert 'id="current-state">已提交<' in page


def test_the_status_page_needs_the_code_first(app, submit):
    number, _code, _page = submit()
    response = app.test_client().get(f"/track/{number}")
    assert response.status_code == 302 and "/track?tracking_no=" in response.headers["Location"]


def test_tracking_url_prefills_the_number(client):
    page = client.get("/track?tracking_no=2026013112345678").get_data(as_text=True)
    assert 'value="2026013112345678"' in page


@pytest.mark.app_config(
    RATELIMIT_ENABLED=True,
    COMPLAINT_TRACK_LIMIT_PER_CLIENT="50 per hour",
    COMPLAINT_TRACK_LIMIT_PER_NUMBER="3 per hour",
)
def test_guessing_one_number_is_rate_limited(client, submit, open_status):
    number, code, _page = submit()
    for guess in ("000001", "000002", "000003"):
        assert (
            client.post("/track", data={"tracking_no": number, "query_code": guess}).status_code
            == 404
        )
    response = client.post("/track", data={"tracking_no": number, "query_code": code})
    assert response.status_code == 429
    assert "查询失败次数过多" in response.get_data(as_text=True)


@pytest.mark.app_config(RATELIMIT_ENABLED=True, COMPLAINT_TRACK_LIMIT_PER_CLIENT="3 per hour")
def test_guessing_from_one_client_is_rate_limited_but_successes_do_not_count(
    client, submit, open_status
):
    number, code, _page = submit()
    for _ in range(5):
        open_status(number, code)  # successes are free
    for guess in ("000001", "000002", "000003"):
        client.post("/track", data={"tracking_no": number, "query_code": guess})
    assert (
        client.post("/track", data={"tracking_no": number, "query_code": code}).status_code == 429
    )


def _answer(app, number: str) -> None:
    with app.app_context():
        complaint = db.session.query(Complaint).filter_by(tracking_no=number).one()
        staff = db.session.query(StaffUser).filter_by(username="xinhua_staff").one()
        workflow.accept(db.session, staff, complaint, now=utcnow())
        workflow.reply(
            db.session, staff, complaint, "经核查，已责令当事人整改，感谢监督。", now=utcnow()
        )
        db.session.commit()


def test_rating_and_re_handling_from_the_status_page(app, client, submit, open_status):
    make_staff(app, "xinhua_staff", unit_code="xinhua")
    number, code, _page = submit()
    _answer(app, number)
    page = open_status(number, code)
    assert "经核查，已责令当事人整改" in page and "评价办理结果" in page
    assert "rehandling-title" not in page
    assert "受理" in page and "新华区城市管理和综合执法局" in page  # steps by unit…
    assert "xinhua_staff" not in page  # …never by staff name

    response = client.post(f"/track/{number}/rating", data={"level": ""})
    assert response.status_code == 400 and "请选择满意程度" in response.get_data(as_text=True)
    response = client.post(f"/track/{number}/rating", data={"level": "1", "comment": "没人来处理"})
    assert response.status_code == 302
    page = client.get(f"/track/{number}").get_data(as_text=True)
    assert "您的评价：非常不满意" in page and "评价办理结果" not in page
    assert "申请复查" in page and "申请复查期限" in page
    assert complaint_by_number(app, number).follow_up_due

    response = client.post(
        f"/track/{number}/rehandling", data={"reason": "问题依旧存在，占道经营仍未清理。"}
    )
    assert response.status_code == 302
    page = client.get(f"/track/{number}").get_data(as_text=True)
    assert 'id="current-state">复查中<' in page and "复查答复期限" in page


def test_a_good_rating_closes_the_case(app, client, submit, open_status):
    make_staff(app, "xinhua_staff", unit_code="xinhua")
    number, code, _page = submit()
    _answer(app, number)
    open_status(number, code)
    client.post(f"/track/{number}/rating", data={"level": "5"})
    page = client.get(f"/track/{number}").get_data(as_text=True)
    assert 'id="current-state">已办结<' in page
    assert "rehandling-title" not in page


def test_rating_needs_the_grant(app, submit):
    number, _code, _page = submit()
    response = app.test_client().post(f"/track/{number}/rating", data={"level": "5"})
    assert response.status_code == 302
    assert satisfaction.can_rate(complaint_by_number(app, number)) is False
