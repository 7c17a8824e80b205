"""Case-file reviews: entered by the office, published, corrected in public, rectified by units."""

from datetime import date

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.results.models import ReviewResult, ReviewRound
from portal.search.models import SearchOutboxEntry

RESULT = {
    "unit": "xh",
    "files_reviewed": "12",
    "score": "86.5",
    "grade": "pass",
    "problems_subject": "0",
    "problems_facts": "1",
    "problems_evidence": "2",
    "problems_legal_basis": "0",
    "problems_procedure": "1",
    "problems_discretion": "0",
    "problems_criminal_transfer": "0",
    "problems_file_keeping": "3",
}


@pytest.fixture
def office(client, create_unit, create_user, login):
    create_unit("xh", short_name="新华区", name="新华区城管局")
    create_unit("wd", short_name="卫东区", name="卫东区城管局")
    create_user("office", role="supervisor")
    login("office")
    return client


def create_round(office) -> int:
    response = office.post(
        "/admin/reviews/",
        data={"name": "2026年上半年案卷评查", "held_on": "2026-06-25", "summary": "每单位抽查12卷"},
    )
    assert response.status_code == 302
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def public_path(app, round_id: int) -> str:
    with app.app_context():
        return f"/reviews/case-files/{db.session.get(ReviewRound, round_id).public_id}"


def test_round_is_private_until_published(app, office):
    round_id = create_round(office)
    assert office.post(f"/admin/reviews/{round_id}", data=RESULT).status_code == 302
    assert office.get(public_path(app, round_id)).status_code == 404
    assert office.get("/api/v1/reviews").get_json()["items"] == []
    office.post(f"/admin/reviews/{round_id}/publish")
    page = office.get(public_path(app, round_id)).get_data(as_text=True)
    assert "新华区城管局" in page and "86.5" in page and "整改中" in page
    item = office.get("/api/v1/reviews").get_json()["items"][0]
    assert item["unit_code"] == "xh" and item["score"] == 86.5 and item["grade"] == "pass"
    assert item["problems"]["file_keeping"] == 3 and item["rectification"] == "in_progress"


def test_a_change_after_publication_is_public_only_as_a_correction(app, office):
    round_id = create_round(office)
    office.post(f"/admin/reviews/{round_id}", data=RESULT)
    office.post(f"/admin/reviews/{round_id}/publish")
    path = public_path(app, round_id)
    # the change waits in the working copy; the public still sees revision 1
    office.post(
        f"/admin/reviews/{round_id}", data=RESULT | {"score": "90", "grade": "excellent"}
    )
    admin_page = office.get(f"/admin/reviews/{round_id}").get_data(as_text=True)
    assert "尚未公开" in admin_page
    assert "86.5" in office.get(path).get_data(as_text=True)
    refused = office.post(f"/admin/reviews/{round_id}/correct", data={"reason": ""})
    assert refused.status_code == 400 and "请填写更正原因" in refused.get_data(as_text=True)

    office.post(f"/admin/reviews/{round_id}/correct", data={"reason": "复核后证据项扣分有误"})
    page = office.get(path).get_data(as_text=True)
    assert "更正（现行第2版）" in page and "复核后证据项扣分有误" in page and "90.0" in page
    first = office.get(f"{path}/revisions/1").get_data(as_text=True)
    assert "您正在查看第1版" in first and "86.5" in first and "90.0" not in first
    item = office.get("/api/v1/reviews").get_json()["items"][0]
    assert (item["revision"], item["score"], item["correction_reason"]) == (
        2,
        90.0,
        "复核后证据项扣分有误",
    )
    nothing_new = office.post(f"/admin/reviews/{round_id}/correct", data={"reason": "再次更正"})
    assert "无需更正" in nothing_new.get_data(as_text=True)
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        outbox = db.session.scalars(select(SearchOutboxEntry.kind)).all()
    assert actions[-5:] == [
        "review_round.create",
        "review_result.set",
        "review_round.publish",
        "review_result.set",
        "review_round.correct",
    ]
    assert outbox == ["review_round", "review_round"]


def test_a_withdrawn_round_keeps_its_permalink_with_the_reason(app, office):
    round_id = create_round(office)
    office.post(f"/admin/reviews/{round_id}", data=RESULT)
    office.post(f"/admin/reviews/{round_id}/publish")
    path = public_path(app, round_id)
    office.post(
        f"/admin/reviews/{round_id}/withdraw", data={"withdraw-reason": "评查范围有误，将重新组织"}
    )
    response = office.get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "已于" in page and "撤下" in page and "评查范围有误，将重新组织" in page
    assert "86.5" not in page and "新华区城管局" not in page
    assert "2026年上半年案卷评查" not in office.get("/reviews/").get_data(as_text=True)
    assert office.get("/api/v1/reviews").get_json()["items"] == []
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-1] == "review_round.withdraw"


def test_result_entry_errors_are_chinese_and_keep_the_input(office):
    round_id = create_round(office)
    page = office.post(
        f"/admin/reviews/{round_id}", data=RESULT | {"score": "abc", "files_reviewed": "-1"}
    ).get_data(as_text=True)
    assert "请填写数字" in page and "不能为负数" in page
    assert 'value="abc"' in page


def test_unit_records_its_own_rectification(app, client, office, create_user, login):
    round_id = create_round(office)
    office.post(f"/admin/reviews/{round_id}", data=RESULT)
    office.post(f"/admin/reviews/{round_id}/publish")
    with app.app_context():
        result_id = db.session.scalars(select(ReviewResult.id)).one()
    office.post("/admin/logout")
    create_user("xh_staff", role="staff", unit_code="xh")
    login("xh_staff")
    listing = client.get("/admin/reviews/").get_data(as_text=True)
    assert "2026年上半年案卷评查" in listing and "新建评查" not in listing
    missing_date = client.post(
        f"/admin/reviews/results/{result_id}", data={"state": "done", "note": "已补正"}
    )
    assert "已整改须填写整改完成日期" in missing_date.get_data(as_text=True)
    client.post(
        f"/admin/reviews/results/{result_id}",
        data={"state": "done", "rectified_on": "2026-07-20", "note": "已逐卷补正"},
    )
    page = client.get(public_path(app, round_id)).get_data(as_text=True)
    assert "已整改（2026年7月20日）" in page and "已逐卷补正" in page


def test_csv_matches_the_page(app, office):
    round_id = create_round(office)
    office.post(f"/admin/reviews/{round_id}", data=RESULT)
    office.post(
        f"/admin/reviews/{round_id}",
        data=RESULT | {"unit": "wd", "score": "95", "grade": "excellent"},
    )
    office.post(f"/admin/reviews/{round_id}/publish")
    csv = office.get(f"{public_path(app, round_id)}?format=csv").get_data(as_text=True)
    lines = csv.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("单位代码,单位,评查案卷数,得分,等次,主体,事实")
    assert "xh,新华区城管局,12,86.5,合格,0,1,2,0,1,0,0,3,整改中," in lines
    assert "wd,卫东区城管局,12,95.0,优秀,0,1,2,0,1,0,0,3,整改中," in lines


def test_publishing_an_empty_round_is_refused(app, office):
    round_id = create_round(office)
    office.post(f"/admin/reviews/{round_id}/publish")
    with app.app_context():
        assert db.session.get(ReviewRound, round_id).status == "draft"


def test_supervisors_roster_managed_and_public(app, office):
    response = office.post(
        "/admin/supervisors/",
        data={
            "name": "王建国",
            "affiliation": "人大代表",
            "organisation": "新华区人大常委会",
            "term_from": "2025-01-01",
            "term_to": "2027-12-31",
        },
    )
    assert response.status_code == 302
    page = office.get("/supervisors/").get_data(as_text=True)
    assert "王建国" in page and "人大代表" in page and "新华区人大常委会" in page
    refused = office.post(
        "/admin/supervisors/",
        data={
            "name": "李某",
            "affiliation": "媒体",
            "term_from": "2027-01-01",
            "term_to": "2025-01-01",
        },
    ).get_data(as_text=True)
    assert "任期结束不能早于任期开始" in refused and 'value="李某"' in refused
    with app.app_context():
        assert "supervisor.add" in db.session.scalars(select(AuditEntry.action)).all()
    # the roster page names the term in Chinese dates
    assert "2025年1月1日 至 2027年12月31日" in page
    listed = office.get("/api/v1/supervisors").get_json()
    assert listed["next"] is None
    assert {
        "name": "王建国",
        "affiliation": "人大代表",
        "organisation": "新华区人大常委会",
        "term_from": "2025-01-01",
        "term_to": "2027-12-31",
        "in_office": date(2025, 1, 1) <= date.today() <= date(2027, 12, 31),
    } in listed["items"]
    document = office.get("/api/v1/openapi.json").get_json()
    assert "/supervisors" in document["paths"]
