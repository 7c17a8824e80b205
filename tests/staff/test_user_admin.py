"""The admin manages accounts in the back office; every change is audited."""

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.staff.models import StaffUser


@pytest.fixture
def admin(client, create_user, create_unit, login):
    create_unit("xh")
    create_user("root", role="admin")
    login("root")
    return client


def test_admin_pages_render(admin):
    assert "后台账号" in admin.get("/admin/users/").get_data(as_text=True)
    page = admin.get("/admin/users/new").get_data(as_text=True)
    assert 'name="role"' in page and "承办人员" in page and 'value="xh"' in page


def test_admin_creates_a_staff_user_bound_to_a_unit(app, admin):
    response = admin.post(
        "/admin/users/new",
        data={
            "username": "xh_clerk",
            "display_name": "王某",
            "role": "staff",
            "unit": "xh",
            "password": "a-long-password-9",
            "is_enabled": "y",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalars(select(StaffUser).where(StaffUser.username == "xh_clerk")).one()
        assert user.unit.code == "xh"
        entry = db.session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "user.create", AuditEntry.object_id == str(user.id)
            )
        ).one()
        assert entry.actor_label == "root"
        assert "a-long-password-9" not in entry.after_json


def test_staff_without_unit_is_refused_and_the_form_keeps_its_values(admin):
    response = admin.post(
        "/admin/users/new",
        data={
            "username": "nounit",
            "display_name": "李某",
            "role": "staff",
            "unit": "",
            "password": "a-long-password-9",
        },
    )
    page = response.get_data(as_text=True)
    assert "承办人员必须归属一个执法单位" in page
    assert 'value="nounit"' in page and 'value="李某"' in page


def test_admin_disables_an_account_and_its_sessions_end(app, admin, create_user):
    user_id = create_user("leaving", role="supervisor")
    other = app.test_client()
    other.post("/admin/login", data={"username": "leaving", "password": "correct-horse-42"})
    assert other.get("/admin/").status_code == 200
    response = admin.post(
        f"/admin/users/{user_id}",
        data={"username": "leaving", "display_name": "", "role": "supervisor", "unit": ""},
    )
    assert response.status_code == 302
    assert other.get("/admin/").status_code == 302


def test_admin_cannot_demote_themselves(admin):
    with admin.application.app_context():
        root_id = db.session.scalars(select(StaffUser.id).where(StaffUser.username == "root")).one()
    page = admin.post(
        f"/admin/users/{root_id}",
        data={"username": "root", "role": "staff", "unit": "xh", "is_enabled": "y"},
    ).get_data(as_text=True)
    assert "不能更改自己的角色" in page


def test_supervisor_cannot_manage_users(client, create_user, login):
    create_user("office", role="supervisor")
    login("office")
    assert client.get("/admin/users/").status_code == 403
    assert client.post("/admin/users/new", data={"username": "x"}).status_code == 403
