"""Disclosure documents: written in the back office, sanitised, masked, published, corrected,
withdrawn — and shown on the unit page and the disclosure index."""

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.disclosure.models import DisclosureDocument
from portal.extensions import db
from portal.search.models import SearchOutboxEntry


@pytest.fixture
def staff(app, units, create_user, login):
    create_user("xinhua_staff", role="staff", unit_code="xinhua")
    login("xinhua_staff")


def document(app, title) -> DisclosureDocument:
    with app.app_context():
        found = db.session.scalars(
            select(DisclosureDocument).where(DisclosureDocument.title == title)
        ).one()
        db.session.expunge(found)
        return found


def test_write_preview_publish_correct_withdraw(app, client, staff):
    body = (
        '<h2>复议</h2><p onclick="alert(1)">可向区政府申请复议。<script>alert(1)</script></p>'
        "<p>投诉电话 0375-4932619，投诉邮箱 xinhua_cgts@pds.gov.cn，"
        "经办人手机13812345678。</p>"
    )
    response = client.post(
        "/admin/documents/new",
        data={"unit": "xinhua", "kind": "remedies", "title": "救济渠道", "body": body},
    )
    assert response.status_code == 302
    stored = document(app, "救济渠道")
    assert "<script" not in stored.body_html and "onclick" not in stored.body_html
    preview = client.get(f"/admin/documents/{stored.id}/publish").get_data(as_text=True)
    assert "将自动隐去1处个人信息" in preview and "138****5678" in preview
    client.post(f"/admin/documents/{stored.id}/publish", data={"confirm": "y"})
    public = client.get(f"/disclosure/documents/{stored.public_id}").get_data(as_text=True)
    assert "<h2>复议</h2>" in public and "alert(1)" not in public
    assert "0375-4932619" in public and "xinhua_cgts@pds.gov.cn" in public  # public contacts
    assert "13812345678" not in public and "138****5678" in public
    unit_page = client.get("/disclosure/units/xinhua").get_data(as_text=True)
    assert "救济渠道" in unit_page and stored.public_id in unit_page

    client.post(
        f"/admin/documents/{stored.id}/edit",
        data={
            "unit": "xinhua",
            "kind": "remedies",
            "title": "救济渠道",
            "body": "<p>可向区政府申请复议，也可以提起行政诉讼。</p>",
            "reason": "补充行政诉讼渠道",
        },
    )
    current = client.get(f"/disclosure/documents/{stored.public_id}").get_data(as_text=True)
    assert "也可以提起行政诉讼" in current and "更正原因：补充行政诉讼渠道" in current
    old = client.get(f"/disclosure/documents/{stored.public_id}/revisions/1")
    assert "投诉电话 0375-4932619" in old.get_data(as_text=True)

    client.post(f"/admin/documents/{stored.id}/withdraw", data={"reason": "内容已合并"})
    gone = client.get(f"/disclosure/documents/{stored.public_id}")
    assert gone.status_code == 200
    assert "撤下原因：内容已合并" in gone.get_data(as_text=True)
    assert "也可以提起行政诉讼" not in gone.get_data(as_text=True)
    assert stored.public_id not in client.get("/disclosure/units/xinhua").get_data(as_text=True)

    with app.app_context():
        actions = db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.object_type == "document")
            .order_by(AuditEntry.id)
        ).all()
        kinds = db.session.scalars(select(SearchOutboxEntry.kind)).all()
    assert actions == [
        "document.create",
        "document.publish",
        "document.correct",
        "document.withdraw",
    ]
    assert kinds == ["document", "document", "document"]


def test_form_errors_keep_the_text(client, staff):
    page = client.post(
        "/admin/documents/new",
        data={"unit": "xinhua", "kind": "remedies", "title": "", "body": "正文草稿"},
    ).get_data(as_text=True)
    assert "请填写标题" in page and "正文草稿" in page


def test_a_draft_document_has_no_public_page(client, make_document):
    draft = make_document(publish=False)
    assert client.get(f"/disclosure/documents/{draft.public_id}").status_code == 404


def test_the_index_shows_recent_updates_and_the_catalogue(client, make_document, make_decision):
    make_document(kind="discretion", title="新华区裁量基准")
    make_decision(doc_no="最近〔2026〕第1号")
    page = client.get("/disclosure/").get_data(as_text=True)
    assert "新华区 · 新华区裁量基准" in page and "最近〔2026〕第1号" in page
    assert page.count('<th scope="row">') == 13
    assert 'href="/disclosure/units/xinhua#kind-discretion"' in page
    assert 'href="/officers/?unit=gaoxinqu"' in page


def test_staff_see_only_their_units_documents(client, staff, make_document):
    make_document("weidong", title="卫东区的清单")
    make_document("xinhua", title="新华区的清单")
    page = client.get("/admin/documents/").get_data(as_text=True)
    assert "新华区的清单" in page and "卫东区的清单" not in page
