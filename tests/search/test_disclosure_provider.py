"""Decisions and disclosure documents in search: masked text, found by words and 文书号,
gone once withdrawn."""

from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.services import publish_decision, withdraw_decision
from portal.disclosure.services import publish_document
from portal.extensions import db
from portal.org.models import Unit
from tests.factories import add_decision, add_document

FACTS = "当事人在建设路中段占道经营，身份证号410402199001011234，手机13812345678。"


def _unit(code="xinhua") -> Unit:
    return db.session.scalars(select(Unit).where(Unit.code == code)).one()


def test_a_published_decision_is_found_masked_and_leaves_when_withdrawn(
    app, demo_units, search_index, search
):
    with app.app_context():
        decision = add_decision(_unit(), party_name="王建国", facts=FACTS)
        publish_decision(db.session, CLI_ACTOR, decision, may_review=True)
        db.session.commit()
        decision_id, doc_no = decision.id, decision.doc_no
    search_index.sync()
    page = search("占道经营")
    assert any("/decisions/" in href for href in page.hrefs)
    assert "王某某" in page.text() and "王建国" not in page.text()
    assert search(doc_no).titles[0].startswith(doc_no)
    for raw in ("410402199001011234", "13812345678", "王建国"):
        assert not any("/decisions/" in href for href in search(raw).hrefs), raw
    with app.app_context():
        withdraw_decision(
            db.session, CLI_ACTOR, db.session.get(PenaltyDecision, decision_id), "行政复议决定撤销"
        )
        db.session.commit()
    search_index.sync()
    assert not any("/decisions/" in href for href in search("占道经营").hrefs)


def test_a_published_document_is_found(app, demo_units, search_index, search):
    with app.app_context():
        document = add_document(
            _unit("weidong"),
            title="卫东区渣土车辆管理执法流程",
            body="<p>渣土车辆未密闭运输的查处流程。</p>",
        )
        publish_document(db.session, CLI_ACTOR, document, app.config)
        db.session.commit()
    search_index.sync()
    page = search("渣土车")
    assert any("/disclosure/documents/" in href for href in page.hrefs)
    assert "卫东区渣土车辆管理执法流程" in page.text()
