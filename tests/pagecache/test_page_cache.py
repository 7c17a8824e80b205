"""The rendered-page cache as a reader, a journalist and a clerk meet it: a second reader gets
the kept page, a publication or withdrawal is on every page at once, nothing personal is
kept, and the HTTP headers let browsers and proxies revalidate."""

import hashlib
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.services import publish_decision, withdraw_decision
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.org.models import Unit
from portal.pagecache import PUBLIC_CACHE_CONTROL
from tests.complaints.factories import make_complaint
from tests.factories import add_decision

STATIC = Path(__file__).resolve().parents[2] / "static"
#: every page a published decision appears on, and what it looks like there
DECISION_PAGES = [
    "/decisions/",
    "/decisions/?unit=xinhua",
    "/disclosure/units/xinhua",
    "/feeds/decisions.atom",
    "/api/v1/decisions",
]


@pytest.fixture
def units(app):
    with app.app_context():
        load_demo_units(db.session)
        db.session.commit()


def source(response) -> str | None:
    return response.headers.get("X-Portal-Cache")


def figure(page: str, name: str) -> int:
    return int(re.search(rf'data-figure="{name}">(\d+)', page).group(1))


def test_a_second_reader_gets_the_kept_page_and_browsers_can_revalidate(client, units):
    first = client.get("/decisions/")
    second = client.get("/decisions/")
    assert (source(first), source(second)) == ("miss", "hit")
    assert second.get_data() == first.get_data()
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Cache-Control"] == PUBLIC_CACHE_CONTROL
    assert "Cookie" in second.headers["Vary"]
    unchanged = client.get("/decisions/", headers={"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304 and unchanged.get_data() == b""
    since = client.get("/decisions/", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    other = client.get("/decisions/", headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.get_data() == first.get_data()


def test_a_publication_and_a_withdrawal_are_on_every_page_at_once(app, client, units):
    with app.app_context():
        unit = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
        decision = add_decision(unit, doc_no="平新城管罚决字〔2026〕第8801号")
        db.session.commit()
        decision_id = decision.id
    for path in DECISION_PAGES:
        client.get(path)
        kept = client.get(path)
        assert source(kept) == "hit", path
        assert "8801" not in kept.get_data(as_text=True), path

    with app.app_context():
        decision = db.session.get(PenaltyDecision, decision_id)
        publish_decision(db.session, CLI_ACTOR, decision, may_review=True)
        db.session.commit()
        permalink = f"/decisions/{decision.public_id}"
    for path in [*DECISION_PAGES, permalink]:
        response = client.get(path)
        assert response.status_code == 200 and source(response) == "miss", path
        assert "8801" in response.get_data(as_text=True), path
    assert source(client.get(permalink)) == "hit"

    with app.app_context():
        decision = db.session.get(PenaltyDecision, decision_id)
        withdraw_decision(db.session, CLI_ACTOR, decision, "行政复议决定撤销")
        db.session.commit()
    page = client.get(permalink).get_data(as_text=True)
    assert "撤下" in page and "行政复议决定撤销" in page
    assert "8801" not in client.get("/decisions/").get_data(as_text=True)
    assert "行政复议决定撤销" in client.get("/feeds/decisions.atom").get_data(as_text=True)
    # the CSV download is streamed (it may hold every row): rendered each time, never kept
    for download in ("/decisions.csv", "/decisions.json"):
        answer = client.get(download)
        assert "8801" not in answer.get_data(as_text=True) and source(answer) is None


def test_a_new_complaint_is_counted_at_once_on_the_statistics(app, client, units):
    before = figure(client.get("/stats/").get_data(as_text=True), "received")
    assert source(client.get("/stats/")) == "hit"
    with app.app_context():
        unit = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
        make_complaint(db.session, unit)
    assert figure(client.get("/stats/").get_data(as_text=True), "received") == before + 1


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_a_form_with_its_csrf_token_is_never_kept_nor_shared(client, units):
    form = client.get("/complaints/new")
    assert form.status_code == 200 and source(form) is None
    assert form.headers["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" in form.headers
    # this reader has a session now: public pages are rendered for them, not taken from the
    # cache, and marked private
    page = client.get("/decisions/")
    assert source(page) is None and page.headers["Cache-Control"] == "private, no-store"
    client.delete_cookie("portal_session", domain="portal.test")
    assert source(client.get("/decisions/")) == "miss"


def test_errors_and_the_back_office_are_never_kept(client, units, create_user, login):
    for _ in range(2):
        missing = client.get("/decisions/NO-SUCH-ID")
        assert missing.status_code == 404 and source(missing) is None
    create_user("clerk", role="staff", unit_code="xinhua")
    login("clerk")
    for path in ("/admin/", "/decisions/"):
        response = client.get(path)
        assert source(response) is None, path
        assert response.headers["Cache-Control"] == "private, no-store", path


def test_large_print_is_kept_apart_from_the_standard_page(client, units):
    standard = client.get("/decisions/")
    client.get("/display?mode=elder&next=/decisions/")
    elder = client.get("/decisions/")
    assert source(elder) == "miss" and elder.get_data() != standard.get_data()
    assert source(client.get("/decisions/")) == "hit"
    client.get("/display?mode=standard&next=/decisions/")
    back = client.get("/decisions/")
    assert source(back) == "hit" and back.get_data() == standard.get_data()


@pytest.mark.app_config(RATELIMIT_ENABLED=True, OFFICER_LOOKUP_LIMIT="3 per minute")
def test_a_kept_badge_check_still_counts_against_the_limit(client, units):
    answers = [client.get("/officers/lookup?badge=41000000") for _ in range(4)]
    assert [response.status_code for response in answers] == [200, 200, 200, 429]
    assert source(answers[1]) == "hit"
    # a verdict is revalidated on every use, never answered from a browser's copy
    assert answers[1].headers["Cache-Control"] == "no-cache"


def test_a_page_kept_yesterday_is_not_served_today(client, units, monkeypatch):
    # what is overdue changes at midnight without any change in the data
    from datetime import date

    import portal.pagecache as page_cache

    monkeypatch.setattr(page_cache, "local_today", lambda: date(2026, 12, 30))
    client.get("/decisions/")
    assert source(client.get("/decisions/")) == "hit"
    monkeypatch.setattr(page_cache, "local_today", lambda: date(2026, 12, 31))
    assert source(client.get("/decisions/")) == "miss"


@pytest.mark.app_config(PAGE_CACHE="off")
def test_switched_off_every_page_is_rendered_but_still_revalidates(client, units):
    first, second = client.get("/decisions/"), client.get("/decisions/")
    assert source(first) == source(second) == "off"
    assert (
        client.get("/decisions/", headers={"If-None-Match": first.headers["ETag"]}).status_code
        == 304
    )


def test_static_assets_have_content_hashed_urls_kept_for_a_year(client, units):
    page = client.get("/").get_data(as_text=True)
    href = re.search(r'href="(/static/css/portal\.css\?v=([0-9a-f]+))"', page)
    assert href, "the stylesheet's URL carries its digest"
    digest = hashlib.sha256((STATIC / "css" / "portal.css").read_bytes()).hexdigest()
    assert digest.startswith(href.group(2))
    current = client.get(href.group(1))
    current.close()
    assert "max-age=31536000" in current.headers["Cache-Control"]
    old = client.get("/static/css/portal.css?v=000000000000")
    old.close()
    assert "max-age=31536000" not in old.headers.get("Cache-Control", "")
