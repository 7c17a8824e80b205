"""The demo data: documents for every unit and ~3,000 realistic decisions, loaded once."""

import re

from sqlalchemy import func, select

from portal.demo import load_demo_data
from portal.disclosure.decisions.models import DecisionRevision, PenaltyDecision
from portal.disclosure.models import DisclosureDocument
from portal.extensions import db
from portal.search.models import SearchOutboxEntry


def test_demo_data_has_every_case_the_pages_show(app, client):
    with app.app_context():
        counts = load_demo_data(db.session)
        db.session.commit()
        again = load_demo_data(db.session)
        db.session.commit()
        decisions = db.session.scalars(select(PenaltyDecision)).all()
        documents = db.session.scalars(select(DisclosureDocument)).all()
        revisions = db.session.scalar(select(func.count()).select_from(DecisionRevision))
        outbox = db.session.scalar(
            select(func.count())
            .select_from(SearchOutboxEntry)
            .where(SearchOutboxEntry.kind.in_(("decision", "document")))
        )
        raw_ids = [
            match
            for decision in decisions[:200]
            for match in re.findall(r"\d{17}[\dX]", decision.facts)
        ]
    assert 2900 <= counts["penalty decisions"][0] <= 3100
    assert again["penalty decisions"][0] == again["disclosure documents"][0] == 0
    statuses = {
        status: sum(d.status == status for d in decisions)
        for status in ("draft", "review", "published", "withdrawn")
    }
    assert statuses["published"] > 2800 and statuses["withdrawn"] >= 10
    assert statuses["draft"] >= 3 and statuses["review"] >= 1
    assert sum(d.revision_count == 2 for d in decisions) >= 20
    assert 30 <= sum(d.is_major for d in decisions) <= 600
    assert sum(d.party_is_minor for d in decisions) == 3
    assert all(d.status == "draft" for d in decisions if d.party_is_minor)
    assert sum(d.revoked_on is not None and d.status == "published" for d in decisions) == 2
    assert len({d.unit_id for d in decisions}) == 13
    assert len({d.violation_type for d in decisions}) >= 10
    span = max(d.decided_on for d in decisions) - min(d.decided_on for d in decisions)
    assert span.days > 700
    assert {(doc.unit_id, doc.kind) for doc in documents} >= {
        (unit_id, kind)
        for unit_id in range(1, 14)
        for kind in (
            "responsibilities",
            "legal_basis",
            "procedure",
            "discretion",
            "random_inspection",
            "remedies",
        )
    }
    assert revisions == sum(d.revision_count for d in decisions)
    assert outbox == sum(d.first_published_at is not None for d in decisions) + len(documents)

    # what the public sees of it is masked
    page = client.get("/decisions/").get_data(as_text=True)
    assert page.count('class="decision-card"') == 20
    body = client.get("/decisions.csv?unit=xinhua").get_data(as_text=True)
    assert raw_ids and not any(raw in body for raw in raw_ids)
    assert "********" in body
