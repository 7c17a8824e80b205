"""Staff adjust a decision's masking in its preview: hide a selected span, unmask a detected
name that is no person's (with a reason), never a phone or an ID; audited; publication and
correction honour the adjustments; a unit's staff reach only their unit's decisions."""

import json

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.core.masking_overrides import MaskingOverride
from portal.disclosure.decisions.models import DecisionRevision, PenaltyDecision
from portal.disclosure.models import DocumentRevision
from portal.extensions import db
from portal.results.media.models import MediaResponseRevision
from tests.results.media_helpers import make_media

FACTS = "证人高山称，当事人在幸福花园北门占道经营，其电话13837512345。"


@pytest.fixture
def users(app, units, create_user):
    create_user("xinhua_staff", role="staff", unit_code="xinhua")
    create_user("weidong_staff", role="staff", unit_code="weidong")


@pytest.fixture
def staff(users, login):
    login("xinhua_staff")


@pytest.fixture
def draft(make_decision):
    return make_decision(publish=False, party_name="张建国", related_names="", facts=FACTS)


def _audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()
        db.session.expunge_all()
        return entries


def test_the_preview_names_each_type_and_offers_the_adjustments(client, staff, draft):
    page = client.get(f"/admin/decisions/{draft.id}").get_data(as_text=True)
    assert '<span class="masked__type">姓名</span>' in page
    assert '<span class="masked__type">电话</span>' in page
    assert "还需隐去的文字" in page and 'name="text" value="高山"' in page
    assert 'value="13837512345"' not in page  # a phone is never offered for unmasking
    assert "/static/js/masking-preview.js" in page and "<script>" not in page


def test_mask_a_span_and_unmask_a_name_audited_and_honoured_at_publication(
    app, client, staff, draft
):
    base = f"/admin/decisions/{draft.id}/masking"
    assert client.post(f"{base}/mask", data={"text": "幸福花园"}).status_code == 302
    response = client.post(f"{base}/unmask", data={"text": "高山", "reason": "高山是村名"})
    assert response.status_code == 302
    preview = client.get(f"/admin/decisions/{draft.id}").get_data(as_text=True)
    assert "人工隐去：幸福花园" in preview and "取消隐去：高山（高山是村名）" in preview
    mask_entry, unmask_entry = _audit(app, "masking.mask")[0], _audit(app, "masking.unmask")[0]
    assert mask_entry.object_type == "decision" and mask_entry.object_id == str(draft.id)
    assert "幸福花园" not in mask_entry.after_json  # the audit log holds no personal data
    assert json.loads(mask_entry.after_json)["text_masked"] == "*"
    unmasked = json.loads(unmask_entry.after_json)
    assert unmasked["reason"] == "高山是村名" and unmasked["action"] == "unmask"

    client.post(f"/admin/decisions/{draft.id}/publish", data={"confirm": "y"})
    with app.app_context():
        decision = db.session.get(PenaltyDecision, draft.id)
        assert decision.status == "published", decision.status
        revision = db.session.scalars(
            select(DecisionRevision).where(DecisionRevision.decision_id == draft.id)
        ).one()
        assert revision.facts == "证人高山称，当事人在****北门占道经营，其电话138****2345。"


def test_a_phone_or_id_can_never_be_unmasked(app, client, staff, draft):
    base = f"/admin/decisions/{draft.id}/masking"
    response = client.post(
        f"{base}/unmask", data={"text": "13837512345", "reason": "单位电话"}, follow_redirects=True
    )
    assert "不能取消隐去" in response.get_data(as_text=True)
    response = client.post(f"{base}/unmask", data={"text": "高山", "reason": ""})
    with app.app_context():
        assert db.session.scalars(select(MaskingOverride)).all() == []
    assert _audit(app, "masking.unmask") == []


def test_an_adjustment_can_be_taken_back(app, client, staff, draft):
    base = f"/admin/decisions/{draft.id}/masking"
    client.post(f"{base}/mask", data={"text": "幸福花园"})
    with app.app_context():
        override_id = db.session.scalars(select(MaskingOverride.id)).one()
    assert client.post(f"{base}/{override_id}/revert").status_code == 302
    with app.app_context():
        assert db.session.scalars(select(MaskingOverride)).all() == []
    assert json.loads(_audit(app, "masking.revert")[0].before_json)["action"] == "mask"


def test_other_units_staff_cannot_adjust(app, client, users, login, draft):
    login("weidong_staff")
    base = f"/admin/decisions/{draft.id}/masking"
    assert client.post(f"{base}/mask", data={"text": "幸福花园"}).status_code == 404
    with app.app_context():
        assert db.session.scalars(select(MaskingOverride)).all() == []


def test_anonymous_visitors_cannot_adjust(client, units, draft):
    response = client.post(f"/admin/decisions/{draft.id}/masking/mask", data={"text": "x"})
    assert response.status_code in (302, 401, 403)
    assert "/admin/decisions" not in response.headers.get("Location", "/admin/decisions")[:15]


def test_rescan_corrects_documents_and_media_responses_too(app, runner, make_document):
    stale = "邻居刘德华反映，电话0375 296 1234。"
    document = make_document(body="<p>投诉电话 12319</p>")
    with app.app_context():
        media = make_media(response="经核查情况属实。")
        db.session.get(
            DocumentRevision, _first_revision(DocumentRevision, document.id)
        ).body_html = f"<p>{stale}</p>"
        media_revision = db.session.get(
            MediaResponseRevision, _first_revision(MediaResponseRevision, media.id)
        )
        media_revision.response = stale
        db.session.commit()
    listed = runner.invoke(args=["masking", "rescan"])
    assert "公示文件" in listed.output and "媒体回应" in listed.output, listed.output
    assert "2 of 2 published items would change" in listed.output
    assert runner.invoke(args=["masking", "rescan", "--apply"]).exit_code == 0
    with app.app_context():
        for model, owner, item_id, field in (
            (DocumentRevision, "document_id", document.id, "body_html"),
            (MediaResponseRevision, "media_response_id", media.id, "response"),
        ):
            texts = [
                getattr(revision, field)
                for revision in db.session.scalars(
                    select(model).where(getattr(model, owner) == item_id)
                )
            ]
            assert len(texts) == 2 and all("邻居刘某某" in text for text in texts), texts
            assert not any("296 1234" in text for text in texts)


def _first_revision(model, item_id: int) -> int:
    owner = "document_id" if model is DocumentRevision else "media_response_id"
    return db.session.scalars(select(model.id).where(getattr(model, owner) == item_id)).one()
