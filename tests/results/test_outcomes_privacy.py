"""No complainant identity, contact or tip-off content in any public output of outcomes: the
list, permalinks and revisions, CSV, JSON, the feed and the search index. Also checked on the
demo data, whose contacts look like 演示投诉人NNN, 1700000NNNN, demoNNNN@example.invalid."""

import json
import re

import pytest
from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.complaints.demo import load_demo_complaints
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.results.outcomes.demo import DEMO_PUBLIC_IDS, load_demo_outcomes
from portal.results.outcomes.models import ComplaintOutcome
from portal.results.outcomes.services import correct_outcome, publish_outcome, withdraw_outcome
from portal.search.operations import apply_outbox, rebuild_index
from portal.search.readers import searchers
from tests.results.outcome_helpers import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    CONTACT_PHONE,
    PRIVATE,
    add_units,
    closed_complaint,
    published,
)
from tests.search.conftest import _searcher_of

TIPOFF_SECRET = "举报某商户老板偷排污水的秘密线索"
DEMO_CONTACT = re.compile(r"演示投诉人|1700000\d{4}|demo\d{4}@|demo\d{4}")


def _text(response) -> str:
    """The response as text, JSON decoded (it escapes Chinese as \\uXXXX)."""
    if response.mimetype == "application/json":
        return json.dumps(response.get_json(), ensure_ascii=False)
    return response.get_data(as_text=True)


def _public_outputs(client, public_ids) -> dict[str, str]:
    paths = ["/outcomes/", "/outcomes.csv", "/api/v1/outcomes", "/feeds/outcomes.atom"]
    for public_id in public_ids:
        paths += [
            f"/outcomes/{public_id}",
            f"/outcomes/{public_id}/revisions/1",
            f"/api/v1/outcomes/{public_id}",
        ]
    outputs = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        outputs[path] = _text(response)
    return outputs


@pytest.fixture
def search_index(app):
    rebuild_index(app)
    yield lambda: apply_outbox(app)
    searchers.close()


@pytest.fixture
def careless_outcomes(app, create_unit):
    """Outcomes published straight from texts full of the complainant's contacts."""
    add_units(app, create_unit)
    with app.app_context():
        texts = (
            f"{CONTACT_NAME}（手机{CONTACT_PHONE}，邮箱{CONTACT_EMAIL}）反映占道经营问题。",
            f"{CONTACT_NAME}您好：已处理。结果已发送至{CONTACT_EMAIL}，并电话{CONTACT_PHONE}告知。",
        )
        complaint = closed_complaint(app, "xinhua", description=texts[0], reply=texts[1])
        tipoff = closed_complaint(app, "xinhua", kind="tipoff", description=TIPOFF_SECRET)
        outcome = publish_outcome(
            db.session,
            CLI_ACTOR,
            complaint,
            category="street_vending",
            summary=complaint.description,
            reply=complaint.reply,
        )
        correct_outcome(
            db.session,
            CLI_ACTOR,
            outcome,
            category="street_vending",
            summary=complaint.description + "（已整改）",
            reply=complaint.reply,
            reason=f"{CONTACT_NAME}来电要求补充",
        )
        db.session.commit()
        return {
            "public_ids": [outcome.public_id],
            "tracking": [complaint.tracking_no, tipoff.tracking_no],
        }


def test_no_contact_or_tipoff_content_in_any_output(client, careless_outcomes, search_index):
    outputs = _public_outputs(client, careless_outcomes["public_ids"])
    assert "演某某" in outputs["/outcomes.csv"]  # the outcome is there, masked
    for path, text in outputs.items():
        for private in (*PRIVATE, TIPOFF_SECRET, *careless_outcomes["tracking"]):
            assert private not in text, (path, private)
    search_index()
    search = _searcher_of(client)
    found = search("占道经营")
    assert any("/outcomes/" in href for href in found.hrefs)
    for private in (*PRIVATE, TIPOFF_SECRET):
        assert private not in found.text()
    for query in (CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL, "偷排污水"):
        page = search(query)
        hits = " ".join(f"{hit['title']} {hit['snippet'] or ''}" for hit in page.hits)
        for private in (*PRIVATE, TIPOFF_SECRET):
            assert private not in hits, (query, private)
        # the name's words (投诉, 人) and the e-mail's domain are in the masked text too
        if query not in (CONTACT_NAME, CONTACT_EMAIL):
            assert not any("/outcomes/" in href for href in page.hrefs), query


def test_demo_outcomes_show_no_demo_contacts(app, client):
    with app.app_context():
        load_demo_units(db.session)
        load_demo_complaints(db.session)
        added, total = load_demo_outcomes(db.session)
        db.session.commit()
        assert added == total == 40
        assert load_demo_outcomes(db.session) == (0, 40)  # idempotent
        public_ids = db.session.scalars(select(ComplaintOutcome.public_id)).all()
    assert set(DEMO_PUBLIC_IDS) <= set(public_ids)
    outputs = _public_outputs(client, public_ids)
    items, cursor = [], None
    while True:
        data = client.get("/api/v1/outcomes", query_string={"cursor": cursor} if cursor else {})
        items += data.get_json()["items"]
        cursor = data.get_json()["next"]
        if not cursor:
            break
    assert len(items) == 39  # one withdrawn
    assert {item["kind"] for item in items} <= {"complaint", "suggestion", "praise"}
    assert len({item["unit_code"] for item in items}) >= 10
    masked = 0
    for path, text in outputs.items():
        assert not DEMO_CONTACT.search(text), (path, DEMO_CONTACT.search(text))
        masked += "演某某" in text
    assert masked  # the careless demo drafts were published, masked


def test_search_finds_a_published_outcome_until_it_is_withdrawn(
    app, client, create_unit, search_index
):
    add_units(app, create_unit)
    with app.app_context():
        outcome = published(app, "weidong", description="执法人员在湛河路暂扣三轮车未开清单。")
        public_id = outcome.public_id
    search_index()
    search = _searcher_of(client)
    assert f"/outcomes/{public_id}" in search("三轮车").hrefs
    with app.app_context():
        withdraw_outcome(
            db.session, CLI_ACTOR, db.session.get(ComplaintOutcome, outcome.id), "复核中"
        )
        db.session.commit()
    search_index()
    assert f"/outcomes/{public_id}" not in search("三轮车").hrefs
