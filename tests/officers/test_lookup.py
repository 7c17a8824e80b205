"""The badge check as a citizen meets it: one clear verdict per case, never a 500."""

import re

import pytest

from portal.officers.lookup import MalformedNumber, describe_limit, normalise_number, parse_number
from tests.officers.conftest import a_date

WARNING = "此人现在不能对您执法"


def heading(page: str) -> str:
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    return re.sub(r"<[^>]+>", "", h1).replace("查询结果：", "").strip()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("110001", "110001"),
        ("１１０００１", "110001"),  # full-width digits
        (" 110 001 ", "110001"),
        ("110-001", "110001"),
        ("110\u3000001", "110001"),  # ideographic space
        ("工号：110001", "110001"),
        ("No.110001", "110001"),
        ("ａｂ１２３４５６", "AB123456"),
        ("豫 A-0401 2345", "豫A04012345"),
    ],
)
def test_numbers_are_normalised(typed, expected):
    assert normalise_number(typed) == expected


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        ("badge", "", "请输入工号"),
        ("badge", "12a456", "不是有效的工号"),
        ("badge", "123", "4至12位数字"),
        ("badge", "1" * 13, "4至12位数字"),
        ("cert", "41-04", "不是有效的执法证号"),
        ("cert", "<script>", "不是有效的执法证号"),
    ],
)
def test_malformed_numbers_are_explained(kind, typed, message):
    with pytest.raises(MalformedNumber, match=message):
        parse_number(kind, typed)


def test_limit_is_described_in_chinese():
    assert describe_limit("10 per minute;100 per hour") == "每分钟最多10次、每小时最多100次"
    assert describe_limit("5 per 15 minutes") == "每15分钟最多5次"


@pytest.mark.parametrize(
    ("status", "valid_from", "valid_to", "title", "explanation"),
    [
        ("active", -365, 365, "有效", "持有有效的执法证件"),
        ("active", -2000, -3, "证件已过期", "执法证已于"),
        ("active", 10, 2000, "证件尚未生效", "才生效"),
        ("suspended", -365, 365, "暂停执法", "被暂停执法"),
        ("revoked", -365, 365, "已注销", "执法证件已于"),
        ("transferred", -365, 365, "已调离", "调离执法岗位"),
    ],
)
def test_each_status_has_its_verdict(
    client, create_officer_record, status, valid_from, valid_to, title, explanation
):
    create_officer_record(
        status=status,
        badge_no="110001",
        name="王建军",
        cert_valid_from=a_date(valid_from),
        cert_valid_to=a_date(valid_to),
    )
    response = client.get("/officers/lookup?badge=110001")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert heading(page) == title
    assert explanation in page
    assert "王建军" in page
    assert 'href="/complaints/new?badge=110001"' in page
    assert response.headers["Cache-Control"] == "no-cache"  # every use is revalidated
    if title == "有效":
        assert WARNING not in page and 'role="alert"' not in page
    else:
        assert WARNING in page and 'role="alert"' in page
        assert "12319" in page and "拒绝接受调查或者检查" in page


def test_lookup_by_certificate_number(client, create_officer_record):
    create_officer_record(badge_no="120007", cert_no="4104032112007")
    page = client.get("/officers/lookup?cert=４１０４０３２１１２００７").get_data(as_text=True)
    assert heading(page) == "有效"
    assert "120007" in page
    assert 'href="/complaints/new?badge=120007"' in page


def test_unknown_number_gets_advice(client, create_officer_record):
    create_officer_record(badge_no="110001")
    response = client.get("/officers/lookup?badge=１１０９９９")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert heading(page) == "未查到"
    assert "没有查到工号为 110999 的执法人员" in page
    assert "请核对号码" in page and "改用执法证号查询" in page and "12319" in page
    assert 'href="/complaints/new?badge=110999"' in page


def test_unknown_certificate_links_to_the_empty_complaint_form(client):
    page = client.get("/officers/lookup?cert=ZZ999999").get_data(as_text=True)
    assert heading(page) == "未查到"
    assert 'href="/complaints/new"' in page


def test_a_retired_badge_is_not_valid(client, app, create_officer_record):
    from portal.audit.services import CLI_ACTOR
    from portal.extensions import db
    from portal.officers.models import Officer
    from portal.officers.services import OFFICER_FIELDS, update_officer

    officer_id = create_officer_record(badge_no="110050")
    with app.app_context():
        officer = db.session.get(Officer, officer_id)
        fields = {name: getattr(officer, name) for name in OFFICER_FIELDS}
        update_officer(db.session, CLI_ACTOR, officer, {**fields, "badge_no": "110051"})
        db.session.commit()
    page = client.get("/officers/lookup?badge=110050").get_data(as_text=True)
    assert heading(page) == "号码已停用"
    assert WARNING in page
    assert heading(client.get("/officers/lookup?badge=110051").get_data(as_text=True)) == "有效"


@pytest.mark.parametrize(
    "query",
    ["badge=abc", "badge=", "badge=12", "cert=%E4%BD%A0%E5%A5%BD", "badge=" + "9" * 300],
)
def test_malformed_input_is_a_400_with_the_form(client, query):
    response = client.get(f"/officers/lookup?{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "无法查询" in page and 'role="alert"' in page
    assert 'aria-invalid="true"' in page
    assert "<script" not in page.split("</header>")[1].split("<footer")[0]


def test_what_was_typed_is_shown_again_escaped(client):
    page = client.get("/officers/lookup?badge=%3Cb%3E12").get_data(as_text=True)
    assert 'value="&lt;b&gt;12"' in page
    assert "<b>12" not in page


def test_the_empty_form(client):
    response = client.get("/officers/lookup")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="badge"' in page and 'name="cert"' in page
    assert 'inputmode="numeric"' in page
    assert "每分钟最多10次、每小时最多100次" in page
    assert "建设中" not in page
