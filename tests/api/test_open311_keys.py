"""Integration keys in the back office: only an admin creates and revokes them, the key is
shown once and stored hashed, each change is audited, a revoked key stops working at once."""

import pytest
from sqlalchemy import select

from portal.api.open311.keys import active_key
from portal.api.open311.models import Open311Key
from portal.audit.models import AuditEntry
from portal.core.tokens import token_hash
from portal.extensions import db


@pytest.mark.parametrize(("role", "status"), [(None, 302), ("staff", 403), ("supervisor", 403)])
def test_only_admins_reach_the_keys(client, create_user, login, role, status):
    if role:
        create_user("someone", role=role)
        login("someone")
    assert client.get("/admin/open311/keys").status_code == status
    assert client.post("/admin/open311/keys", data={"name": "x"}).status_code == status


def test_an_admin_creates_and_revokes_a_key(app, client, create_user, login):
    create_user("boss", role="admin")
    login("boss")
    page = client.post("/admin/open311/keys", data={"name": "12345-hotline"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "只显示这一次" in html
    key = html.split("12345-hotline：", 1)[1].split("<", 1)[0]
    assert len(key) >= 40
    with app.app_context():
        row = db.session.scalars(select(Open311Key)).one()
        assert row.key_hash == token_hash(key) and row.key_prefix == key[:8]
        assert active_key(db.session, key).name == "12345-hotline"
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "open311_key.create")
        ).one()
        assert entry.actor_label == "boss" and key not in entry.after_json
    listing = client.get("/admin/open311/keys").get_data(as_text=True)
    assert "12345-hotline" in listing and key not in listing
    duplicate = client.post("/admin/open311/keys", data={"name": "12345-hotline"})
    assert duplicate.status_code == 400 and "已有名为" in duplicate.get_data(as_text=True)

    revoked = client.post("/admin/open311/keys/12345-hotline/revoke", follow_redirects=True)
    assert "已停用" in revoked.get_data(as_text=True)
    with app.app_context():
        assert active_key(db.session, key) is None
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "open311_key.revoke")
        ).one()
        assert entry.actor_label == "boss" and '"revoked_at": null' in entry.before_json
    refused = client.post(
        "/open311/v2/requests.json", data={"api_key": key, "service_code": "complaint-other"}
    )
    assert refused.status_code == 403 and refused.get_json()[0]["code"] == 403
