"""What every kind described for the publishing kernel promises, checked for each registered
kind on the demo data — so that a new kind is tested the day it is registered."""

import csv
import io
import json
from xml.etree import ElementTree

import pytest
from sqlalchemy import select

from portal.core.publication import PUBLISHED, WITHDRAWN
from portal.demo import load_demo_data
from portal.extensions import db
from portal.kinds import KINDS

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def demo(app):
    with app.app_context():
        load_demo_data(db.session)
        db.session.commit()


def _path(app, endpoint: str, **values) -> str:
    with app.test_request_context():
        from flask import url_for

        return url_for(endpoint, **values)


def _items(app, spec):
    """The kind's published, withdrawn and corrected demo items (public ids)."""
    model = spec.listing.model
    with app.app_context():
        rows = db.session.scalars(select(model).where(model.first_published_at.is_not(None)))
        rows = list(rows)
        published = [row.public_id for row in rows if row.status == PUBLISHED]
        withdrawn = [row.public_id for row in rows if row.status == WITHDRAWN]
        corrected = [
            row.public_id for row in rows if row.status == PUBLISHED and row.revision_count > 1
        ]
        never = db.session.scalars(
            select(model.public_id).where(model.first_published_at.is_(None))
        ).all()
    return published, withdrawn, corrected, never


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_output_of_the_kind_agrees_and_keeps_its_promises(app, client, demo, name):
    spec = KINDS[name]
    published, withdrawn, corrected, never = _items(app, spec)
    assert published and withdrawn and corrected, "the demo shows every state of every kind"
    endpoints = spec.endpoints

    # the list: published items only, newest first; a bad filter is a Chinese 400
    page = client.get(_path(app, endpoints.list)).get_data(as_text=True)
    assert any(public_id in page for public_id in published)
    assert not any(public_id in page for public_id in withdrawn)
    refused = client.get(_path(app, endpoints.list, unit="no-such-unit"))
    assert refused.status_code == 400 and "执法单位" in refused.get_data(as_text=True)

    # permalinks: a withdrawn item keeps its page with the reason; never published is a 404
    gone = client.get(_path(app, endpoints.detail, public_id=withdrawn[0]))
    assert gone.status_code == 200 and "撤下原因" in gone.get_data(as_text=True)
    for public_id in never[:1]:
        assert client.get(_path(app, endpoints.detail, public_id=public_id)).status_code == 404
    assert client.get(_path(app, endpoints.detail, public_id="x" * 17)).status_code == 404
    old = client.get(_path(app, endpoints.revision, public_id=corrected[0], revision_no=1))
    assert old.status_code == 200 and "此版本已被更正" in old.get_data(as_text=True)
    missing = _path(app, endpoints.revision, public_id=corrected[0], revision_no=99)
    assert client.get(missing).status_code == 404

    # the API: the list is the page's list; a withdrawn item answers with its notice only
    api = spec.api
    listed = client.get(f"/api/v1/{api.path}?limit=200").get_json()
    api_ids = [item["public_id"] for item in listed["items"]]
    assert set(api_ids) <= set(published) and not set(api_ids) & set(withdrawn)
    detail = client.get(f"/api/v1/{api.path}/{withdrawn[0]}").get_json()
    assert detail["status"] == "withdrawn" and detail["withdrawal"]["reason"]
    assert [r["revision"] for r in detail["revisions"]] == list(range(1, detail["revision"] + 1))
    assert client.get(f"/api/v1/{api.path}/{never[0] if never else 'zzzz'}").status_code == 404

    # the CSV download: the declared header, one row per listed item (the API's order)
    body = client.get(_path(app, endpoints.csv)).get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == list(spec.csv_header)
    assert [row[0] for row in rows[1:]] == api_ids
    if endpoints.json:
        download = json.loads(client.get(_path(app, endpoints.json)).get_data(as_text=True))
        assert [item["public_id"] for item in download["items"]] == api_ids

    # the feed: Atom whose entries carry stable ids; a withdrawal stays as a notice
    if spec.feed is not None:
        feed = client.get(f"/feeds/{spec.feed.name}.atom")
        assert feed.status_code == 200
        root = ElementTree.fromstring(feed.data)
        entries = root.findall(f"{ATOM}entry")
        assert entries and all(e.find(f"{ATOM}id").text.startswith("urn:uuid:") for e in entries)
        links = [e.find(f"{ATOM}link").get("href") for e in entries]
        assert any(link.endswith(withdrawn[0]) for link in links)
        withdrawn_entry = next(
            e for e in entries if e.find(f"{ATOM}link").get("href").endswith(withdrawn[0])
        )
        assert "撤下" in ElementTree.tostring(withdrawn_entry, encoding="unicode")
