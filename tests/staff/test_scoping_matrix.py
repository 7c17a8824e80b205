"""Unit staff reach only their own unit's records, by every back-office URL that takes an id.

Each domain adds its id-taking back-office URLs to ``SCOPED_URLS``; the completeness test fails
when a new such URL is registered without being added here.
"""

from datetime import date

import pytest
from flask import current_app, url_for

from portal.api.open311.keys import create_key
from portal.audit.services import CLI_ACTOR, record_change
from portal.complaints.models import ReplyTemplate
from portal.core.masking_overrides import MaskingOverride
from portal.core.models import local_today
from portal.extensions import db
from portal.kiosk.services import enrol_kiosk
from portal.officers.models import Officer, OfficerTraining
from portal.officers.photos import store_photo
from portal.officers.services import add_training, create_officer
from portal.org.models import Unit
from portal.results.models import EvaluationPeriod, ReviewResult, ReviewRound, Supervisor
from portal.staff.models import StaffUser
from tests.complaints.factories import make_complaint
from tests.factories import add_decision, add_document
from tests.officers.conftest import image_bytes
from tests.results.media_helpers import add_media
from tests.results.outcome_helpers import closed_complaint, published


def unit_page(unit: Unit) -> dict:
    return {"code": unit.code}


def audit_entry_of(unit: Unit) -> dict:
    entry = record_change(
        db.session,
        CLI_ACTOR,
        "unit.update",
        "unit",
        unit.code,
        after={"phone": "1"},
        unit_id=unit.id,
    )
    db.session.commit()
    return {"entry_id": entry.id}


def user_of(unit: Unit) -> dict:
    user = db.session.query(StaffUser).filter_by(unit_id=unit.id).first()
    return {"user_id": user.id}


def decision_of(unit: Unit) -> dict:
    decision = add_decision(unit)
    db.session.commit()
    return {"decision_id": decision.id}


def document_of(unit: Unit) -> dict:
    document = add_document(unit)
    db.session.commit()
    return {"document_id": document.id}


def media_of(unit: Unit) -> dict:
    item = add_media(unit)
    db.session.commit()
    return {"media_id": item.id}


def review_result_of(unit: Unit) -> dict:
    review_round = ReviewRound(name=f"评查{unit.code}", held_on=date(2026, 6, 1))
    result = ReviewResult(round=review_round, unit=unit, files_reviewed=10, score=80, grade="pass")
    db.session.add_all([review_round, result])
    db.session.commit()
    return {"result_id": result.id}


def review_round_of(unit: Unit) -> dict:
    return {"round_id": review_result_of_round(unit).id}


def review_result_of_round(unit: Unit) -> ReviewRound:
    review_round_id = review_result_of(unit)["result_id"]
    return db.session.get(ReviewResult, review_round_id).round


def evaluation_period_of(unit: Unit) -> dict:
    period = EvaluationPeriod(
        name=f"评议{unit.code}", opens_on=date(2026, 1, 1), closes_on=date(2026, 12, 31)
    )
    db.session.add(period)
    db.session.commit()
    return {"period_id": period.id}


def supervisor_of(unit: Unit) -> dict:
    supervisor = Supervisor(
        name="王某", affiliation="媒体", term_from=date(2025, 1, 1), term_to=date(2027, 1, 1)
    )
    db.session.add(supervisor)
    db.session.commit()
    return {"supervisor_id": supervisor.id}


def officer_of(unit: Unit) -> dict:
    number = f"{900000 + unit.id}"
    officer = db.session.query(Officer).filter_by(badge_no=number).first()
    if officer is None:
        fields = {
            "badge_no": number,
            "cert_no": f"C{number}",
            "name": "矩阵测试",
            "post": "执法队员",
            "category": "市容环境卫生",
            "area": "测试街道",
            "cert_valid_from": date(2024, 1, 1),
            "cert_valid_to": date(2099, 1, 1),
        }
        officer = create_officer(db.session, CLI_ACTOR, unit, fields)
        officer.photo_key = store_photo(image_bytes())
        add_training(
            db.session,
            CLI_ACTOR,
            officer,
            {"trained_on": date(2025, 3, 1), "title": "培训", "hours": 4},
        )
        db.session.commit()
    return {"officer_id": officer.id}


def training_of(unit: Unit) -> dict:
    officer_id = officer_of(unit)["officer_id"]
    training = db.session.query(OfficerTraining).filter_by(officer_id=officer_id).first()
    return {"officer_id": officer_id, "training_id": training.id}


def complaint_of(unit: Unit) -> dict:
    return {"complaint_id": make_complaint(db.session, unit).id}


def complaint_step_of(unit: Unit) -> dict:
    return {"complaint_id": make_complaint(db.session, unit).id, "action": "accept"}


def complaint_attachment_of(unit: Unit) -> dict:
    complaint = make_complaint(db.session, unit, with_attachment=True)
    return {"complaint_id": complaint.id, "attachment_id": complaint.attachments[0].id}


def reply_template_of(unit: Unit) -> dict:
    template = ReplyTemplate(unit_id=unit.id, title="本单位模板", body="您好：经核查已处理完毕。")
    db.session.add(template)
    db.session.commit()
    return {"template_id": template.id}


def closed_complaint_of(unit: Unit) -> dict:
    return {"complaint_id": closed_complaint(current_app, unit.code).id}


def outcome_of(unit: Unit) -> dict:
    return {"outcome_id": published(current_app, unit.code).id}


def kiosk_of(unit: Unit) -> dict:
    enrolment = enrol_kiosk(
        db.session, CLI_ACTOR, name=f"{unit.code}大厅1号机", location="", unit=unit
    )
    db.session.commit()
    return {"kiosk_id": enrolment.kiosk.id}


def open311_key_of(unit: Unit) -> dict:
    key, _secret = create_key(db.session, CLI_ACTOR, f"integration-{unit.code}")
    db.session.commit()
    return {"name": key.name}


def override_of(kind: str, record_of):
    """A ``masking_override`` row of the record ``record_of`` builds: the revert URL's args."""

    def build(unit: Unit) -> dict:
        arguments = record_of(unit)
        row = MaskingOverride(
            item_kind=kind, item_id=next(iter(arguments.values())), action="mask", text="某处"
        )
        db.session.add(row)
        db.session.commit()
        return {**arguments, "override_id": row.id}

    return build


#: endpoint → builds a record belonging to ``unit`` and returns the URL arguments for it
SCOPED_URLS = {
    "disclosure_admin.unit_edit": unit_page,
    "audit.entry": audit_entry_of,
    "staff.user_edit": user_of,
    "staff.user_totp_reset": user_of,
    "decisions_admin.decision": decision_of,
    "decisions_admin.decision_edit": decision_of,
    "decisions_admin.decision_submit": decision_of,
    "decisions_admin.decision_publish": decision_of,
    "decisions_admin.decision_return": decision_of,
    "decisions_admin.decision_withdraw": decision_of,
    "decisions_admin.decision_revocation": decision_of,
    "decisions_admin.decision_major": decision_of,
    "decisions_admin.masking_mask": decision_of,
    "decisions_admin.masking_unmask": decision_of,
    "decisions_admin.masking_revert": override_of("decision", decision_of),
    "documents_admin.document": document_of,
    "documents_admin.document_edit": document_of,
    "documents_admin.document_publish": document_of,
    "documents_admin.document_withdraw": document_of,
    "documents_admin.masking_mask": document_of,
    "documents_admin.masking_unmask": document_of,
    "documents_admin.masking_revert": override_of("document", document_of),
    "officers_admin.officer_edit": officer_of,
    "officers_admin.officer_status": officer_of,
    "officers_admin.officer_photo": officer_of,
    "officers_admin.officer_photo_file": officer_of,
    "officers_admin.officer_trainings": officer_of,
    "officers_admin.training_delete": training_of,
    "media_admin.media_response": media_of,
    "media_admin.media_edit": media_of,
    "media_admin.media_submit": media_of,
    "media_admin.media_publish": media_of,
    "media_admin.media_return": media_of,
    "media_admin.media_withdraw": media_of,
    "media_admin.masking_mask": media_of,
    "media_admin.masking_unmask": media_of,
    "media_admin.masking_revert": override_of("media", media_of),
    "results_admin.review_result": review_result_of,
    "results_admin.review_round": review_round_of,
    "results_admin.publish_review_round": review_round_of,
    "results_admin.correct_review_round": review_round_of,
    "results_admin.withdraw_review_round": review_round_of,
    "results_admin.evaluation_period": evaluation_period_of,
    "results_admin.close_evaluation_period": evaluation_period_of,
    "results_admin.supervisor_edit": supervisor_of,
    "results_admin.supervisor_remove": supervisor_of,
    "complaints_admin.detail": complaint_of,
    "complaints_admin.contact": complaint_of,
    "complaints_admin.attachment": complaint_attachment_of,
    "complaints_admin.act": complaint_step_of,
    "complaints_admin.template_edit": reply_template_of,
    "outcomes_admin.publish": closed_complaint_of,
    "outcomes_admin.masking_mask": closed_complaint_of,
    "outcomes_admin.masking_unmask": closed_complaint_of,
    "outcomes_admin.masking_revert": override_of("complaint", closed_complaint_of),
    "outcomes_admin.outcome": outcome_of,
    "outcomes_admin.correct": outcome_of,
    "outcomes_admin.withdraw": outcome_of,
    "complaints_admin.duplicate_link": complaint_of,
    "complaints_admin.duplicate_unlink": complaint_of,
    "annual_admin.report": lambda unit: {"year": local_today().year - 1},
    "kiosks_admin.renew": kiosk_of,
    "kiosks_admin.revoke": kiosk_of,
    "open311_admin.key_revoke": open311_key_of,
}

#: records that belong to no unit: every staff user may open them, and what such a page lists
#: of unit-bound data is scoped (tested in the domain's own tests)
NOT_UNIT_BOUND = {
    "results_admin.evaluation_period": "a period covers every unit; its answers are scoped",
    "annual_admin.report": "the annual report covers every unit; the supervision office's",
    "open311_admin.key_revoke": "an integration's key is the administrator's, for every unit",
}

#: let in: shown, done (redirect), or an empty form refused with its messages (400)
ACCEPTED = (200, 302, 400)

#: pages for the admin or the supervision office only: unit staff get 403 even for their unit
OFFICE_ONLY = {
    "staff.user_edit",
    "staff.user_totp_reset",
    "annual_admin.report",
    "results_admin.review_round",
    "results_admin.publish_review_round",
    "results_admin.correct_review_round",
    "results_admin.withdraw_review_round",
    "results_admin.close_evaluation_period",
    "results_admin.supervisor_edit",
    "results_admin.supervisor_remove",
    "decisions_admin.decision_return",
    "media_admin.media_return",
    "kiosks_admin.renew",
    "kiosks_admin.revoke",
    "open311_admin.key_revoke",
}

#: pages for administrators only: supervisors get 403 too
ADMIN_ONLY = {
    "staff.user_edit",
    "staff.user_totp_reset",
    "kiosks_admin.renew",
    "kiosks_admin.revoke",
    "open311_admin.key_revoke",
}


@pytest.fixture
def two_units(app, create_unit, create_user):
    unit_a, unit_b = create_unit("unit-a"), create_unit("unit-b")
    create_user("staff_a", role="staff", unit_code="unit-a")
    create_user("staff_b", role="staff", unit_code="unit-b")
    create_user("supervisor", role="supervisor")
    return unit_a, unit_b


def methods_of(app, endpoint: str) -> list[str]:
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def url_for_record(app, endpoint: str, unit_code: str) -> str:
    with app.app_context():
        unit = db.session.query(Unit).filter_by(code=unit_code).one()
        arguments = SCOPED_URLS[endpoint](unit)
        return url_for(endpoint, **arguments)


def test_every_id_taking_back_office_url_is_in_the_matrix(app):
    id_taking = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/admin") and rule.arguments
    }
    assert id_taking == set(SCOPED_URLS)


@pytest.mark.parametrize("endpoint", sorted(SCOPED_URLS))
def test_anonymous_is_sent_to_login(app, client, two_units, endpoint):
    url = url_for_record(app, endpoint, "unit-b")
    for method in methods_of(app, endpoint):
        response = client.open(url, method=method)
        assert response.status_code == 302, method
        assert "/admin/login" in response.headers["Location"]


@pytest.mark.parametrize("endpoint", sorted(set(SCOPED_URLS) - set(NOT_UNIT_BOUND)))
def test_staff_of_another_unit_gets_403_or_404(app, client, login, two_units, endpoint):
    url = url_for_record(app, endpoint, "unit-b")
    login("staff_a")
    for method in methods_of(app, endpoint):
        response = client.open(url, method=method, data={"address": "改掉别人的地址"})
        assert response.status_code in (403, 404), method
        assert "改掉别人的地址" not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.query(Unit).filter_by(code="unit-b").one().address != "改掉别人的地址"


@pytest.mark.parametrize("endpoint", sorted(SCOPED_URLS))
def test_staff_of_the_same_unit_gets_in(app, client, login, two_units, endpoint):
    url = url_for_record(app, endpoint, "unit-b")
    login("staff_b")
    for method in methods_of(app, endpoint):
        response = client.open(url, method=method)
        if endpoint in OFFICE_ONLY:
            assert response.status_code == 403, method
        else:
            assert response.status_code in ACCEPTED, method


@pytest.mark.parametrize("endpoint", sorted(set(SCOPED_URLS) - ADMIN_ONLY))
def test_supervisor_sees_every_unit(app, client, login, two_units, endpoint):
    url = url_for_record(app, endpoint, "unit-b")
    login("supervisor")
    for method in methods_of(app, endpoint):
        assert client.open(url, method=method).status_code in ACCEPTED, method


def test_unit_list_shows_staff_only_their_unit(client, login, two_units):
    login("staff_a")
    page = client.get("/admin/units/").get_data(as_text=True)
    assert "unit-a" in page and "unit-b" not in page


def test_audit_list_shows_staff_only_their_unit(app, client, login, two_units):
    with app.app_context():
        for code in ("unit-a", "unit-b"):
            record_change(
                db.session,
                CLI_ACTOR,
                "unit.update",
                "unit",
                f"marker-{code}",
                unit_id=db.session.query(Unit).filter_by(code=code).one().id,
            )
        db.session.commit()
    login("staff_a")
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert "marker-unit-a" in page and "marker-unit-b" not in page


def test_staff_can_edit_their_own_unit_and_it_is_audited(app, client, login, two_units):
    login("staff_a")
    response = client.post(
        "/admin/units/unit-a",
        data={
            "address": "平顶山市新华区新地址8号",
            "phone": "0375-2000000",
            "complaint_phone": "0375-2000019",
            "postcode": "467000",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        from portal.audit.models import AuditEntry

        entry = db.session.query(AuditEntry).filter_by(action="unit.update").one()
        assert "新地址8号" in entry.after_json
        assert entry.actor_label == "staff_a"
    assert "新地址8号" in client.get("/disclosure/units/unit-a").get_data(as_text=True)


def test_unit_form_error_keeps_what_was_typed(client, login, two_units):
    login("staff_a")
    response = client.post(
        "/admin/units/unit-a",
        data={
            "address": "我输入的地址",
            "phone": "",
            "complaint_phone": "0375-1",
            "complaint_email": "not-an-email",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "我输入的地址" in page
    assert "请填写办公电话" in page and "邮箱格式不正确" in page
