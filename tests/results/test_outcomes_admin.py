"""The back office of outcomes: from a closed complaint through the masked preview to
publication, correction and withdrawal; tip-offs refused; unit scoping."""

import re
from html import unescape

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.results.outcomes.models import ComplaintOutcome
from tests.results.outcome_helpers import (
    CONTACT_NAME,
    CONTACT_PHONE,
    add_units,
    closed_complaint,
    published,
)

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def world(app, create_unit):
    add_units(app, create_unit)
    return app


def _csrf(page: str) -> str:
    """The form's token (tests run with CSRF checks off: then there is none)."""
    found = CSRF.search(page)
    return found.group(1) if found else ""


def _complaint(app, **fields) -> int:
    with app.app_context():
        return closed_complaint(app, "xinhua", **fields).id


def test_preview_shows_the_masked_public_text_keeps_input_and_publishes(world, client, login):
    complaint_id = _complaint(
        world,
        description=f"投诉人{CONTACT_NAME}反映：执法人员在建设路推搡摊主。",
        reply=f"经核查已处理。{CONTACT_NAME}您好，如有疑问请回电{CONTACT_PHONE}。",
    )
    login("staff_xinhua")
    detail = client.get(f"/admin/complaints/{complaint_id}").get_data(as_text=True)
    assert f"/admin/outcomes/publish/{complaint_id}" in detail and "公示办理结果" in detail
    form_page = client.get(f"/admin/outcomes/publish/{complaint_id}").get_data(as_text=True)
    assert "演某某" in form_page and CONTACT_NAME not in form_page  # prefilled, masked
    assert CONTACT_PHONE not in form_page
    typed = {
        "csrf_token": _csrf(form_page),
        "category": "conduct",
        "summary": f"市民{CONTACT_NAME}（{CONTACT_PHONE}）反映执法人员推搡摊主。",
        "reply": "经核查，已对涉事队员批评教育。",
    }
    preview = client.post(
        f"/admin/outcomes/publish/{complaint_id}", data={**typed, "step": "preview"}
    )
    assert preview.status_code == 200
    page = unescape(preview.get_data(as_text=True))
    shown = page[page.index("公开后将显示的内容") : page.index("确认公示")]
    assert "演某某" in shown and "170****0042" in shown
    assert CONTACT_PHONE not in shown and CONTACT_NAME not in shown
    assert "执法态度" in shown and "满意度评价" in shown and "非常满意" in shown
    # back to the form: everything typed is still there
    back = client.post(f"/admin/outcomes/publish/{complaint_id}", data={**typed, "step": "edit"})
    assert back.status_code == 200
    assert typed["summary"] in unescape(back.get_data(as_text=True))
    assert db.session is not None
    # publishing without ticking the confirmation is refused, input kept
    refused = client.post(
        f"/admin/outcomes/publish/{complaint_id}", data={**typed, "step": "publish"}
    )
    assert refused.status_code == 400
    assert "请先核对预览并勾选确认" in refused.get_data(as_text=True)
    done = client.post(
        f"/admin/outcomes/publish/{complaint_id}",
        data={**typed, "step": "publish", "confirm": "y"},
    )
    assert done.status_code == 302
    with world.app_context():
        outcome = db.session.scalars(select(ComplaintOutcome)).one()
        assert outcome.current_revision.summary == "市民演某某（170****0042）反映执法人员推搡摊主。"
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "outcome.publish")
        ).one()
        assert entry.actor_label == "staff_xinhua" and entry.unit_id == outcome.unit_id
        outcome_id = outcome.id
    assert done.headers["Location"].endswith(f"/admin/outcomes/{outcome_id}")
    again = client.get(f"/admin/complaints/{complaint_id}").get_data(as_text=True)
    assert f"/admin/outcomes/{outcome_id}" in again and "查看公示的办理结果" in again


def test_a_bad_form_is_a_chinese_400_keeping_the_input(world, client, login):
    complaint_id = _complaint(world)
    login("staff_xinhua")
    page = client.get(f"/admin/outcomes/publish/{complaint_id}").get_data(as_text=True)
    response = client.post(
        f"/admin/outcomes/publish/{complaint_id}",
        data={
            "csrf_token": _csrf(page),
            "category": "nonsense",
            "summary": "写了一半的摘要",
            "reply": "",
            "step": "preview",
        },
    )
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "请从列表中选择问题类别" in text and "请填写答复内容" in text
    assert "写了一半的摘要" in text


def test_tip_offs_are_not_offered_and_refused(world, client, login):
    complaint_id = _complaint(world, kind="tipoff")
    login("staff_xinhua")
    detail = client.get(f"/admin/complaints/{complaint_id}").get_data(as_text=True)
    assert f"/admin/outcomes/publish/{complaint_id}" not in detail
    assert "举报件不公示办理结果" in detail
    page = client.get(f"/admin/outcomes/publish/{complaint_id}")
    assert page.status_code == 200 and "举报件不公开办理结果" in page.get_data(as_text=True)
    response = client.post(
        f"/admin/outcomes/publish/{complaint_id}",
        data={
            "category": "other",
            "summary": "举报内容举报内容",
            "reply": "已查处已查处",
            "step": "publish",
            "confirm": "y",
        },
    )
    assert response.status_code == 409
    with world.app_context():
        assert db.session.scalars(select(ComplaintOutcome)).first() is None


def test_an_open_complaint_is_refused(world, client, login):
    complaint_id = _complaint(world, close=False)
    login("staff_xinhua")
    page = client.get(f"/admin/outcomes/publish/{complaint_id}").get_data(as_text=True)
    assert "只有已办结的件可以公示办理结果" in page


def test_correct_and_withdraw_through_the_back_office(world, client, login):
    with world.app_context():
        outcome_id = published(world, "xinhua").id
    login("staff_xinhua")
    page = client.get(f"/admin/outcomes/{outcome_id}/correct").get_data(as_text=True)
    fields = {
        "csrf_token": _csrf(page),
        "category": "street_vending",
        "summary": "摊主占道经营，执法人员劝离时态度生硬。",
        "reply": "经核查，已对涉事队员批评教育。",
        "reason": "问题类别有误",
    }
    preview = client.post(
        f"/admin/outcomes/{outcome_id}/correct", data={**fields, "step": "preview"}
    )
    assert preview.status_code == 200 and "问题类别有误" in preview.get_data(as_text=True)
    done = client.post(
        f"/admin/outcomes/{outcome_id}/correct",
        data={**fields, "step": "publish", "confirm": "y"},
    )
    assert done.status_code == 302
    page = client.get(f"/admin/outcomes/{outcome_id}/withdraw").get_data(as_text=True)
    empty = client.post(f"/admin/outcomes/{outcome_id}/withdraw", data={"csrf_token": _csrf(page)})
    assert empty.status_code == 400 and "请填写撤下原因" in empty.get_data(as_text=True)
    gone = client.post(
        f"/admin/outcomes/{outcome_id}/withdraw",
        data={"csrf_token": _csrf(page), "reason": "投诉人申请复核"},
    )
    assert gone.status_code == 302
    with world.app_context():
        actions = db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.object_type == "outcome")
            .order_by(AuditEntry.id)
        ).all()
        assert actions == ["outcome.publish", "outcome.correct", "outcome.withdraw"]
        outcome = db.session.get(ComplaintOutcome, outcome_id)
        assert outcome.status == "withdrawn" and outcome.revision_count == 2
    detail = client.get(f"/admin/outcomes/{outcome_id}").get_data(as_text=True)
    assert "投诉人申请复核" in detail and "问题类别有误" in detail


def test_unit_staff_see_only_their_units_outcomes(world, client, login, create_user):
    with world.app_context():
        mine = published(world, "xinhua").public_id
        theirs = published(world, "weidong")
        theirs_id, theirs_public = theirs.id, theirs.public_id
        other_complaint = closed_complaint(world, "weidong").id
    create_user("chief", role="supervisor")
    login("staff_xinhua")
    listing = client.get("/admin/outcomes/").get_data(as_text=True)
    assert mine in listing and theirs_public not in listing
    assert client.get(f"/admin/outcomes/{theirs_id}").status_code == 404
    assert client.get(f"/admin/outcomes/publish/{other_complaint}").status_code == 404
    client.post("/admin/logout")
    login("chief")
    listing = client.get("/admin/outcomes/").get_data(as_text=True)
    assert mine in listing and theirs_public in listing
