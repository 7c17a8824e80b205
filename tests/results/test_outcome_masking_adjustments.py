"""The masking adjustments on a closed complaint's publish preview (the shared controls of
``portal.core.masking_adjust``): what was typed travels with each adjustment, an extra span
masked and a name unmasked hold on the public page after publication and after a correction,
a phone is never unmasked, each adjustment is audited, another unit's staff get 404."""

import json

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR
from portal.core.masking_overrides import MaskingOverride
from portal.extensions import db
from portal.results.outcomes.models import ComplaintOutcome
from portal.results.outcomes.services import correct_outcome
from tests.results.outcome_helpers import add_units, closed_complaint

FACTS = "证人高山称，当事人在幸福花园北门占道经营，其电话13837512345。"
PUBLIC_FACTS = "证人高山称，当事人在****北门占道经营，其电话138****2345。"
REPLY = "经调查核实，已责令当事人整改。"


@pytest.fixture
def complaint_id(app, create_unit):
    add_units(app, create_unit)
    with app.app_context():
        return closed_complaint(app, "xinhua").id


@pytest.fixture
def form() -> dict:
    return {"step": "preview", "category": "conduct", "summary": FACTS, "reply": REPLY}


@pytest.fixture
def staff(login):
    login("staff_xinhua")


def _audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()
        db.session.expunge_all()
        return entries


def test_adjustments_keep_the_texts_and_hold_after_publication_and_correction(
    app, client, complaint_id, form, staff
):
    url = f"/admin/outcomes/publish/{complaint_id}"
    page = client.post(url, data=form).get_data(as_text=True)
    assert "调整脱敏" in page and 'name="text" value="高山"' in page
    assert 'name="text" value="13837512345"' not in page  # a phone is never offered
    assert "/static/js/masking-preview.js" in page

    response = client.post(f"{url}/masking/mask", data={**form, "text": "幸福花园"})
    assert response.status_code == 200 and "人工隐去：幸福花园" in response.get_data(as_text=True)
    page = client.post(
        f"{url}/masking/unmask",
        data={**form, "text": "高山", "reason": "高山是村名"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "人工隐去：幸福花园" in page and "取消隐去：高山（高山是村名）" in page
    assert f'name="summary" value="{FACTS}"' in page  # nothing typed is lost

    mask_entry, unmask_entry = _audit(app, "masking.mask")[0], _audit(app, "masking.unmask")[0]
    assert (mask_entry.object_type, mask_entry.object_id) == ("complaint", str(complaint_id))
    assert "幸福花园" not in mask_entry.after_json
    assert json.loads(unmask_entry.after_json)["reason"] == "高山是村名"
    assert unmask_entry.unit_id is not None and unmask_entry.actor_id is not None

    published = client.post(url, data={**form, "step": "publish", "confirm": "y"})
    assert published.status_code == 302, published.get_data(as_text=True)
    with app.app_context():
        outcome = db.session.scalars(select(ComplaintOutcome)).one()
        public_url = f"/outcomes/{outcome.public_id}"
    page = client.get(public_url).get_data(as_text=True)
    assert PUBLIC_FACTS in page and "幸福花园" not in page and "13837512345" not in page

    with app.app_context():
        outcome = db.session.scalars(select(ComplaintOutcome)).one()
        correct_outcome(
            db.session,
            CLI_ACTOR,
            outcome,
            category="conduct",
            summary=FACTS,
            reply=REPLY + "整改已完成。",
            reason="补充整改情况",
        )
        db.session.commit()
    page = client.get(public_url).get_data(as_text=True)
    assert "整改已完成" in page and PUBLIC_FACTS in page and "幸福花园" not in page


def test_a_phone_is_never_unmasked(app, client, complaint_id, form, staff):
    response = client.post(
        f"/admin/outcomes/publish/{complaint_id}/masking/unmask",
        data={**form, "text": "13837512345", "reason": "单位电话"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "证件号码、电话、银行卡号、电子邮箱等不能取消隐去" in page
    assert f'name="summary" value="{FACTS}"' in page
    with app.app_context():
        assert db.session.scalars(select(MaskingOverride)).all() == []
    assert _audit(app, "masking.unmask") == []


def test_an_adjustment_is_taken_back_audited(app, client, complaint_id, form, staff):
    base = f"/admin/outcomes/publish/{complaint_id}/masking"
    client.post(f"{base}/mask", data={**form, "text": "幸福花园"})
    with app.app_context():
        override_id = db.session.scalars(select(MaskingOverride.id)).one()
    assert client.post(f"{base}/{override_id}/revert", data=form).status_code == 200
    with app.app_context():
        assert db.session.scalars(select(MaskingOverride)).all() == []
    assert json.loads(_audit(app, "masking.revert")[0].before_json)["action"] == "mask"


def test_another_units_staff_cannot_adjust(app, client, login, complaint_id, form):
    login("staff_weidong")
    response = client.post(
        f"/admin/outcomes/publish/{complaint_id}/masking/mask", data={**form, "text": "幸福花园"}
    )
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalars(select(MaskingOverride)).all() == []
