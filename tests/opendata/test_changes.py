"""/changes/ and /feeds/changes.atom: every publication, correction and withdrawal, newest first,
with permalinks and public reasons; keyset pages; filters; bad input is a Chinese 400."""

import feedparser


def test_changes_are_listed_newest_first_with_reasons_and_permalinks(records, client):
    page = client.get("/changes/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    order = [
        html.index("该决定已被依法撤销"),  # the withdrawal, hour 5
        html.index("罚款金额录入错误"),  # the correction, hour 4
        html.index(f"/disclosure/documents/{records.document}"),  # hour 3
        html.index(f'/decisions/{records.plain}"'),  # hour 0
    ]
    assert order == sorted(order)
    assert f"/decisions/{records.corrected}/revisions/2" in html  # a correction links its version
    assert "张三" not in html


def test_changes_keyset_pages_cover_everything_once(records, client, app):
    app.config["CHANGES_PAGE_SIZE"] = 2
    seen, url = [], "/changes/"
    while url:
        html = client.get(url).get_data(as_text=True)
        seen.append(html.count("<tr>") - 1)  # less the header row
        marker = 'rel="next" href="'
        url = html.split(marker)[1].split('"')[0].replace("&amp;", "&") if marker in html else None
    # 4 publications, 1 correction, 1 withdrawal: three full pages, then no next page
    assert seen == [2, 2, 2]


def test_changes_filter_by_unit_and_kind(records, client):
    weidong = client.get("/changes/?unit=weidong").get_data(as_text=True)
    assert records.withdrawn in weidong and records.plain not in weidong
    documents = client.get("/changes/?kind=document").get_data(as_text=True)
    assert records.document in documents and records.plain not in documents


def test_bad_filters_and_cursors_are_chinese_400(records, client):
    for url, message in (
        ("/changes/?unit=nowhere", "没有这个执法单位"),
        ("/changes/?kind=secrets", "没有这类公示内容"),
        ("/changes/?cursor=not-a-cursor", "翻页参数无效"),
        ("/changes/?cursor=WyJ4IiwiZGVjaXNpb24iLCJwdWJsaXNoIiwxXQ", "翻页参数无效"),
        ("/feeds/changes.atom?unit=nowhere", "没有这个执法单位"),
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert message in response.get_data(as_text=True), url


def test_changes_feed_is_valid_atom_with_an_id_and_updated_per_entry(records, client):
    response = client.get("/feeds/changes.atom")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.data)
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == 6
    assert len({entry.id for entry in feed.entries}) == 6
    for entry in feed.entries:
        assert entry.id.startswith("urn:uuid:") and entry.updated and entry.link
    assert feed.entries[0].title.startswith("【撤下】")
    assert "该决定已被依法撤销" in feed.entries[0].summary
    unit_feed = feedparser.parse(client.get("/feeds/changes.atom?unit=weidong&kind=decision").data)
    assert {entry.link.rsplit("/", 1)[1] for entry in unit_feed.entries} == {records.withdrawn}
    assert "unit=weidong" in unit_feed.feed.links[0].href


def test_the_unit_page_links_its_feeds_and_the_subscription(records, client):
    html = client.get("/disclosure/units/xinhua").get_data(as_text=True)
    for href in (
        "/feeds/decisions.atom?unit=xinhua",
        "/feeds/outcomes.atom?unit=xinhua",
        "/feeds/media.atom?unit=xinhua",
        "/feeds/changes.atom?unit=xinhua",
        "/subscriptions/?unit=xinhua",
    ):
        assert href in html.replace("&amp;", "&"), href
    for feed in ("decisions", "outcomes", "media", "changes"):
        parsed = feedparser.parse(client.get(f"/feeds/{feed}.atom?unit=xinhua").data)
        assert not parsed.bozo, feed
        assert all(entry.id and entry.updated for entry in parsed.entries)
