"""Media responses in search: the published, masked revision is found; corrections replace it;
a withdrawn or unpublished one is never found."""

import re

import pytest

from portal.search.operations import apply_outbox, rebuild_index
from portal.search.readers import searchers
from tests.results.media_helpers import CITIZEN, CITIZEN_PHONE, correct, withdraw


@pytest.fixture
def index(app, demo_units):
    rebuild_index(app)
    yield lambda: apply_outbox(app)
    searchers.close()


def media_hits(client, query: str, **params) -> list[str]:
    html = client.get("/search", query_string={"q": query, **params}).get_data(as_text=True)
    return re.findall(r'<h3 class="search-hit__title"><a href="/media/([a-z0-9-]+)"', html)


def test_a_published_response_is_found_masked_until_withdrawn(app, client, media, index):
    published = media(headline="光明路渣土车夜间撒漏 清晨满地泥土")
    unpublished = media(headline="龙兴街渣土车超速行驶", publish=False)
    index()
    assert media_hits(client, "渣土车") == [published.public_id]
    assert media_hits(client, "渣土车", kind="media") == [published.public_id]
    page = client.get("/search", query_string={"q": "渣土车"}).get_data(as_text=True)
    assert "舆论回应" in page
    for raw in (CITIZEN, CITIZEN_PHONE):
        assert media_hits(client, raw) == [], raw
    assert unpublished.public_id not in page

    correct(
        app, published.id, reason="补充复查结果", action_taken="11月5日复查，冲洗设施已安装到位。"
    )
    index()
    assert media_hits(client, "冲洗设施") == [published.public_id]
    assert media_hits(client, "疏导点") == []  # the old revision's text left the index

    withdraw(app, published.id)
    index()
    assert media_hits(client, "渣土车") == []
