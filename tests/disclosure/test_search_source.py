"""What the search indexer gets for an outbox row: published, masked fields, or nothing."""

from portal.audit.services import CLI_ACTOR
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.services import withdraw_decision
from portal.disclosure.search_source import searchable_decision, searchable_document
from portal.extensions import db


def test_decisions_give_masked_text_until_withdrawn(app, make_decision):
    published = make_decision(party_name="王建国", facts="当事人王建国，手机13812345678。")
    draft = make_decision(publish=False)
    with app.app_context():  # as the indexer runs: no request
        document = searchable_decision(db.session, published.id)
        assert document["title"].startswith("平新城管罚决字") and "王某某" in document["title"]
        assert "13812345678" not in document["body"] and "138****5678" in document["body"]
        assert "王建国" not in str(document)
        assert searchable_decision(db.session, draft.id) is None
        assert searchable_decision(db.session, 999999) is None
        withdraw_decision(
            db.session, CLI_ACTOR, db.session.get(PenaltyDecision, published.id), "撤"
        )
        assert searchable_decision(db.session, published.id) is None


def test_documents_give_their_text(app, make_document):
    published = make_document(body="<p>投诉电话 12319，经办人手机13812345678</p>")
    draft = make_document(publish=False)
    with app.app_context():  # as the indexer runs: no request
        document = searchable_document(db.session, published.id)
        assert document["body"] == "投诉电话 12319，经办人手机138****5678"
        assert searchable_document(db.session, draft.id) is None
