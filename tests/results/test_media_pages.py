"""The public side of media responses: the list with its filters and pages, permalinks with
corrections and withdrawals, CSV and JSON downloads, the API, the Atom feed and search."""

import csv
import io
import re
from datetime import date, timedelta

import feedparser
import pytest

from portal.core.models import local_today, utcnow
from tests.results.media_helpers import CITIZEN, CITIZEN_ID, CITIZEN_PHONE, correct, withdraw

TODAY = local_today()


def page_ids(client, query="") -> list[str]:
    response = client.get(f"/media/?{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return re.findall(r'class="media-card__title"><a href="/media/([a-z0-9-]+)"', html)


def csv_rows(client, query="") -> list[dict]:
    response = client.get(f"/media.csv?{query}")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_list_is_newest_report_first_and_filters_by_unit_and_year(client, media):
    old = media("weidong", reported_on=date(2025, 6, 1))
    new = media("xinhua", reported_on=TODAY - timedelta(days=1))
    middle = media("xinhua", reported_on=TODAY - timedelta(days=20))
    draft = media("xinhua", publish=False)
    assert page_ids(client) == [new.public_id, middle.public_id, old.public_id]
    assert page_ids(client, "unit=xinhua") == [new.public_id, middle.public_id]
    assert page_ids(client, "year=2025") == [old.public_id]
    assert page_ids(client, "unit=weidong&year=2025") == [old.public_id]
    assert draft.public_id not in client.get("/media/").get_data(as_text=True)
    assert client.get(f"/media/{draft.public_id}").status_code == 404


@pytest.mark.parametrize(
    "query, message",
    [("unit=atlantis", "没有这个执法单位"), ("year=1999", "年份应在"), ("year=abc", "年份应在")],
)
def test_a_bad_filter_is_a_chinese_400(client, demo_units, query, message):
    for path in ("/media/", "/media.csv", "/api/v1/media"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, path
        body = response.get_json()["error"]["message"] if response.is_json else response.text
        assert message in body


def test_the_list_pages_by_keyset(client, media):
    made = [media(reported_on=TODAY - timedelta(days=n)).public_id for n in range(23)]
    first = client.get("/media/").get_data(as_text=True)
    assert len(page_ids(client)) == 20
    cursor = re.search(r'rel="next" href="/media/\?cursor=([^"&]+)"', first).group(1)
    rest = page_ids(client, f"cursor={cursor}")
    assert page_ids(client) + rest == made
    assert "已到最后一页" in client.get(f"/media/?cursor={cursor}").get_data(as_text=True)
    assert client.get("/media/?cursor=garbage!").status_code == 400


def test_the_permalink_shows_the_masked_response(client, media):
    item = media(link="https://news.example/report?id=7")
    page = client.get(f"/media/{item.public_id}").get_data(as_text=True)
    assert "鹰城晚报" in page and "经现场核查，情况属实" in page
    assert 'href="https://news.example/report?id=7"' in page
    assert "王某某" in page and "170****0512" in page
    for raw in (CITIZEN, CITIZEN_PHONE, CITIZEN_ID):
        assert raw not in page


def test_a_correction_shows_its_reason_and_the_old_revision_stays_readable(app, client, media):
    item = media()
    correct(app, item.id, action_taken="已引导40户摊主入点经营。")
    page = client.get(f"/media/{item.public_id}").get_data(as_text=True)
    assert "更正（现行第2版）" in page and "更正原因：疏导户数有误" in page
    assert "已引导40户摊主入点经营" in page
    assert f"/media/{item.public_id}/revisions/1" in page
    old = client.get(f"/media/{item.public_id}/revisions/1").get_data(as_text=True)
    assert "此版本已被更正" in old and "引导32户摊主入点经营" in old
    assert client.get(f"/media/{item.public_id}/revisions/3").status_code == 404
    assert page_ids(client) == [item.public_id]
    assert "已更正" in client.get("/media/").get_data(as_text=True)


def test_a_withdrawn_response_leaves_the_lists_and_its_permalink_says_why(app, client, media):
    item = media()
    withdraw(app, item.id)
    response = client.get(f"/media/{item.public_id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200  # as decisions: the permalink stays, with the notice
    assert "已于" in page and "撤下" in page and "撤下原因：回应内容需重新核实" in page
    assert "经现场核查" not in page and "报道摘要" not in page
    assert page_ids(client) == [] and csv_rows(client) == []
    assert client.get("/api/v1/media").get_json()["items"] == []
    detail = client.get(f"/api/v1/media/{item.public_id}").get_json()
    assert detail["status"] == "withdrawn" and detail["response"] is None
    assert detail["withdrawal"]["reason"] == "回应内容需重新核实"


def test_downloads_and_api_agree_with_the_page(client, media):
    for n in range(5):
        media("weidong" if n % 2 else "xinhua", reported_on=TODAY - timedelta(days=n))
    for query in ("", "unit=weidong", f"unit=xinhua&year={TODAY.year}"):
        on_page = page_ids(client, query)
        rows = csv_rows(client, query)
        assert [row["public_id"] for row in rows] == on_page
        download = client.get(f"/media.json?{query}").get_json()
        assert download["next"] is None
        assert [item["public_id"] for item in download["items"]] == on_page
        api = client.get(f"/api/v1/media?{query}").get_json()
        assert [item["public_id"] for item in api["items"]] == on_page
    text = client.get("/media.csv").get_data(as_text=True) + client.get("/media.json").get_data(
        as_text=True
    )
    for raw in (CITIZEN, CITIZEN_PHONE, CITIZEN_ID):
        assert raw not in text


def test_a_csv_cell_never_starts_like_a_formula(client, media):
    media(response='=HYPERLINK("http://evil.example")')
    (row,) = csv_rows(client)
    assert row["response"].startswith("'=")


def test_the_api_pages_with_its_cursor_and_documents_itself(client, media):
    made = {media(reported_on=TODAY - timedelta(days=n)).public_id for n in range(5)}
    seen, url = [], "/api/v1/media?limit=2"
    while url:
        body = client.get(url).get_json()
        seen += [item["public_id"] for item in body["items"]]
        url = body["next"] and f"/api/v1/media?limit=2&cursor={body['next']}"
    assert len(seen) == 5 and set(seen) == made
    assert client.get("/api/v1/media?limit=0").status_code == 400
    assert client.get("/api/v1/media/nosuchthing").status_code == 404
    document = client.get("/api/v1/openapi.json").get_json()
    assert {"/media", "/media/{public_id}"} <= set(document["paths"])
    schema = document["components"]["schemas"]["MediaResponse"]
    item = client.get("/api/v1/media").get_json()["items"][0]
    assert set(schema["required"]) <= set(item) and set(item) <= set(schema["properties"])
    assert item["url"].endswith(f"/media/{item['public_id']}")


def test_one_response_in_the_api_has_its_revisions(app, client, media):
    item = media()
    correct(app, item.id)
    body = client.get(f"/api/v1/media/{item.public_id}").get_json()
    assert body["status"] == "corrected" and body["revision"] == 2
    assert [r["revision"] for r in body["revisions"]] == [1, 2]
    assert body["revisions"][1]["reason"] == "疏导户数有误"
    assert body["correction_reason"] == "疏导户数有误"


def test_the_feed_follows_publications_corrections_and_withdrawals(app, client, media):
    kept, gone = media(), media()
    feed = feedparser.parse(client.get("/feeds/media.atom").data)
    assert not feed.bozo and len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.id.startswith("urn:uuid:") and entry.updated and entry.link
    before = {entry.link.rsplit("/", 1)[1]: entry for entry in feed.entries}
    correct(app, kept.id, now=utcnow() + timedelta(minutes=5))
    withdraw(app, gone.id)
    response = client.get("/feeds/media.atom")
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo
    entries = {entry.link.rsplit("/", 1)[1]: entry for entry in feed.entries}
    entry = entries[kept.public_id]
    assert entry.id == before[kept.public_id].id
    assert entry.updated_parsed > before[kept.public_id].updated_parsed
    assert entry.title.startswith("【已更正】")
    # a withdrawal is news too: the same entry becomes the notice, without the content
    notice = entries[gone.public_id]
    assert notice.id == before[gone.public_id].id and notice.title.startswith("【已撤下】")
    assert "撤下原因：回应内容需重新核实" in notice.summary
    assert "回应内容：" not in notice.content[0].value  # the notice only, not the response
    assert CITIZEN not in response.get_data(as_text=True)
    by_unit = feedparser.parse(client.get("/feeds/media.atom?unit=weidong").data)
    assert by_unit.entries == [] and "卫东区" in by_unit.feed.title
