"""The public roster: page, CSV and JSON show the public fields only, page by page."""

import csv
import io
import re

import pytest
from sqlalchemy import insert

from portal.extensions import db
from portal.officers.models import Officer
from tests.officers.conftest import a_date

PUBLIC_KEYS = {
    "badge_no",
    "cert_no",
    "name",
    "unit_code",
    "post",
    "category",
    "area",
    "status",
    "cert_valid_from",
    "cert_valid_to",
    "url",
}


@pytest.fixture
def two_units_roster(app, create_unit, create_officer_record):
    create_officer_record("xinhua", badge_no="110001", name="甲在岗")
    create_officer_record("xinhua", badge_no="110002", name="乙暂停", status="suspended")
    create_officer_record("xinhua", badge_no="110003", name="丙注销", status="revoked")
    create_officer_record("weidong", badge_no="120001", name="丁调离", status="transferred")


def test_roster_page_of_a_unit(client, two_units_roster):
    page = client.get("/officers/?unit=xinhua").get_data(as_text=True)
    assert "甲在岗" in page and "乙暂停" in page and "丙注销" in page
    assert "丁调离" not in page
    assert 'href="/officers/lookup?badge=110001"' in page
    assert 'href="/officers/roster.csv?unit=xinhua"' in page
    assert "建设中" not in page


def test_roster_status_filter(client, two_units_roster):
    page = client.get("/officers/?status=suspended").get_data(as_text=True)
    assert "乙暂停" in page and "甲在岗" not in page


def test_roster_bad_filters_are_4xx(client, two_units_roster):
    assert client.get("/officers/?unit=atlantis").status_code == 404
    assert client.get("/officers/?status=dead").status_code == 400
    assert client.get("/officers/?cursor=%%%").status_code == 400
    assert client.get("/api/v1/officers?status=dead").status_code == 400
    assert client.get("/api/v1/officers?unit=atlantis").status_code == 404


def _bulk_officers(app, unit_id: int, count: int) -> None:
    rows = [
        {
            "badge_no": f"{130000 + n}",
            "cert_no": f"C{130000 + n}",
            "name": f"人员{n}",
            "unit_id": unit_id,
            "post": "执法队员",
            "category": "市容环境卫生",
            "area": "测试街道",
            "cert_valid_from": a_date(-10),
            "cert_valid_to": a_date(1000),
            "status": "active",
        }
        for n in range(count)
    ]
    with app.app_context():
        db.session.execute(insert(Officer), rows)
        db.session.commit()


def test_roster_pages_follow_one_another(app, client, create_unit):
    unit = create_unit("zhanhe")
    _bulk_officers(app, unit.id, 120)
    seen, url = [], "/officers/?unit=zhanhe"
    while url:
        page = client.get(url).get_data(as_text=True)
        seen += re.findall(r"lookup\?badge=(\d+)", page)
        found = re.search(r'href="([^"]+)" rel="next"', page)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert seen == sorted(f"{130000 + n}" for n in range(120))


def test_api_lists_public_fields_with_a_cursor(app, client, create_unit):
    unit = create_unit("zhanhe")
    _bulk_officers(app, unit.id, 7)
    first = client.get("/api/v1/officers?unit=zhanhe&limit=5").get_json()
    assert set(first) == {"items", "next"}
    assert len(first["items"]) == 5
    assert all(set(item) == PUBLIC_KEYS for item in first["items"])
    item = first["items"][0]
    assert item["status"] == "active" and item["unit_code"] == "zhanhe"
    assert item["url"] == "http://portal.test/officers/lookup?badge=130000"
    second = client.get(f"/api/v1/officers?unit=zhanhe&limit=5&cursor={first['next']}").get_json()
    assert [i["badge_no"] for i in second["items"]] == ["130005", "130006"]
    assert second["next"] is None


def test_api_single_officer_and_status_filter(client, two_units_roster):
    officer = client.get("/api/v1/officers/110002").get_json()
    assert officer["status"] == "suspended" and officer["name"] == "乙暂停"
    assert set(officer) == PUBLIC_KEYS
    missing = client.get("/api/v1/officers/999999")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["message"] == "没有工号为 999999 的执法人员。"
    assert client.get("/api/v1/officers/12ab").status_code == 400
    revoked = client.get("/api/v1/officers?status=revoked").get_json()["items"]
    assert [item["badge_no"] for item in revoked] == ["110003"]


def test_api_never_shows_what_staff_keep(app, client, two_units_roster):
    with app.app_context():
        officer = db.session.query(Officer).filter_by(badge_no="110001").one()
        officer.photo_key = "a" * 32
        db.session.commit()
    body = client.get("/api/v1/officers").get_data(as_text=True)
    assert "a" * 32 not in body and "测试用状态变更" not in body
    assert "photo" not in body


def test_openapi_documents_the_officer_endpoints(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert {"/officers", "/officers/{badge_no}"} <= set(document["paths"])
    officer = document["components"]["schemas"]["Officer"]
    assert set(officer["required"]) == PUBLIC_KEYS
    assert officer["properties"]["status"]["enum"] == [
        "active",
        "suspended",
        "revoked",
        "transferred",
    ]
    assert client.get("/api/v1/").get_json()["endpoints"]["officers"].endswith("/api/v1/officers")


def test_csv_download(client, two_units_roster):
    response = client.get("/officers/roster.csv?unit=xinhua")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["工号", "执法证号", "姓名"]
    assert [row[0] for row in rows[1:]] == ["110001", "110002", "110003"]
    assert rows[2][8] == "暂停执法"
