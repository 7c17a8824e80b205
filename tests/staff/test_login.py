"""Back-office login: hashing, sessions, throttling, timeouts, the users command."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.staff.models import StaffUser
from tests.factories import DEFAULT_PASSWORD


def test_login_page_has_the_fixed_field_names(client):
    page = client.get("/admin/login").get_data(as_text=True)
    assert 'name="username"' in page and 'name="password"' in page
    assert "工作人员登录" in page


def test_anonymous_is_sent_to_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login" in response.headers["Location"]


def test_login_then_dashboard_then_logout(client, create_user, login):
    create_user("li", role="supervisor")
    response = login("li")
    assert response.status_code == 302
    page = client.get("/admin/").get_data(as_text=True)
    assert "工作台" in page and "综合监督科" in page
    client.post("/admin/logout")
    assert client.get("/admin/").status_code == 302


def test_wrong_password_says_so_in_chinese_and_keeps_the_username(client, create_user, login):
    create_user("wang", role="admin")
    response = login("wang", "wrong-password-1")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "用户名或密码错误" in page
    assert 'value="wang"' in page


def test_password_is_stored_as_argon2id(app, create_user):
    user_id = create_user("zhao", role="admin")
    with app.app_context():
        stored = db.session.get(StaffUser, user_id).password_hash
    assert stored.startswith("$argon2id$")
    assert DEFAULT_PASSWORD not in stored


def test_disabled_account_cannot_log_in(app, client, create_user, login):
    user_id = create_user("qian", role="admin")
    with app.app_context():
        db.session.get(StaffUser, user_id).is_enabled = False
        db.session.commit()
    assert login("qian").status_code == 200


def test_login_is_audited(app, create_user, login):
    user_id = create_user("sun", role="admin")
    login("sun")
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.object_id == str(user_id))
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["user.create", "user.login"]


@pytest.mark.app_config(ADMIN_IDLE_TIMEOUT=timedelta(seconds=-1))
def test_idle_session_times_out(client, create_user, login):
    create_user("zhou", role="admin")
    login("zhou")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login" in response.headers["Location"]
    assert "登录已超时" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_changing_the_password_ends_other_sessions(app, create_user):
    create_user("wu", role="admin")
    first, second = app.test_client(), app.test_client()
    for browser in (first, second):
        browser.post("/admin/login", data={"username": "wu", "password": DEFAULT_PASSWORD})
    response = first.post(
        "/admin/account/password",
        data={
            "current_password": DEFAULT_PASSWORD,
            "new_password": "another-secret-7",
            "confirm": "another-secret-7",
        },
    )
    assert response.status_code == 302
    assert first.get("/admin/").status_code == 200
    assert second.get("/admin/").status_code == 302


limited = pytest.mark.app_config(
    RATELIMIT_ENABLED=True,
    LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes",
    LOGIN_LIMIT_PER_CLIENT="6 per 15 minutes",
)


@limited
def test_failed_logins_are_throttled_per_account(client, create_user):
    create_user("zheng", role="admin")
    for _ in range(3):
        assert (
            client.post(
                "/admin/login", data={"username": "zheng", "password": "bad-guess-123"}
            ).status_code
            == 200
        )
    blocked = client.post("/admin/login", data={"username": "zheng", "password": DEFAULT_PASSWORD})
    assert blocked.status_code == 429
    assert "该账号登录失败次数过多" in blocked.get_data(as_text=True)
    assert int(blocked.headers["Retry-After"]) > 0
    # another account from the same client is not locked by this one
    other = client.post("/admin/login", data={"username": "nobody", "password": "x-123456789"})
    assert other.status_code == 200


@limited
def test_failed_logins_are_throttled_per_client(client):
    statuses = [
        client.post(
            "/admin/login", data={"username": f"guess{n}", "password": "p-123456789"}
        ).status_code
        for n in range(7)
    ]
    assert statuses == [200] * 6 + [429]


@limited
def test_successful_logins_do_not_count(app, create_user):
    create_user("feng", role="admin")
    for _ in range(5):
        client = app.test_client()
        assert (
            client.post(
                "/admin/login", data={"username": "feng", "password": DEFAULT_PASSWORD}
            ).status_code
            == 302
        )


def test_users_create_reads_the_password_from_stdin(app, runner, create_unit):
    create_unit("xinhua")
    result = runner.invoke(
        args=["users", "create", "chen", "--role", "staff", "--unit", "xinhua"],
        input="a-long-password-9\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalars(select(StaffUser).where(StaffUser.username == "chen")).one()
        assert user.role == "staff" and user.unit.code == "xinhua"
    client = app.test_client()
    response = client.post(
        "/admin/login", data={"username": "chen", "password": "a-long-password-9"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["users", "create", "x1", "--role", "staff"], "必须归属"),
        (["users", "create", "x2", "--role", "staff", "--unit", "nowhere"], "没有代码为 nowhere"),
        (["users", "create", "x3", "--role", "admin"], "密码至少"),
    ],
)
def test_users_create_refuses_bad_input(runner, args, message):
    password = "short\n" if args[-1] == "admin" else "a-long-password-9\n"
    result = runner.invoke(args=args, input=password)
    assert result.exit_code != 0
    assert message in result.output


def test_next_parameter_cannot_redirect_off_site(client, create_user):
    create_user("he", role="admin")
    response = client.post(
        "/admin/login?next=https://evil.example/",
        data={"username": "he", "password": DEFAULT_PASSWORD},
    )
    assert response.headers["Location"].endswith("/admin/")
