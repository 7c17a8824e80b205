"""Open data of decisions: the Atom feed, CSV and JSON downloads and the API agree with the page."""

import csv
import io
import re
from datetime import timedelta

import feedparser

from portal.audit.services import CLI_ACTOR
from portal.core.models import local_today
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.disclosure.decisions.services import correct_decision, withdraw_decision
from portal.extensions import db
from tests.factories import decision_data

TODAY = local_today()


def page_ids(client, query="") -> list[str]:
    html = client.get(f"/decisions/?{query}").get_data(as_text=True)
    return re.findall(r'class="decision-card__title"><a href="/decisions/([a-z0-9]+)"', html)


def csv_rows(client, query="") -> list[dict]:
    response = client.get(f"/decisions.csv?{query}")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_downloads_and_api_agree_with_the_page_under_the_same_filters(client, make_decision):
    for n in range(6):
        make_decision("weidong" if n % 2 else "xinhua", decided_on=TODAY - timedelta(days=n))
    for query in ("", "unit=weidong", "unit=xinhua&year=" + str(TODAY.year)):
        on_page = page_ids(client, query)
        assert [row["public_id"] for row in csv_rows(client, query)] == on_page
        download = client.get(f"/decisions.json?{query}").get_json()
        assert download["next"] is None
        assert [item["public_id"] for item in download["items"]] == on_page
        api = client.get(f"/api/v1/decisions?{query}").get_json()
        assert [item["public_id"] for item in api["items"]] == on_page
    assert len(page_ids(client, "unit=weidong")) == 3


def test_the_api_pages_with_its_cursor(client, make_decision):
    made = {make_decision(decided_on=TODAY - timedelta(days=n)).public_id for n in range(5)}
    seen, url = [], "/api/v1/decisions?limit=2"
    while url:
        body = client.get(url).get_json()
        seen += [item["public_id"] for item in body["items"]]
        url = body["next"] and f"/api/v1/decisions?limit=2&cursor={body['next']}"
    assert len(seen) == 5 and set(seen) == made
    assert client.get("/api/v1/decisions?limit=0").status_code == 400


def test_each_decision_has_the_documented_fields(client, make_decision):
    decision = make_decision(fine_amount="1234.5")
    (item,) = client.get("/api/v1/decisions").get_json()["items"]
    for key in (
        "public_id",
        "doc_no",
        "unit_code",
        "party",
        "violation",
        "facts",
        "legal_basis",
        "penalty",
        "fine_amount",
        "decided_on",
        "published_at",
        "status",
        "url",
    ):
        assert key in item
    assert item["fine_amount"] == 1234.5 and item["status"] == "published"
    assert item["url"].endswith(f"/decisions/{decision.public_id}")
    detail = client.get(f"/api/v1/decisions/{decision.public_id}").get_json()
    assert detail["revisions"][0]["revision"] == 1
    schema = client.get("/api/v1/openapi.json").get_json()
    assert {"/decisions", "/decisions/{public_id}"} <= set(schema["paths"])
    assert set(schema["components"]["schemas"]["Decision"]["required"]) <= set(item)
    assert client.get("/api/v1/decisions/nosuchthing").get_json()["error"]["status"] == 404


def test_a_csv_cell_cannot_start_a_formula(client, make_decision):
    make_decision(violation='=HYPERLINK("http://evil")占道经营')
    (row,) = csv_rows(client)
    assert row["violation"].startswith("'=")


def test_the_feed_is_valid_atom_with_stable_ids_updated_on_correction(app, client, make_decision):
    decision = make_decision(penalty="罚款人民币200元")
    with app.app_context():  # published an hour ago, so that the correction is later
        db.session.get(PenaltyDecision, decision.id).public_updated_at -= timedelta(hours=1)
        db.session.commit()
    first = feedparser.parse(client.get("/feeds/decisions.atom").data)
    assert not first.bozo, first.bozo_exception
    assert first.feed.title == "行政处罚决定公示"
    (entry,) = first.entries
    assert (
        entry.id.startswith("urn:uuid:")
        and entry.updated
        and entry.link.endswith(f"/decisions/{decision.public_id}")
    )
    with app.app_context():
        stored = db.session.get(PenaltyDecision, decision.id)
        data = decision_data(doc_no=stored.doc_no, penalty="罚款人民币300元", fine_amount="300")
        correct_decision(
            db.session,
            CLI_ACTOR,
            stored,
            data,
            "金额更正",
            may_review=True,
            today=TODAY,
            settings=current_settings(),
            calendar=working_calendar(),
        )
        db.session.commit()
    second = feedparser.parse(client.get("/feeds/decisions.atom").data)
    (corrected,) = second.entries
    assert corrected.id == entry.id
    assert corrected.updated_parsed > entry.updated_parsed
    assert "已更正" in corrected.title and "罚款人民币300元" in corrected.summary
    with app.app_context():
        withdraw_decision(
            db.session, CLI_ACTOR, db.session.get(PenaltyDecision, decision.id), "撤销"
        )
        db.session.commit()
    (withdrawn,) = feedparser.parse(client.get("/feeds/decisions.atom").data).entries
    assert withdrawn.id == entry.id and "已撤下" in withdrawn.title
    assert "罚款" not in withdrawn.summary


def test_the_feed_can_follow_one_unit_and_every_entry_has_id_and_updated(client, make_decision):
    make_decision("xinhua")
    make_decision("weidong")
    parsed = feedparser.parse(client.get("/feeds/decisions.atom?unit=weidong").data)
    assert not parsed.bozo and len(parsed.entries) == 1
    assert "卫东区" in parsed.feed.title
    for entry in feedparser.parse(client.get("/feeds/decisions.atom").data).entries:
        assert entry.get("id") and entry.get("updated")
    assert client.get("/feeds/nothing.atom").status_code == 404
