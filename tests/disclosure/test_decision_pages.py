"""The public decision pages: list with filters and keyset pages, permalinks that never die."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.core.models import local_today
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.disclosure.decisions.services import (
    correct_decision,
    record_revocation,
    withdraw_decision,
)
from portal.extensions import db
from tests.factories import decision_data

TODAY = local_today()


def public_ids(html: str) -> list[str]:
    return re.findall(r'class="decision-card__title"><a href="/decisions/([a-z0-9]+)"', html)


def test_the_list_shows_published_decisions_only(client, make_decision):
    published = make_decision(doc_no="公示〔2026〕第1号")
    draft = make_decision(doc_no="草稿〔2026〕第2号", publish=False)
    minor = make_decision(doc_no="未成年〔2026〕第3号", publish=False, party_is_minor=True)
    page = client.get("/decisions/").get_data(as_text=True)
    assert public_ids(page) == [published.public_id]
    assert "草稿〔2026〕第2号" not in page and "未成年" not in page
    for hidden in (draft, minor):
        assert client.get(f"/decisions/{hidden.public_id}").status_code == 404
        assert client.get(f"/api/v1/decisions/{hidden.public_id}").status_code == 404


def test_newest_first_and_keyset_pages_cover_everything_once(client, make_decision):
    made = [
        make_decision(doc_no=f"排序〔2026〕第{n}号", decided_on=TODAY - timedelta(days=n // 2))
        for n in range(45)
    ]
    seen, url = [], "/decisions/"
    while url:
        page = client.get(url).get_data(as_text=True)
        seen += public_ids(page)
        match = re.search(r'rel="next" href="([^"]+)"', page)
        url = match[1].replace("&amp;", "&") if match else None
    assert len(seen) == 45 and set(seen) == {d.public_id for d in made}
    with client.application.app_context():
        order = [
            db.session.scalars(
                select(PenaltyDecision.decided_on).where(PenaltyDecision.public_id == pid)
            ).one()
            for pid in seen
        ]
    assert order == sorted(order, reverse=True)
    assert "已到最后一页" in page and "回到第一页" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("unit=weidong", {"weidong-noise"}),
        ("violation=noise", {"weidong-noise", "xinhua-noise-2025"}),
        ("year=2025", {"xinhua-noise-2025"}),
        ("major=1", {"xinhua-major"}),
        ("q=烧烤", {"xinhua-major"}),
        ("unit=xinhua&violation=noise&year=2025", {"xinhua-noise-2025"}),
    ],
)
def test_filters(client, make_decision, query, expected):
    made = {
        "weidong-noise": make_decision("weidong", violation_type="noise"),
        "xinhua-noise-2025": make_decision(
            violation_type="noise", decided_on=TODAY.replace(year=2025, month=6)
        ),
        "xinhua-major": make_decision(
            fine_amount="20000", violation="露天烧烤", legal_reviewed_on=TODAY - timedelta(days=3)
        ),
    }
    page = client.get(f"/decisions/?{query}").get_data(as_text=True)
    assert set(public_ids(page)) == {made[name].public_id for name in expected}


def test_free_text_never_matches_what_is_masked(client, make_decision):
    make_decision(party_name="诸葛孔明", facts="当事人诸葛孔明，手机13812345678，在路口摆摊。")
    for query in ("诸葛孔明", "13812345678", "孔明"):
        assert public_ids(client.get(f"/decisions/?q={query}").get_data(as_text=True)) == []
    assert len(public_ids(client.get("/decisions/?q=诸葛某某").get_data(as_text=True))) == 1


@pytest.mark.parametrize(
    "query",
    ["unit=atlantis", "violation=jaywalking", "year=1999", "year=abc", "cursor=%%%", "cursor=WzFd"],
)
def test_bad_filters_are_a_chinese_400(client, units, query):
    response = client.get(f"/decisions/?{query}")
    assert response.status_code == 400
    assert "请求有误" in response.get_data(as_text=True)
    # the API's document allows any base64url cursor: one that starts no page is a 404 there
    api_status = 404 if query == "cursor=WzFd" else 400
    assert client.get(f"/api/v1/decisions?{query}").get_json()["error"]["status"] == api_status


def test_a_tampered_cursor_is_a_400_not_a_500(client, units):
    for cursor in ('["not-a-date",1]', '["2026-01-01","x"]', '["2026-01-01",true]'):
        import base64

        token = base64.urlsafe_b64encode(cursor.encode()).decode().rstrip("=")
        assert client.get(f"/decisions/?cursor={token}").status_code == 400


def test_detail_page_shows_the_masked_decision(client, make_decision):
    decision = make_decision(party_name="王建国", violation_type="open_air_barbecue")
    page = client.get(f"/decisions/{decision.public_id}").get_data(as_text=True)
    assert "王某某" in page and "王建国" not in page
    assert "露天烧烤" in page and "修订记录" in page and "首次公示" in page


def test_a_correction_keeps_the_old_revision_readable(app, client, make_decision):
    decision = make_decision(penalty="罚款人民币200元", fine_amount="200")
    with app.app_context():
        stored = db.session.get(PenaltyDecision, decision.id)
        data = decision_data(doc_no=stored.doc_no, penalty="罚款人民币300元", fine_amount="300")
        correct_decision(
            db.session,
            CLI_ACTOR,
            stored,
            data,
            "罚款金额与决定书不一致",
            may_review=True,
            today=TODAY,
            settings=current_settings(),
            calendar=working_calendar(),
        )
        db.session.commit()
    current = client.get(f"/decisions/{decision.public_id}").get_data(as_text=True)
    assert "罚款人民币300元" in current and "已更正" in current
    assert "更正原因：罚款金额与决定书不一致" in current
    old = client.get(f"/decisions/{decision.public_id}/revisions/1").get_data(as_text=True)
    assert "罚款人民币200元" in old and "此版本已被更正" in old
    assert client.get(f"/decisions/{decision.public_id}/revisions/3").status_code == 404


def test_a_withdrawn_decision_keeps_its_permalink_with_the_notice(app, client, make_decision):
    decision = make_decision(party_name="李四", penalty="罚款人民币200元")
    with app.app_context():
        stored = db.session.get(PenaltyDecision, decision.id)
        record_revocation(
            db.session,
            CLI_ACTOR,
            stored,
            kind="revoked",
            revoked_on=TODAY,
            reason="复议撤销",
            today=TODAY,
        )
        withdraw_decision(db.session, CLI_ACTOR, stored, "该决定已被行政复议决定撤销")
        db.session.commit()
    response = client.get(f"/decisions/{decision.public_id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "已撤下" in page and "撤下原因：该决定已被行政复议决定撤销" in page
    assert "罚款人民币200元" not in page and "李某某" not in page
    old = client.get(f"/decisions/{decision.public_id}/revisions/1").get_data(as_text=True)
    assert "罚款人民币200元" not in old and "已撤下" in old
    assert public_ids(client.get("/decisions/").get_data(as_text=True)) == []
    api = client.get(f"/api/v1/decisions/{decision.public_id}").get_json()
    assert api["status"] == "withdrawn" and api["facts"] is None and api["party"] is None
    assert api["withdrawal"]["reason"] == "该决定已被行政复议决定撤销"


def test_after_retention_a_decision_leaves_the_lists_but_not_its_permalink(client, make_decision):
    old_person = make_decision(decided_on=TODAY - timedelta(days=365 * 2 + 5))
    old_company = make_decision(
        decided_on=TODAY - timedelta(days=365 * 2 + 5),
        party_type="organisation",
        party_name="平顶山市某建筑有限公司",
    )
    listed = set(public_ids(client.get("/decisions/").get_data(as_text=True)))
    assert listed == {old_company.public_id}
    page = client.get(f"/decisions/{old_person.public_id}").get_data(as_text=True)
    assert "公示期限已于" in page and "公示期满" in page
    assert "当事人" not in page.split("决定内容")[1].split("修订记录")[0]
    assert client.get(f"/api/v1/decisions/{old_person.public_id}").get_json()["status"] == (
        "expired"
    )


@pytest.mark.app_config(DECISION_RETENTION_YEARS_PERSON=5)
def test_retention_is_configurable(client, make_decision):
    old_person = make_decision(decided_on=TODAY - timedelta(days=365 * 3))
    assert public_ids(client.get("/decisions/").get_data(as_text=True)) == [old_person.public_id]


def test_unknown_permalinks_are_404(client, units):
    assert client.get("/decisions/nosuchthing").status_code == 404
    assert client.get("/decisions/" + "x" * 40).status_code == 404


def test_unit_page_lists_documents_roster_and_latest_decisions(
    client, make_decision, make_document
):
    make_document(kind="legal_basis", title="新华区执法依据", body="<p>《行政处罚法》</p>")
    make_document(kind="procedure", title="未发布的流程", publish=False)
    decision = make_decision()
    page = client.get("/disclosure/units/xinhua").get_data(as_text=True)
    assert "新华区执法依据" in page and "未发布的流程" not in page
    assert 'href="/officers/?unit=xinhua"' in page
    assert decision.public_id in page
    assert "本单位尚未公示权责清单" in page
