"""Fixtures for the search tests: an index on the test database, a content kind to publish.

``notices`` registers a test-only provider whose "published" items live in a dictionary (the
real kinds — decisions, documents, officers — read their tables the same way). Publishing,
changing and withdrawing record an outbox entry in a real database transaction, exactly as a
domain's services do; the index then follows the outbox.
"""

import re
from dataclasses import replace
from datetime import date
from html import unescape

import pytest

from portal import create_app
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.search.documents import SearchDocument
from portal.search.operations import apply_outbox, rebuild_index
from portal.search.outbox import record_index_change
from portal.search.readers import searchers
from portal.search.registry import SearchProvider, register, unregister
from tests.conftest import _fresh_database, _truncate_all, base_test_config, close_database


class PublishedNotices:
    """The "database" of a test-only kind, ``notice``, and the services that change it."""

    kind = "notice"

    def __init__(self, app):
        self.app = app
        self.items: dict[str, SearchDocument] = {}

    def publish(self, object_id, title, body, unit_code="", published_on=None, **fields):
        document = SearchDocument(
            kind=self.kind,
            object_id=str(object_id),
            ref=str(object_id),
            title=title,
            body=body,
            unit_code=unit_code,
            published_on=published_on or date(2025, 6, 1),
            **fields,
        )
        self._change(document.object_id, document)
        return document

    def edit(self, object_id, **changes):
        self._change(str(object_id), replace(self.items[str(object_id)], **changes))

    def withdraw(self, object_id):
        self._change(str(object_id), None)

    def _change(self, object_id, document):
        with self.app.app_context():
            if document is None:
                self.items.pop(object_id, None)
            else:
                self.items[object_id] = document
            record_index_change(db.session, self.kind, object_id)
            db.session.commit()

    def provider(self) -> SearchProvider:
        return SearchProvider(
            kind=self.kind,
            label="测试公示",
            load=lambda session, ids: [self.items[i] for i in ids if i in self.items],
            iter_all=lambda session: list(self.items.values()),
            url=lambda ref: f"/notices/{ref}",
            order=90,
            count=lambda session: len(self.items),
        )


@pytest.fixture
def notices(app):
    published = PublishedNotices(app)
    register(published.provider())
    yield published
    unregister(published.kind)


@pytest.fixture
def demo_units(app):
    with app.app_context():
        load_demo_units(db.session)
        db.session.commit()


@pytest.fixture
def search_index(app):
    """A built index; call ``.sync()`` to apply the outbox, ``.rebuild()`` to build afresh."""

    class Index:
        @staticmethod
        def sync():
            return apply_outbox(app)

        @staticmethod
        def rebuild():
            return rebuild_index(app)

    Index.rebuild()
    yield Index
    searchers.close()


HIT = re.compile(
    r'<li class="search-hit">.*?<span class="search-hit__kind">(?P<kind>[^<]*)</span>.*?'
    r'<h3 class="search-hit__title"><a href="(?P<href>[^"]+)">(?P<title>.*?)</a></h3>'
    r'(?:\s*<p class="search-hit__snippet">(?P<snippet>.*?)</p>)?',
    re.S,
)


class SearchPage:
    def __init__(self, response):
        self.response = response
        self.status = response.status_code
        self.html = response.get_data(as_text=True)
        self.hits = [match.groupdict() for match in HIT.finditer(self.html)]

    @property
    def hrefs(self) -> list[str]:
        return [hit["href"] for hit in self.hits]

    @property
    def titles(self) -> list[str]:
        return [unescape(re.sub(r"<[^>]+>", "", hit["title"])) for hit in self.hits]

    @property
    def total(self) -> int | None:
        found = re.search(r"找到约? (\d+) 条结果", self.html)
        return int(found.group(1)) if found else None

    def facet(self, name: str) -> dict[str, int]:
        """label → count of the filter links of one facet (类别, 执法单位, 年份)."""
        start = self.html.find(f'id="facet-{name}"')
        if start < 0:
            return {}
        section = self.html[start : self.html.find("</section>", start)]
        return {
            label.strip(): int(count)
            for label, count in re.findall(
                r'>([^<>]+) <span class="search-facet__count">(\d+)</span>', section
            )
        }

    def text(self) -> str:
        return unescape(re.sub(r"<[^>]+>", "", self.html))


def _searcher_of(client):
    def run(q=None, **params) -> SearchPage:
        if q is not None:
            params["q"] = q
        return SearchPage(client.get("/search", query_string=params))

    return run


@pytest.fixture
def search(client):
    return _searcher_of(client)


@pytest.fixture(scope="module")
def search_units_only(template_database, tmp_path_factory):
    """``search`` on one app with the demo units indexed, shared by a module's read-only tests
    (hundreds of queries would otherwise each build an app, a database and an index)."""
    directory = tmp_path_factory.mktemp("search-shared")
    app = create_app(base_test_config(directory, _fresh_database(template_database, directory)))
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        _truncate_all(app)
    with app.app_context():
        load_demo_units(db.session)
        db.session.commit()
    rebuild_index(app)
    yield _searcher_of(app.test_client())
    searchers.close()
    close_database(app)
