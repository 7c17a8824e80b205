"""The preview's masking adjustments on every publishable kind besides decisions (those are in
test_masking_adjustments.py): media responses, disclosure documents, complaint outcomes. An
extra span masked and a name unmasked hold on the public page after publication and after a
correction; a phone is never unmasked; each adjustment is audited."""

import json
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR
from portal.core.masking_overrides import MaskingOverride
from portal.core.models import local_today
from portal.disclosure.models import DisclosureDocument
from portal.disclosure.services import correct_document
from portal.extensions import db
from portal.results.media.models import MediaResponse
from portal.results.media.services import correct_media_response
from tests.factories import add_document
from tests.results.media_helpers import add_media, media_data, unit_of

FACTS = "证人高山称，当事人在幸福花园北门占道经营，其电话13837512345。"
PUBLIC_FACTS = "证人高山称，当事人在****北门占道经营，其电话138****2345。"


@dataclass(frozen=True)
class Kind:
    name: str
    #: () → the id of a draft of unit xinhua whose text is FACTS (in an app context)
    make: object
    admin: str
    #: the admin page with the publish preview
    publish: str
    #: the item → its public page
    public: object
    #: the item → a correction through the service (the text unchanged)
    correct: object


def _make_media() -> int:
    item = add_media(unit_of("xinhua"), response=FACTS, named_persons="")
    db.session.commit()
    return item.id


def _correct_media(item_id: int) -> None:
    item = db.session.get(MediaResponse, item_id)
    data = {field: getattr(item, field) for field in media_data()}
    correct_media_response(db.session, CLI_ACTOR, item, data, "补充处理情况", today=local_today())


def _make_document() -> int:
    document = add_document(unit_of("xinhua"), body=f"<p>{FACTS}</p>")
    db.session.commit()
    return document.id


def _correct_document(document_id: int) -> None:
    from flask import current_app

    document = db.session.get(DisclosureDocument, document_id)
    correct_document(
        db.session,
        CLI_ACTOR,
        document,
        current_app.config,
        kind=document.kind,
        title=document.title,
        body=document.body_html,
        reason="补充处理情况",
    )


KINDS = {
    "media": Kind(
        "media",
        _make_media,
        "/admin/media/{id}",
        "/admin/media/{id}/publish",
        lambda item: f"/media/{item.public_id}",
        _correct_media,
    ),
    "document": Kind(
        "document",
        _make_document,
        "/admin/documents/{id}",
        "/admin/documents/{id}/publish",
        lambda item: f"/disclosure/documents/{item.public_id}",
        _correct_document,
    ),
}
MODELS = {"media": MediaResponse, "document": DisclosureDocument}


@pytest.fixture
def users(app, units, create_user):
    create_user("xinhua_staff", role="staff", unit_code="xinhua")
    create_user("weidong_staff", role="staff", unit_code="weidong")


@pytest.fixture
def staff(users, login):
    login("xinhua_staff")


@pytest.fixture(params=sorted(KINDS))
def kind(request) -> Kind:
    return KINDS[request.param]


@pytest.fixture
def item(app, kind, users) -> SimpleNamespace:
    with app.app_context():
        item_id = kind.make()
    return SimpleNamespace(id=item_id, admin=kind.admin.format(id=item_id))


def _audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()
        db.session.expunge_all()
        return entries


def _public_id(app, kind: Kind, item_id: int) -> str:
    with app.app_context():
        return db.session.get(MODELS[kind.name], item_id).public_id


def test_the_preview_offers_the_adjustments(client, kind, item, staff):
    for url in (item.admin, kind.publish.format(id=item.id)):
        page = client.get(url).get_data(as_text=True)
        assert "调整脱敏" in page and "还需隐去的文字" in page, url
        assert 'name="text" value="高山"' in page  # the detected name may be unmasked
        assert 'name="text" value="13837512345"' not in page  # a phone is never offered
        assert "/static/js/masking-preview.js" in page


def test_masked_span_and_unmasked_name_hold_after_publication_and_correction(
    app, client, kind, item, staff
):
    base = f"{item.admin}/masking"
    response = client.post(f"{base}/mask", data={"text": "幸福花园", "from": "publish"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(kind.publish.format(id=item.id) + "#preview")
    response = client.post(f"{base}/unmask", data={"text": "高山", "reason": "高山是村名"})
    assert response.status_code == 302
    page = client.get(item.admin).get_data(as_text=True)
    assert "人工隐去：幸福花园" in page and "取消隐去：高山（高山是村名）" in page

    mask_entry, unmask_entry = _audit(app, "masking.mask")[0], _audit(app, "masking.unmask")[0]
    assert (mask_entry.object_type, mask_entry.object_id) == (kind.name, str(item.id))
    assert "幸福花园" not in mask_entry.after_json  # the audit log holds no personal data
    assert json.loads(unmask_entry.after_json)["reason"] == "高山是村名"
    assert unmask_entry.actor_id is not None and unmask_entry.unit_id is not None

    published = client.post(kind.publish.format(id=item.id), data={"confirm": "y"})
    assert published.status_code == 302, published.get_data(as_text=True)
    public = SimpleNamespace(public_id=_public_id(app, kind, item.id))
    page = client.get(kind.public(public)).get_data(as_text=True)
    assert PUBLIC_FACTS in page
    assert "幸福花园" not in page and "13837512345" not in page

    with app.app_context():
        kind.correct(item.id)
        db.session.commit()
    page = client.get(kind.public(public)).get_data(as_text=True)
    assert "更正" in page and PUBLIC_FACTS in page and "幸福花园" not in page


def test_a_phone_is_never_unmasked(app, client, kind, item, staff):
    response = client.post(
        f"{item.admin}/masking/unmask",
        data={"text": "13837512345", "reason": "单位电话"},
        follow_redirects=True,
    )
    assert "证件号码、电话、银行卡号、电子邮箱等不能取消隐去" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(MaskingOverride)).all() == []
    assert _audit(app, "masking.unmask") == []


def test_an_adjustment_is_taken_back_audited(app, client, kind, item, staff):
    client.post(f"{item.admin}/masking/mask", data={"text": "幸福花园"})
    with app.app_context():
        override_id = db.session.scalars(select(MaskingOverride.id)).one()
    assert client.post(f"{item.admin}/masking/{override_id}/revert").status_code == 302
    with app.app_context():
        assert db.session.scalars(select(MaskingOverride)).all() == []
    entry = _audit(app, "masking.revert")[0]
    assert entry.object_type == kind.name and json.loads(entry.before_json)["action"] == "mask"


def test_another_units_staff_cannot_adjust(app, client, login, kind, item):
    login("weidong_staff")
    assert client.post(f"{item.admin}/masking/mask", data={"text": "幸福花园"}).status_code == 404
    with app.app_context():
        assert db.session.scalars(select(MaskingOverride)).all() == []
