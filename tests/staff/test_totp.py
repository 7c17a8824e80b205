"""The second factor: enrolment, codes accepted once, recovery codes, resets, throttling."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.staff.models import RecoveryCode, StaffUser
from tests.factories import DEFAULT_PASSWORD
from tests.staff.totp_helpers import (
    TOTP_DEFAULT,
    code_for,
    enrol,
    log_in_fully,
    secret_in_page,
)

totp_default = pytest.mark.app_config(**TOTP_DEFAULT)


def audit_actions(app, user_id: int) -> list[tuple[str, str | None]]:
    with app.app_context():
        entries = db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == "staff_user", AuditEntry.object_id == str(user_id))
            .order_by(AuditEntry.id)
        ).all()
        return [(entry.action, entry.after_json) for entry in entries]


def password_step(client, username: str):
    return client.post("/admin/login", data={"username": username, "password": DEFAULT_PASSWORD})


@totp_default
def test_an_admin_binds_an_authenticator_at_the_first_login(app, client, create_user):
    user_id = create_user("guo", role="admin")
    first = password_step(client, "guo")
    assert first.status_code == 302
    assert first.headers["Location"].endswith("/admin/login/enrol")
    # the password alone opens nothing but the enrolment page
    assert client.get("/admin/users/").headers["Location"].endswith("/admin/login/enrol")

    page = client.get("/admin/login/enrol").get_data(as_text=True)
    assert "绑定身份验证器" in page and "<svg" in page
    secret = secret_in_page(page)
    assert client.get("/admin/login/enrol").get_data(as_text=True).count(secret) == 1

    wrong = client.post("/admin/login/enrol", data={"code": "000000"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.get_data(as_text=True)
    done = client.post("/admin/login/enrol", data={"code": code_for(secret)})
    codes = re.findall(
        r"<code>([a-z2-9]{4}(?:-[a-z2-9]{4}){3})</code>", done.get_data(as_text=True)
    )
    assert len(set(codes)) == 10
    assert client.get("/admin/users/").status_code == 200

    with app.app_context():
        stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
        user = db.session.get(StaffUser, user_id)
        assert user.has_totp
    assert len(stored) == 10 and not set(codes) & set(stored)
    actions = audit_actions(app, user_id)
    assert ("user.totp_enrol", '{"recovery_codes": 10, "totp": true}') in actions
    assert actions[-1] == ("user.login", '{"second_factor": "totp"}')


@totp_default
def test_a_code_is_accepted_once(app, create_user):
    create_user("he", role="supervisor")
    secret, _ = enrol(app, "he")
    first = app.test_client()
    code = code_for(secret)
    password_step(first, "he")
    response = first.post("/admin/login/code", data={"code": code})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/")
    assert first.get("/admin/").status_code == 200

    # someone who saw the code over the shoulder tries it in another browser
    second = app.test_client()
    assert password_step(second, "he").status_code == 302
    replay = second.post("/admin/login/code", data={"code": code})
    assert replay.status_code == 200
    assert "已使用过" in replay.get_data(as_text=True)
    assert second.get("/admin/").headers["Location"].endswith("/admin/login/code")
    # the next code (the phone's following step) is accepted
    fresh = second.post("/admin/login/code", data={"code": code_for(secret, steps_ahead=1)})
    assert fresh.status_code == 302


@totp_default
def test_a_recovery_code_logs_in_once_and_is_counted(app, create_user):
    user_id = create_user("lu", role="admin")
    _, codes = enrol(app, "lu")
    client = app.test_client()
    password_step(client, "lu")
    # typed with spaces and in upper case, as read from paper
    response = client.post("/admin/login/code", data={"code": codes[3].upper().replace("-", " ")})
    assert response.status_code == 302
    assert "还剩9个" in client.get("/admin/").get_data(as_text=True)
    assert audit_actions(app, user_id)[-1] == ("user.login", '{"second_factor": "recovery"}')

    again = app.test_client()
    password_step(again, "lu")
    assert again.post("/admin/login/code", data={"code": codes[3]}).status_code == 200


@totp_default
def test_unit_staff_log_in_with_the_password_and_may_enrol(app, client, create_user):
    user_id = create_user("xu", role="staff")
    assert password_step(client, "xu").headers["Location"].endswith("/admin/")
    page = client.get("/admin/account/totp").get_data(as_text=True)
    assert "启用后" in page
    secret = secret_in_page(page)
    done = client.post("/admin/account/totp", data={"code": code_for(secret)})
    assert "只显示这一次" in done.get_data(as_text=True)
    assert client.get("/admin/").status_code == 200  # this session goes on
    assert "user.totp_enrol" in [action for action, _ in audit_actions(app, user_id)]

    later = app.test_client()
    assert password_step(later, "xu").headers["Location"].endswith("/admin/login/code")
    assert later.post("/admin/login/code", data={"code": code_for(secret, 1)}).status_code == 302


@totp_default
def test_an_admin_resets_another_users_second_factor(app, create_user):
    admin_id = create_user("root", role="admin")
    user_id = create_user("ma", role="supervisor")
    admin_secret, _ = enrol(app, "root")
    user_secret, _ = enrol(app, "ma")
    user_client = app.test_client()
    log_in_fully(user_client, "ma", user_secret)
    assert user_client.get("/admin/").status_code == 200

    admin = app.test_client()
    log_in_fully(admin, "root", admin_secret)
    assert "已启用" in admin.get("/admin/users/").get_data(as_text=True)
    response = admin.post(f"/admin/users/{user_id}/totp/reset")
    assert response.status_code == 302
    assert "已重置 ma 的双重验证" in admin.get(response.headers["Location"]).get_data(as_text=True)
    # not one's own: another administrator does that
    own = admin.post(f"/admin/users/{admin_id}/totp/reset", follow_redirects=True)
    assert "不能重置自己的双重验证" in own.get_data(as_text=True)

    assert user_client.get("/admin/").status_code == 302  # the user's session ended
    with app.app_context():
        user = db.session.get(StaffUser, user_id)
        assert not user.has_totp and user.totp_secret is None and user.recovery_codes == []
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "user.totp_reset")
        ).one()
        assert (entry.actor_label, entry.object_id) == ("root", str(user_id))
        assert entry.before_json == '{"totp": true}'
    assert password_step(app.test_client(), "ma").headers["Location"].endswith("/login/enrol")


@totp_default
def test_the_cli_prints_the_uri_once(app, runner, create_user):
    user_id = create_user("song", role="admin")
    result = runner.invoke(args=["users", "totp", "song"])
    assert result.exit_code == 0, result.output
    uri = re.search(r"otpauth://totp/\S+", result.output).group(0)
    assert "secret=" in uri and "song" in uri and "issuer=" in uri
    assert len(re.findall(r"^  [a-z2-9-]{19}$", result.output, re.MULTILINE)) == 10
    secret = re.search(r"secret=([A-Z2-7]+)", uri).group(1)
    assert log_in_fully(app.test_client(), "song", secret).status_code == 302

    again = runner.invoke(args=["users", "totp", "song"])
    assert again.exit_code != 0 and "otpauth://" not in again.output
    assert "已启用双重验证" in again.output
    assert [a for a, _ in audit_actions(app, user_id)].count("user.totp_enrol") == 1
    assert runner.invoke(args=["users", "totp", "nobody"]).exit_code != 0


@pytest.mark.app_config(
    **TOTP_DEFAULT,
    RATELIMIT_ENABLED=True,
    LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes",
    LOGIN_LIMIT_PER_CLIENT="6 per 15 minutes",
)
def test_failed_codes_are_throttled_like_passwords(app, client, create_user):
    create_user("tang", role="admin")
    secret, _ = enrol(app, "tang")
    password_step(client, "tang")
    for guess in ("111111", "222222", "333333"):
        assert client.post("/admin/login/code", data={"code": guess}).status_code == 200
    blocked = client.post("/admin/login/code", data={"code": code_for(secret)})
    assert blocked.status_code == 429
    assert "验证码错误次数过多" in blocked.get_data(as_text=True)


@pytest.mark.app_config(**TOTP_DEFAULT, SECOND_STEP_TIMEOUT=timedelta(seconds=-1))
def test_the_second_step_does_not_wait_forever(app, client, create_user):
    create_user("cao", role="admin")
    secret, _ = enrol(app, "cao")
    password_step(client, "cao")
    response = client.post("/admin/login/code", data={"code": code_for(secret)})
    assert response.status_code == 302 and "/admin/login?" in response.headers["Location"]


@totp_default
def test_a_promoted_user_binds_an_authenticator_before_going_on(app, create_user):
    user_id = create_user("yan", role="staff")
    admin_id = create_user("boss", role="admin")
    admin_secret, _ = enrol(app, "boss")
    staff = app.test_client()
    password_step(staff, "yan")
    assert staff.get("/admin/").status_code == 200

    admin = app.test_client()
    log_in_fully(admin, "boss", admin_secret)
    with app.app_context():
        unit_code = db.session.get(StaffUser, user_id).unit.code
    admin.post(
        f"/admin/users/{user_id}",
        data={"username": "yan", "role": "supervisor", "unit": unit_code, "is_enabled": "y"},
    )
    assert staff.get("/admin/").headers["Location"].endswith("/admin/login/enrol")
    with app.app_context():
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "user.update"))
        assert '"role": "supervisor"' in entry.one().after_json
    assert admin_id != user_id
