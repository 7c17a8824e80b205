"""No public request counts the decisions: a page of a million rows costs what one of ten does."""

import pytest
from sqlalchemy import event

from portal.extensions import db


@pytest.fixture
def statements(app):
    seen = []

    def record(_connection, _cursor, statement, *_args):
        seen.append(statement.lower())

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def test_public_decision_requests_never_count(client, make_decision, make_document, statements):
    decision = make_decision()
    make_document()
    statements.clear()
    for url in (
        "/decisions/",
        "/decisions/?unit=xinhua&violation=street_vending&year=2026&major=1&q=经营",
        f"/decisions/{decision.public_id}",
        "/api/v1/decisions",
        f"/api/v1/decisions/{decision.public_id}",
        "/feeds/decisions.atom",
        "/disclosure/",
        "/disclosure/units/xinhua",
    ):
        assert client.get(url).status_code == 200
    decision_queries = [s for s in statements if "penalty_decision" in s]
    assert decision_queries
    assert not [s for s in decision_queries if "count(" in s]
    assert all(" limit " in s for s in decision_queries if "order by" in s)
