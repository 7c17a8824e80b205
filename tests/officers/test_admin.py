"""Back office: add, edit, change status, trainings, reminders — unit-scoped and audited."""

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.officers.models import Officer, OfficerHistoryEntry, OfficerTraining
from portal.search.models import SearchOutboxEntry
from tests.officers.conftest import a_date


@pytest.fixture
def xinhua_staff(create_unit, sign_in_as):
    create_unit("weidong")
    sign_in_as("xh_staff", unit_code="xinhua")


def officer_form(**overrides) -> dict:
    return {
        "badge_no": "110201",
        "cert_no": "4104022511201",
        "name": "李卫东",
        "unit": "xinhua",
        "post": "执法队员",
        "category": "市容环境卫生",
        "area": "光明路街道",
        "cert_valid_from": "2025-01-01",
        "cert_valid_to": a_date(700).isoformat(),
        **overrides,
    }


def audit_actions(app, object_id) -> list[str]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.object_type == "officer", AuditEntry.object_id == str(object_id))
                .order_by(AuditEntry.id)
            )
        )


def outbox_count(app, object_id) -> int:
    with app.app_context():
        return len(
            db.session.scalars(
                select(SearchOutboxEntry).where(
                    SearchOutboxEntry.kind == "officer",
                    SearchOutboxEntry.object_id == str(object_id),
                )
            ).all()
        )


def test_staff_add_an_officer_audited_and_indexed(app, client, xinhua_staff):
    response = client.post("/admin/officers/new", data=officer_form(badge_no="１１０２０１"))
    assert response.status_code == 302
    with app.app_context():
        officer = db.session.scalars(select(Officer)).one()
        assert officer.badge_no == "110201" and officer.unit.code == "xinhua"
        officer_id = officer.id
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.object_type == "officer")
        ).one()
        assert entry.action == "officer.create" and entry.actor_label == "xh_staff"
        assert "李卫东" in entry.after_json
    assert outbox_count(app, officer_id) == 1
    assert "有效" in client.get("/officers/lookup?badge=110201").get_data(as_text=True)


def test_staff_cannot_add_to_another_unit(app, client, xinhua_staff):
    response = client.post("/admin/officers/new", data=officer_form(unit="weidong"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "请从列表中选择" in page
    assert 'value="李卫东"' in page  # what was typed is shown again
    with app.app_context():
        assert db.session.scalars(select(Officer)).first() is None


def test_form_errors_are_chinese_and_keep_the_input(client, xinhua_staff, create_officer_record):
    create_officer_record(badge_no="110300")
    response = client.post(
        "/admin/officers/new",
        data=officer_form(badge_no="110300", cert_valid_to="明年", area=""),
    )
    page = response.get_data(as_text=True)
    assert "请填写执法区域" in page
    assert "日期格式应为 年-月-日" in page
    assert 'value="明年"' in page and 'value="110300"' in page
    response = client.post("/admin/officers/new", data=officer_form(badge_no="110300"))
    assert "工号 110300 已被其他执法人员使用" in response.get_data(as_text=True)
    response = client.post("/admin/officers/new", data=officer_form(badge_no="11-0x"))
    assert "不是有效的工号" in response.get_data(as_text=True)
    response = client.post(
        "/admin/officers/new",
        data=officer_form(cert_valid_from="2030-01-01", cert_valid_to="2029-01-01"),
    )
    assert "结束日期不能早于开始日期" in response.get_data(as_text=True)


def test_edit_is_audited_and_keeps_the_old_badge_in_history(
    app, client, xinhua_staff, create_officer_record
):
    officer_id = create_officer_record(badge_no="110400", cert_no="4104022511400")
    response = client.post(
        f"/admin/officers/{officer_id}",
        data=officer_form(badge_no="110401", cert_no="4104022511400", area="曙光街街道"),
    )
    assert response.status_code == 302
    assert audit_actions(app, officer_id) == ["officer.create", "officer.update"]
    assert outbox_count(app, officer_id) == 2
    with app.app_context():
        badges = db.session.scalars(
            select(OfficerHistoryEntry.badge_no)
            .where(OfficerHistoryEntry.officer_id == officer_id)
            .order_by(OfficerHistoryEntry.id)
        ).all()
    assert badges == ["110400", "110401"]
    page = client.get(f"/admin/officers/{officer_id}").get_data(as_text=True)
    assert "曙光街街道" in page and "任职变更" in page
    # saving again without changes writes nothing
    client.post(
        f"/admin/officers/{officer_id}",
        data=officer_form(badge_no="110401", cert_no="4104022511400", area="曙光街街道"),
    )
    assert len(audit_actions(app, officer_id)) == 2


def test_status_change_shows_at_once_in_the_verdict_and_the_audit_log(
    app, client, xinhua_staff, create_officer_record
):
    officer_id = create_officer_record(badge_no="110500")
    assert "有效" in client.get("/officers/lookup?badge=110500").get_data(as_text=True)
    response = client.post(
        f"/admin/officers/{officer_id}/status",
        data={"status": "suspended", "reason": "涉嫌违反执法纪律，接受调查"},
    )
    assert response.status_code == 302
    verdict = client.get("/officers/lookup?badge=110500").get_data(as_text=True)
    assert "暂停执法" in verdict and "此人现在不能对您执法" in verdict
    assert "涉嫌违反" not in verdict  # the reason is for staff only
    audit_page = client.get("/admin/audit/").get_data(as_text=True)
    assert "officer.status" in audit_page
    with app.app_context():
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "officer.status")
        ).one()
        assert '"suspended"' in entry.after_json and "接受调查" in entry.after_json
        assert '"active"' in entry.before_json
        history = db.session.scalars(
            select(OfficerHistoryEntry).where(OfficerHistoryEntry.kind == "status")
        ).one()
        assert history.previous_status == "active" and history.actor_label == "xh_staff"
    assert outbox_count(app, officer_id) == 2


def test_status_change_needs_a_reason(app, client, xinhua_staff, create_officer_record):
    officer_id = create_officer_record()
    response = client.post(
        f"/admin/officers/{officer_id}/status", data={"status": "revoked", "reason": ""}
    )
    assert "请写明变更原因" in response.get_data(as_text=True)
    response = client.post(
        f"/admin/officers/{officer_id}/status", data={"status": "active", "reason": "恢复执法资格"}
    )
    assert "当前已是“在岗”状态" in response.get_data(as_text=True)
    assert audit_actions(app, officer_id) == ["officer.create"]


def test_trainings_are_recorded_and_deleted_with_audit(
    app, client, xinhua_staff, create_officer_record
):
    officer_id = create_officer_record()
    response = client.post(
        f"/admin/officers/{officer_id}/trainings",
        data={"trained_on": a_date(-3).isoformat(), "title": "行政处罚法专题培训", "hours": "8"},
    )
    assert response.status_code == 302
    page = client.get(f"/admin/officers/{officer_id}/trainings").get_data(as_text=True)
    assert "行政处罚法专题培训" in page and "已参加培训 <strong>1</strong> 次" in page
    response = client.post(
        f"/admin/officers/{officer_id}/trainings",
        data={"trained_on": "昨天", "title": "", "hours": "abc"},
    )
    page = response.get_data(as_text=True)
    assert "日期格式应为" in page and "请填写培训名称" in page and "请填写整数" in page
    with app.app_context():
        training_id = db.session.scalars(select(OfficerTraining.id)).one()
    client.post(f"/admin/officers/{officer_id}/trainings/{training_id}/delete")
    assert audit_actions(app, officer_id) == [
        "officer.create",
        "officer.training_add",
        "officer.training_delete",
    ]


def test_reminders_list_expiring_certificates_and_missing_training(
    client, xinhua_staff, create_officer_record
):
    create_officer_record(badge_no="110601", name="快到期", cert_valid_to=a_date(20))
    create_officer_record(badge_no="110602", name="已过期", cert_valid_to=a_date(-5))
    create_officer_record(badge_no="110603", name="还早着", cert_valid_to=a_date(200))
    create_officer_record(
        badge_no="110604", name="已注销", status="revoked", cert_valid_to=a_date(3)
    )
    create_officer_record("weidong", badge_no="120601", name="别的单位", cert_valid_to=a_date(3))
    page = client.get("/admin/officers/attention").get_data(as_text=True)
    expiring = page.split('id="expiring-title"')[1].split('id="training-title"')[0]
    assert "快到期" in expiring and "20天后到期" in expiring
    assert "已过期" in expiring and "已过期5天" in expiring
    assert "还早着" not in expiring and "已注销" not in expiring
    assert "别的单位" not in page
    training = page.split('id="training-title"')[1]
    assert "还早着" in training  # no training this year


def test_lists_show_staff_only_their_unit(client, xinhua_staff, create_officer_record):
    create_officer_record(badge_no="110701", name="本单位人员")
    other = create_officer_record("weidong", badge_no="120701", name="外单位人员")
    page = client.get("/admin/officers/").get_data(as_text=True)
    assert "本单位人员" in page and "外单位人员" not in page
    assert client.get(f"/admin/officers/{other}").status_code == 404
    page = client.get("/admin/officers/?q=本单位").get_data(as_text=True)
    assert "110701" in page
