"""The back office of decisions, as staff and supervisors use it."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.core.models import local_today
from portal.disclosure.decisions.models import PenaltyDecision
from portal.extensions import db

TODAY = local_today()


@pytest.fixture
def staff(app, units, create_user, login):
    create_user("xinhua_staff", role="staff", unit_code="xinhua")
    create_user("weidong_staff", role="staff", unit_code="weidong")
    create_user("boss", role="supervisor")
    login("xinhua_staff")


def form_data(**overrides) -> dict:
    data = {
        "unit": "xinhua",
        "doc_no": "平新城管罚决字〔2026〕第88号",
        "party_type": "person",
        "party_name": "刘德胜",
        "related_names": "王秀英",
        "violation_type": "street_vending",
        "violation": "在建设路占道经营",
        "facts": "当事人刘德胜（手机13812345678）在建设路摆摊，证人王秀英在场。",
        "legal_basis": "《城市市容和环境卫生管理条例》第三十六条",
        "penalty": "罚款人民币200元",
        "fine_amount": "200",
        "decided_on": (TODAY - timedelta(days=2)).isoformat(),
    }
    data.update(overrides)
    return data


def decision_by_doc_no(app, doc_no) -> PenaltyDecision:
    with app.app_context():
        decision = db.session.scalars(
            select(PenaltyDecision).where(PenaltyDecision.doc_no == doc_no)
        ).one()
        db.session.expunge(decision)
        return decision


def test_entry_preview_and_publication_by_staff(app, client, staff):
    response = client.post("/admin/decisions/new", data=form_data())
    assert response.status_code == 302
    decision = decision_by_doc_no(app, "平新城管罚决字〔2026〕第88号")
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "刘德胜" in detail  # staff see the working copy …
    assert re.search(r'<mark class="masked"[^>]*>刘某某', detail)  # … and the highlighted preview
    assert (  # each masked span named by its type
        '<mark class="masked" title="电话已隐去" data-kind="mobile">138****5678'
        '<span class="masked__type">电话</span>'
    ) in detail
    assert "王某某" in detail
    refused = client.post(f"/admin/decisions/{decision.id}/publish", data={})
    assert "请先核对脱敏预览并勾选确认" in refused.get_data(as_text=True)
    done = client.post(f"/admin/decisions/{decision.id}/publish", data={"confirm": "y"})
    assert done.status_code == 302
    public = client.get(f"/decisions/{decision.public_id}").get_data(as_text=True)
    assert "刘某某" in public and "刘德胜" not in public and "138****5678" in public
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEntry.action).where(
                AuditEntry.object_type == "decision", AuditEntry.object_id == str(decision.id)
            )
        ).all()
        assert actions == ["decision.create", "decision.publish"]
        assert db.session.scalars(select(AuditEntry.actor_label)).all()[-1] == "xinhua_staff"


def test_form_errors_are_chinese_and_keep_what_was_typed(client, staff):
    response = client.post(
        "/admin/decisions/new",
        data=form_data(doc_no="", fine_amount="五百", decided_on="2026-13-45", party_type=""),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for message in ("请填写文书号", "罚款金额应为数字", "处罚决定日期格式应为", "请选择当事人类型"):
        assert message in page
    assert "在建设路占道经营" in page and 'value="五百"' in page and "刘德胜" in page


def test_staff_cannot_publish_a_major_decision_a_supervisor_can(app, client, staff, login):
    client.post("/admin/decisions/new", data=form_data(fine_amount="15000", doc_no="重大1号"))
    decision = decision_by_doc_no(app, "重大1号")
    page = client.get(f"/admin/decisions/{decision.id}/publish").get_data(as_text=True)
    assert "须经综合监督科审核" in page and "须先完成法制审核" in page
    refused = client.post(f"/admin/decisions/{decision.id}/publish", data={"confirm": "y"})
    assert refused.status_code == 200
    assert decision_by_doc_no(app, "重大1号").status == "draft"
    client.post(
        f"/admin/decisions/{decision.id}/major",
        # 法制审核 comes before the decision (河南省重大行政处罚备案审查办法 第五条)
        data={"legal_reviewed_on": decision.decided_on.isoformat(), "filing_note": ""},
    )
    client.post(f"/admin/decisions/{decision.id}/submit")
    assert decision_by_doc_no(app, "重大1号").status == "review"
    assert (
        client.post(f"/admin/decisions/{decision.id}/return", data={"note": "x"}).status_code == 403
    )
    client.post("/admin/logout")
    login("boss")
    due = client.get("/admin/decisions/due").get_data(as_text=True)
    assert "重大1号" in due
    done = client.post(f"/admin/decisions/{decision.id}/publish", data={"confirm": "y"})
    assert done.status_code == 302
    assert decision_by_doc_no(app, "重大1号").status == "published"


def test_correction_and_withdrawal_through_the_forms(app, client, staff):
    client.post("/admin/decisions/new", data=form_data(doc_no="更正1号"))
    decision = decision_by_doc_no(app, "更正1号")
    client.post(f"/admin/decisions/{decision.id}/publish", data={"confirm": "y"})
    page = client.get(f"/admin/decisions/{decision.id}/edit").get_data(as_text=True)
    assert "更正原因" in page and "第2版" in page
    missing_reason = client.post(
        f"/admin/decisions/{decision.id}/edit",
        data=form_data(doc_no="更正1号", penalty="罚款300元"),
    )
    assert "请填写更正原因" in missing_reason.get_data(as_text=True)
    client.post(
        f"/admin/decisions/{decision.id}/edit",
        data=form_data(doc_no="更正1号", penalty="罚款300元", reason="金额有误"),
    )
    assert decision_by_doc_no(app, "更正1号").revision_count == 2
    client.post(
        f"/admin/decisions/{decision.id}/revocation",
        data={"kind": "changed", "revoked_on": TODAY.isoformat(), "reason": "复议变更"},
    )
    due = client.get("/admin/decisions/due").get_data(as_text=True)
    withdrawals = due.split('id="due-withdrawals"')[1].split('id="due-reviews"')[0]
    assert "更正1号" in withdrawals
    prefilled = client.get(f"/admin/decisions/{decision.id}/withdraw").get_data(as_text=True)
    assert "被依法变更：复议变更" in prefilled
    client.post(f"/admin/decisions/{decision.id}/withdraw", data={"reason": "该决定已被变更"})
    assert decision_by_doc_no(app, "更正1号").status == "withdrawn"
    public = client.get(f"/decisions/{decision.public_id}").get_data(as_text=True)
    assert "撤下原因：该决定已被变更" in public


def test_a_minor_cannot_be_published_from_the_back_office(app, client, staff):
    client.post("/admin/decisions/new", data=form_data(doc_no="少年1号", party_is_minor="y"))
    decision = decision_by_doc_no(app, "少年1号")
    page = client.get(f"/admin/decisions/{decision.id}/publish").get_data(as_text=True)
    assert "依法不予公开" in page and 'name="confirm"' not in page
    client.post(f"/admin/decisions/{decision.id}/publish", data={"confirm": "y"})
    assert decision_by_doc_no(app, "少年1号").status == "draft"
    assert "少年1号" not in client.get("/admin/decisions/due").get_data(as_text=True)


def test_lists_are_scoped_to_the_unit(app, client, staff, login, make_decision):
    make_decision("weidong", doc_no="卫东1号", publish=False)
    make_decision("xinhua", doc_no="新华1号", publish=False)
    for url in ("/admin/decisions/", "/admin/decisions/due"):
        page = client.get(url).get_data(as_text=True)
        assert "新华1号" in page and "卫东1号" not in page
    client.post("/admin/logout")
    login("boss")
    page = client.get("/admin/decisions/").get_data(as_text=True)
    assert "新华1号" in page and "卫东1号" in page
    new_form = client.get("/admin/decisions/new").get_data(as_text=True)
    assert 'name="unit"' in new_form and "卫东区" in new_form


def test_staff_always_create_for_their_own_unit(app, client, staff):
    client.post("/admin/decisions/new", data=form_data(unit="weidong", doc_no="越权1号"))
    decision = decision_by_doc_no(app, "越权1号")
    with app.app_context():
        assert db.session.get(PenaltyDecision, decision.id).unit.code == "xinhua"


def test_a_tampered_choice_gets_a_chinese_message(client, staff):
    page = client.post(
        "/admin/decisions/new", data=form_data(violation_type="jaywalking", party_type="alien")
    ).get_data(as_text=True)
    assert "请从列表中选择违法行为类型" in page and "请选择当事人类型" in page
    assert "Not a valid choice" not in page
