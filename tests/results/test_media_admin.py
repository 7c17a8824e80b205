"""The back office of media responses: entry with bad input kept, the masked preview before
publishing, correction and withdrawal with public reasons, review, unit scoping, audit."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.core.models import local_today
from portal.extensions import db
from portal.results.media.models import MediaResponse
from tests.results.media_helpers import CITIZEN, CITIZEN_PHONE, media_data


@pytest.fixture
def people(create_user, demo_units):
    create_user("staff_xinhua", role="staff", unit_code="xinhua")
    create_user("staff_weidong", role="staff", unit_code="weidong")
    create_user("supervisor", role="supervisor")


def form_of(**overrides) -> dict:
    data = media_data(**overrides)
    data["reported_on"] = data["reported_on"].isoformat() if data["reported_on"] else ""
    return {"unit": "xinhua", **data}


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.object_type == "media")
                .order_by(AuditEntry.id)
            )
        )


def only_item(app) -> MediaResponse:
    with app.app_context():
        item = db.session.scalars(select(MediaResponse)).one()
        db.session.expunge(item)
        return item


def test_staff_enter_preview_publish_correct_and_withdraw(app, client, login, people):
    login("staff_xinhua")
    # staff of one unit write for their unit, whatever the request says
    response = client.post("/admin/media/new", data=form_of(unit="weidong"))
    assert response.status_code == 302
    item = only_item(app)
    with app.app_context():
        assert (
            item.status == "draft" and db.session.get(MediaResponse, item.id).unit.code == "xinhua"
        )

    detail = client.get(f"/admin/media/{item.id}").get_data(as_text=True)
    assert CITIZEN in detail  # the working copy, for staff
    preview = client.get(f"/admin/media/{item.id}/publish").get_data(as_text=True)
    assert "王某某" in preview and "170****0512" in preview
    assert "已隐去3处个人信息" in preview
    refused = client.post(f"/admin/media/{item.id}/publish", data={})
    assert refused.status_code == 400 and "请先核对脱敏预览并勾选确认" in refused.text
    assert client.post(f"/admin/media/{item.id}/publish", data={"confirm": "y"}).status_code == 302
    assert only_item(app).status == "published"
    public = client.get(f"/media/{item.public_id}").get_data(as_text=True)
    assert CITIZEN not in public and CITIZEN_PHONE not in public and "王某某" in public

    edit = client.get(f"/admin/media/{item.id}/edit").get_data(as_text=True)
    assert "更正原因" in edit
    no_reason = client.post(f"/admin/media/{item.id}/edit", data=form_of(action_taken="新处理"))
    assert no_reason.status_code == 400 and "请填写更正原因" in no_reason.text
    assert "新处理" in no_reason.text  # what was typed is kept
    corrected = client.post(
        f"/admin/media/{item.id}/edit",
        data={**form_of(action_taken="已引导40户摊主入点经营。"), "reason": "疏导户数有误"},
    )
    assert corrected.status_code == 302
    assert only_item(app).revision_count == 2

    assert client.post(f"/admin/media/{item.id}/withdraw", data={}).status_code == 400
    withdrawn = client.post(f"/admin/media/{item.id}/withdraw", data={"reason": "需重新核实"})
    assert withdrawn.status_code == 302
    assert "撤下原因：需重新核实" in client.get(f"/media/{item.public_id}").text
    assert client.post(f"/admin/media/{item.id}/edit", data=form_of()).status_code == 409
    assert audit_actions(app) == [
        "media.create",
        "media.publish",
        "media.correct",
        "media.withdraw",
    ]
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "media.correct"))
        assert entry.one().actor_label == "staff_xinhua"


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"link": "javascript:alert(1)"}, "报道链接应为以 http:// 或 https:// 开头的网址"),
        ({"link": "ftp://example.com/x"}, "报道链接应为以 http:// 或 https:// 开头的网址"),
        ({"outlet": ""}, "请填写媒体名称"),
        ({"response": ""}, "请填写回应内容"),
        ({"reported_on": None}, "请填写报道日期"),
        ({"reported_on": local_today() + timedelta(days=2)}, "报道日期不能晚于今天"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_kept(app, client, login, people, overrides, message):
    login("staff_xinhua")
    data = form_of(**overrides)
    response = client.post("/admin/media/new", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert data["headline"] in page and "夜市摊点占满人行道" in page
    with app.app_context():
        assert db.session.scalars(select(MediaResponse)).all() == []


def test_a_bad_date_is_a_chinese_message_not_a_500(client, login, people):
    login("staff_xinhua")
    response = client.post("/admin/media/new", data=form_of() | {"reported_on": "去年"})
    assert response.status_code == 400 and "报道日期格式应为 年-月-日" in response.text


def test_review_and_return_by_the_supervision_office(app, client, login, people):
    login("staff_xinhua")
    client.post("/admin/media/new", data=form_of())
    item = only_item(app)
    assert client.post(f"/admin/media/{item.id}/submit").status_code == 302
    assert client.get(f"/admin/media/{item.id}/return").status_code == 403
    client.post("/admin/logout")
    login("supervisor")
    assert client.post(f"/admin/media/{item.id}/return", data={}).status_code == 400
    sent_back = client.post(f"/admin/media/{item.id}/return", data={"note": "请补充处理结果"})
    assert sent_back.status_code == 302
    client.post("/admin/logout")
    login("staff_xinhua")
    assert "请补充处理结果" in client.get(f"/admin/media/{item.id}").text
    assert audit_actions(app) == ["media.create", "media.submit", "media.return"]


def test_the_list_is_scoped_to_the_unit(app, client, login, people, media):
    mine = media("xinhua", publish=False, headline="新华区的报道")
    media("weidong", publish=False, headline="卫东区的报道")
    login("staff_xinhua")
    page = client.get("/admin/media/").get_data(as_text=True)
    assert "新华区的报道" in page and "卫东区的报道" not in page
    assert client.get(f"/admin/media/{mine.id + 1}").status_code == 404
    client.post("/admin/logout")
    login("supervisor")
    page = client.get("/admin/media/?status=draft").get_data(as_text=True)
    assert "新华区的报道" in page and "卫东区的报道" in page
    assert "新华区的报道" not in client.get("/admin/media/?q=卫东区").text


def test_the_back_office_links_to_media_responses(client, login, people):
    login("staff_xinhua")
    page = client.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/media/"' in page
