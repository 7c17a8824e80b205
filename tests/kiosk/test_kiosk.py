"""The kiosk over HTTP: enrolment (audited), channel and name on complaints, per-kiosk rate
limits, the one-time receipt, tracking, and the wipe that forgets the person."""

import re

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.complaints.models import Complaint
from portal.extensions import db
from portal.kiosk.complaint_views import occurred_at_text
from portal.kiosk.identity import COOKIE_NAME
from portal.kiosk.models import Kiosk
from tests.complaints.conftest import QUERY_CODE, TRACKING_NO, valid_fields


def kiosk_fields(**overrides) -> dict:
    fields = valid_fields(occurred_at=None, request=None, contact_email=None, when="morning")
    fields.update(overrides)
    return fields


def file_complaint(client, **overrides) -> tuple[str, str, str]:
    response = client.post("/kiosk/complaint", data=kiosk_fields(**overrides))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith("/kiosk/complaint/receipt")
    page = client.get("/kiosk/complaint/receipt").get_data(as_text=True)
    return TRACKING_NO.search(page).group(1), QUERY_CODE.search(page).group(1), page


def stored(app, number: str) -> Complaint:
    with app.app_context():
        complaint = db.session.scalars(select(Complaint).where(Complaint.tracking_no == number))
        complaint = complaint.one()
        db.session.expunge(complaint)
        return complaint


def audit_actions(app, object_type: str) -> list[str]:
    with app.app_context():
        # in the order written: PostgreSQL returns rows in any order without ORDER BY
        actions = select(AuditEntry.action).where(AuditEntry.object_type == object_type)
        return list(db.session.scalars(actions.order_by(AuditEntry.id)))


def test_an_admin_enrols_a_kiosk_and_its_link_makes_the_browser_that_kiosk(
    app, client, units, create_user, create_unit
):
    create_user("root", role="admin")
    client.post("/admin/login", data={"username": "root", "password": "correct-horse-42"})
    page = client.post(
        "/admin/kiosks/",
        data={"name": "新华区政务服务大厅1号机", "location": "一楼东侧", "unit": "xinhua"},
    ).get_data(as_text=True)
    link = re.search(r'id="enrol-link"[^>]*>([^<]+)<', page).group(1)
    assert "/kiosk/enrol/" in link
    assert audit_actions(app, "kiosk") == ["kiosk.enrol"]
    with app.app_context():
        kiosk = db.session.scalars(select(Kiosk)).one()
        assert kiosk.name == "新华区政务服务大厅1号机" and kiosk.unit.code == "xinhua"
        assert link.rsplit("/", 1)[1] not in kiosk.token_hash  # only the hash is kept

    screen = app.test_client()
    response = screen.get(link.replace("http://portal.test", ""))
    assert response.status_code == 200
    cookie = screen.get_cookie(COOKIE_NAME, domain="portal.test")
    assert cookie is not None and cookie.http_only
    start = screen.get("/kiosk/").get_data(as_text=True)
    assert "平顶山市新华区城市管理和综合执法局" in start and "0375-2000019" in start

    # the same name twice is refused with a Chinese message, nothing enrolled
    again = client.post(
        "/admin/kiosks/", data={"name": "新华区政务服务大厅1号机", "unit": "xinhua"}
    )
    assert again.status_code == 400 and "已有同名终端" in again.get_data(as_text=True)

    # revoked: the browser is an ordinary visitor again
    client.post(f"/admin/kiosks/{kiosk.id}/revoke")
    assert audit_actions(app, "kiosk") == ["kiosk.enrol", "kiosk.revoke"]
    assert "0375-2000019" not in screen.get("/kiosk/").get_data(as_text=True)


def test_only_administrators_manage_kiosks(client, create_user, units):
    create_user("clerk", role="staff", unit_code="xinhua")
    client.post("/admin/login", data={"username": "clerk", "password": "correct-horse-42"})
    assert client.get("/admin/kiosks/").status_code == 403
    assert app_client_anonymous_redirects(client)


def app_client_anonymous_redirects(client) -> bool:
    client.post("/admin/logout")
    response = client.get("/admin/kiosks/")
    return response.status_code == 302 and "/admin/login" in response.headers["Location"]


def test_complaints_filed_on_a_kiosk_carry_its_channel_and_name(app, kiosk_client, client):
    screen = kiosk_client("卫东区便民服务中心2号机", "weidong")
    number, code, receipt = file_complaint(screen)
    complaint = stored(app, number)
    assert (complaint.channel, complaint.kiosk_name) == ("kiosk", "卫东区便民服务中心2号机")
    assert complaint.occurred_at is not None and complaint.description.startswith("执法人员")
    assert code in receipt and "查询码只显示这一次" in receipt
    # shown once: reopening the receipt no longer shows the code
    assert code not in screen.get("/kiosk/complaint/receipt").get_data(as_text=True)

    # an unenrolled browser on /kiosk/ is an ordinary visitor: the website's channel
    number, _code, _page = file_complaint(client)
    assert (stored(app, number).channel, stored(app, number).kiosk_name) == ("web", "")


def test_a_kiosk_complaint_with_a_problem_comes_back_with_everything_typed(kiosk_client):
    screen = kiosk_client("1号机")
    response = screen.post(
        "/kiosk/complaint", data=kiosk_fields(contact_phone="12345", location="")
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "请填写发生地点" in page and "请填写11位手机号" in page
    assert "推搡摊主" in page and 'value="李四"' in page and 'value="12345"' in page


def test_the_badge_check_fills_the_complaint_and_the_wipe_forgets_it(
    app, kiosk_client, create_officer_record
):
    create_officer_record(badge_no="110001", name="王执法")
    screen = kiosk_client("1号机")
    response = screen.post("/kiosk/badge", data={"badge": "110001"})
    assert response.headers["Location"].endswith("/kiosk/badge/result")
    verdict = screen.get("/kiosk/badge/result").get_data(as_text=True)
    assert "有效" in verdict and "王执法" in verdict and "投诉该执法人员" in verdict
    form = screen.get("/kiosk/complaint?from=badge").get_data(as_text=True)
    assert 'name="badge" value="110001"' in form

    wiped = screen.post("/kiosk/wipe")
    assert wiped.status_code == 204
    assert "session=;" in wiped.headers.get("Set-Cookie", "")
    # the browser's back button finds nothing: the result page goes to the start screen
    assert screen.get("/kiosk/badge/result").headers["Location"].endswith("/kiosk/")
    assert 'name="badge" value' not in screen.get("/kiosk/complaint?from=badge").get_data(
        as_text=True
    )
    # the kiosk itself stays enrolled
    assert screen.get_cookie(COOKIE_NAME, domain="portal.test") is not None


def test_a_malformed_badge_is_a_400_in_chinese(kiosk_client):
    response = kiosk_client("1号机").post("/kiosk/badge", data={"badge": "12"})
    assert response.status_code == 400 and "不是有效的工号" in response.get_data(as_text=True)


def test_tracking_on_the_kiosk(app, kiosk_client):
    screen = kiosk_client("1号机")
    number, code, _page = file_complaint(screen)
    wrong = screen.post("/kiosk/track", data={"tracking_no": number, "query_code": "000000"})
    assert wrong.status_code == 400 and "受理编号或查询码不正确" in wrong.get_data(as_text=True)
    mistyped = number[:-1] + str((int(number[-1]) + 1) % 10)
    page = screen.post("/kiosk/track", data={"tracking_no": mistyped, "query_code": code})
    assert "编号有误" in page.get_data(as_text=True)
    right = screen.post("/kiosk/track", data={"tracking_no": number, "query_code": code})
    assert right.headers["Location"].endswith("/kiosk/track/status")
    status = screen.get("/kiosk/track/status").get_data(as_text=True)
    assert number in status and "已提交" in status and "办理经过" in status
    screen.post("/kiosk/wipe")
    assert screen.get("/kiosk/track/status").status_code == 302


@pytest.mark.app_config(
    RATELIMIT_ENABLED=True,
    OFFICER_LOOKUP_LIMIT="2 per minute",
    KIOSK_OFFICER_LOOKUP_LIMIT="4 per minute",
)
def test_badge_limits_key_on_the_kiosk_token_with_the_kiosks_own_limit(
    app, kiosk_client, client, units
):
    first, second = kiosk_client("1号机"), kiosk_client("2号机")  # one hall, one address

    def check(browser) -> int:
        return browser.post("/kiosk/badge", data={"badge": "110001"}).status_code

    assert [check(first) for _ in range(4)] == [302] * 4
    assert check(first) == 429
    assert check(second) == 302  # the other kiosk of the hall has its own count
    # an unenrolled browser is an ordinary visitor: the address's limit, shared with the site
    assert [check(client) for _ in range(2)] == [302, 302]
    assert client.get("/officers/lookup?badge=110001").status_code == 429
    assert check(client) == 429


def test_the_results_screen_shows_figures_and_opens_nothing_outside(kiosk_client):
    page = kiosk_client("1号机").get("/kiosk/results").get_data(as_text=True)
    assert "结果公示：平顶山市新华区城市管理和综合执法局" in page and "满意率" in page
    assert "http://" not in page.replace("http://portal.test", "")


def test_every_kiosk_page_is_never_cached(client, units):
    assert client.get("/kiosk/").headers["Cache-Control"] == "no-store"
    assert client.get("/kiosk/badge").headers["Cache-Control"] == "no-store"


def test_a_tapped_time_tile_becomes_a_local_time_never_in_the_future():
    from datetime import datetime

    ten = datetime(2026, 3, 5, 10, 7, 33)
    assert occurred_at_text("now", ten) == "2026-03-05T10:07"
    assert occurred_at_text("morning", ten) == "2026-03-05T09:00"
    assert occurred_at_text("afternoon", ten) == "2026-03-05T10:07"
    assert occurred_at_text("yesterday", ten) == "2026-03-04T12:00"
    assert occurred_at_text("unknown", ten) == ""
