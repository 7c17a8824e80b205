"""The public side of outcomes: the list and its filters, the tip-off count, permalinks with
revisions and withdrawal notices, CSV, JSON with keyset pages, OpenAPI, and the Atom feed."""

import csv
import io

import feedparser
import pytest

from portal.audit.services import CLI_ACTOR
from portal.extensions import db
from portal.results.outcomes.models import ComplaintOutcome
from portal.results.outcomes.services import correct_outcome, withdraw_outcome
from tests.results.outcome_helpers import add_units, closed_complaint, published


@pytest.fixture
def outcomes(app, create_unit):
    """新华区: a complaint rated 非常满意 (March), a suggestion not rated (April), a tip-off
    (never published); 卫东区: a praise rated 满意 (March), then corrected; and one withdrawn."""
    add_units(app, create_unit)
    with app.app_context():
        march = published(app, "xinhua", rating=5, day=0)
        april = published(
            app,
            "xinhua",
            kind="suggestion",
            rating=None,
            day=31,
            category="other",
            description="建议在学校周边增设便民摊点疏导区。",
            reply="感谢您的建议，已纳入工作计划。",
        )
        closed_complaint(app, "xinhua", kind="tipoff", description="举报某商户占道经营的秘密内容。")
        praise = published(
            app,
            "weidong",
            kind="praise",
            rating=4,
            day=2,
            category="other",
            description="执法队员冒雨清理积水，处置及时。",
            reply="感谢您的肯定，已转达表扬。",
        )
        correct_outcome(
            db.session,
            CLI_ACTOR,
            praise,
            category="other",
            summary="执法队员冒雨清理积水，帮助老人回家。",
            reply=praise.reply,
            reason="补充了事情经过",
        )
        gone = published(app, "weidong", day=4)
        withdraw_outcome(db.session, CLI_ACTOR, gone, "投诉人申请复核")
        db.session.commit()
        return {
            "march": march.public_id,
            "april": april.public_id,
            "praise": praise.public_id,
            "gone": gone.public_id,
        }


def _listed(client, query="") -> list[str]:
    data = client.get(f"/api/v1/outcomes{query}").get_json()
    return [item["public_id"] for item in data["items"]]


def test_list_newest_answer_first_without_withdrawn(client, outcomes):
    page = client.get("/outcomes/").get_data(as_text=True)
    assert "投诉办理结果公示" in page
    assert _listed(client) == [outcomes["april"], outcomes["praise"], outcomes["march"]]
    assert outcomes["gone"] not in page


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?unit=weidong", ["praise"]),
        ("?kind=suggestion", ["april"]),
        ("?kind=complaint", ["march"]),
        ("?month=2026-03", ["praise", "march"]),
        ("?month=2026-04&unit=xinhua", ["april"]),
        ("?rating=5", ["march"]),
        ("?rating=none", ["april"]),
        ("?q=积水", ["praise"]),
    ],
)
def test_filters(client, outcomes, query, expected):
    assert _listed(client, query) == [outcomes[name] for name in expected]
    page = client.get(f"/outcomes/{query}").get_data(as_text=True)
    for name in expected:
        assert outcomes[name] in page


@pytest.mark.parametrize(
    "query, message",
    [
        ("?kind=tipoff", "举报件不公开办理结果"),
        ("?month=2026-13", "月份格式应为"),
        ("?month=march", "月份格式应为"),
        ("?unit=atlantis", "没有这个执法单位"),
        ("?rating=9", "没有这个评价等级"),
        ("?cursor=garbage!", "翻页参数无效"),
    ],
)
def test_bad_filters_are_chinese_400s(client, outcomes, query, message):
    for path in ("/outcomes/", "/api/v1/outcomes", "/outcomes.csv"):
        if "cursor" in query and path == "/outcomes.csv":
            continue
        response = client.get(path + query)
        assert response.status_code == 400, path
        if path.startswith("/api/"):
            assert message in response.get_json()["error"]["message"]
        else:
            assert message in response.get_data(as_text=True)


def test_tip_offs_are_only_counted(client, outcomes):
    page = client.get("/outcomes/?unit=xinhua&month=2026-03").get_data(as_text=True)
    assert "2026年3月新华区收到举报" in page and 'outcome-tipoffs__count">1<' in page
    assert "举报件不公开内容，仅公布数量" in page
    assert "秘密内容" not in page
    weidong = client.get("/outcomes/?unit=weidong").get_data(as_text=True)
    assert 'outcome-tipoffs__count">0<' in weidong


def test_keyset_pages_in_the_api(client, outcomes):
    first = client.get("/api/v1/outcomes?limit=2").get_json()
    assert len(first["items"]) == 2 and first["next"]
    second = client.get(f"/api/v1/outcomes?limit=2&cursor={first['next']}").get_json()
    assert [item["public_id"] for item in second["items"]] == [outcomes["march"]]
    assert second["next"] is None
    page = client.get("/outcomes/?cursor=" + first["next"]).get_data(as_text=True)
    assert outcomes["march"] in page and "回到第一页" in page
    assert client.get("/api/v1/outcomes?limit=0").status_code == 400


def test_permalink_shows_the_public_fields(client, outcomes):
    page = client.get(f"/outcomes/{outcomes['march']}").get_data(as_text=True)
    for text in (
        "新华区",
        "投诉",
        "执法态度",
        "网站",
        "2026年3月2日",
        "2026年3月10日",
        "按期答复",
        "非常满意",
        "推搡摊主",
        "已批评教育",
    ):
        assert text in page, text
    assert client.get("/outcomes/nonexistent1").status_code == 404
    assert client.get("/outcomes/" + "x" * 40).status_code == 404


def test_corrected_outcome_keeps_its_revisions(client, outcomes):
    public_id = outcomes["praise"]
    page = client.get(f"/outcomes/{public_id}").get_data(as_text=True)
    assert "已更正" in page and "补充了事情经过" in page and "帮助老人回家" in page
    old = client.get(f"/outcomes/{public_id}/revisions/1").get_data(as_text=True)
    assert "此版本已被更正" in old and "帮助老人回家" not in old
    assert client.get(f"/outcomes/{public_id}/revisions/3").status_code == 404
    data = client.get(f"/api/v1/outcomes/{public_id}").get_json()
    assert data["status"] == "corrected" and data["revision"] == 2
    assert [note["revision"] for note in data["revisions"]] == [1, 2]
    assert data["revisions"][1]["reason"] == "补充了事情经过"


def test_withdrawn_outcome_keeps_only_the_notice(client, outcomes):
    public_id = outcomes["gone"]
    page = client.get(f"/outcomes/{public_id}").get_data(as_text=True)
    assert "已撤下" in page and "投诉人申请复核" in page and "推搡摊主" not in page
    data = client.get(f"/api/v1/outcomes/{public_id}").get_json()
    assert data["status"] == "withdrawn" and data["summary"] is None and data["reply"] is None
    assert data["withdrawal"]["reason"] == "投诉人申请复核"
    assert client.get("/api/v1/outcomes/nonexistent1").status_code == 404


def test_csv_follows_the_filters(client, outcomes):
    response = client.get("/outcomes.csv?unit=xinhua")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].endswith('outcomes_unit-xinhua.csv"')
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row["public_id"] for row in rows] == [outcomes["april"], outcomes["march"]]
    assert rows[1]["answered_on_time"] == "是" and rows[1]["rating_label"] == "非常满意"
    assert rows[0]["rating_label"] == "未评价"


def test_openapi_documents_the_outcomes(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert "/outcomes" in document["paths"] and "/outcomes/{public_id}" in document["paths"]
    parameters = {p["name"] for p in document["paths"]["/outcomes"]["get"]["parameters"]}
    assert {"cursor", "limit", "unit", "kind", "month", "rating", "q"} <= parameters
    schema = document["components"]["schemas"]["Outcome"]["properties"]
    assert "tipoff" not in str(schema["kind"])
    assert client.get("/api/v1/").get_json()["endpoints"]["outcomes"].endswith("/api/v1/outcomes")


def test_feed_lists_publications_corrections_and_withdrawals(client, outcomes):
    feed = feedparser.parse(client.get("/feeds/outcomes.atom").data)
    assert not feed.bozo
    links = [entry.link for entry in feed.entries]
    assert len(links) == 4
    notice = next(entry for entry in feed.entries if outcomes["gone"] in entry.link)
    assert notice.title.startswith("【已撤下】")
    assert notice.summary.endswith("撤下原因：投诉人申请复核")
    assert "答复内容" not in notice.content[0].value  # the notice only
    for entry in feed.entries:
        assert entry.id.startswith("urn:uuid:") and entry.updated
    corrected = next(entry for entry in feed.entries if outcomes["praise"] in entry.link)
    assert corrected.title.startswith("【已更正】")
    weidong = feedparser.parse(client.get("/feeds/outcomes.atom?unit=weidong").data)
    assert len(weidong.entries) == 2  # the corrected praise and the withdrawal
    assert "卫东区" in weidong.feed.title


def test_list_links_the_downloads_and_the_feed(client, outcomes):
    page = client.get("/outcomes/?unit=xinhua").get_data(as_text=True)
    assert "/outcomes.csv?unit=xinhua" in page
    assert "/api/v1/outcomes?unit=xinhua" in page
    assert "/feeds/outcomes.atom?unit=xinhua" in page


def test_the_withdrawn_outcome_is_not_in_the_database_list_either(app, outcomes):
    with app.app_context():
        statuses = sorted(db.session.scalars(db.select(ComplaintOutcome.status)).all())
        assert statuses == ["published", "published", "published", "withdrawn"]
