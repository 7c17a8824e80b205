"""The leaks of issue 13, end to end: a decision naming third parties and giving phones in
spaced and Chinese-numeral spellings is published; no public output holds any of it. Then
``masking rescan`` finds an item published under older masking and corrects it everywhere."""

import json
import re

from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR
from portal.disclosure.decisions.models import DecisionRevision, PenaltyDecision
from portal.disclosure.decisions.services import publish_decision
from portal.extensions import db
from portal.org.models import Unit
from tests.factories import add_decision

FACTS = (
    "证人李明称，当事人在建设路中段占道经营，其妻王秀英与邻居刘德华当时在场。"
    "当事人座机0375 296 1234，手机一三八三七五一二三四五。"
)
LEAKS = ["李明", "王秀英", "刘德华", "296 1234", "2961234", "一三八三七五一二三四五", "37512345"]
MASKED = ["证人李某称", "其妻王某某", "邻居刘某某", "0375 ***1234", "138****2345"]


def _unit() -> Unit:
    return db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()


def _outputs(client, public_id: str, revisions: int = 1) -> dict[str, str]:
    urls = {
        "page": f"/decisions/{public_id}",
        "feed": "/feeds/decisions.atom",
        "csv": "/decisions.csv",
        "json": "/decisions.json",
        "api list": "/api/v1/decisions",
        "api detail": f"/api/v1/decisions/{public_id}",
        **{
            f"revision {n}": f"/decisions/{public_id}/revisions/{n}"
            for n in range(1, revisions + 1)
        },
    }
    texts = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = response.get_data(as_text=True)
        if response.is_json:
            text += json.dumps(response.get_json(), ensure_ascii=False)
        texts[name] = text
    return texts


def _assert_clean(texts: dict[str, str]) -> None:
    for output, text in texts.items():
        for leak in LEAKS:
            assert leak not in text, f"{leak} in the {output}"
            assert leak not in re.sub(r"\s", "", text) or " " in leak, f"{leak} in the {output}"


def test_every_leak_is_masked_in_page_feed_csv_json_api_and_search(
    app, client, demo_units, search_index, search
):
    with app.app_context():
        decision = add_decision(_unit(), party_name="张建国", related_names="", facts=FACTS)
        publish_decision(db.session, CLI_ACTOR, decision, may_review=True)
        db.session.commit()
        public_id = decision.public_id
    search_index.sync()
    texts = _outputs(client, public_id)
    _assert_clean(texts)
    for output in ("page", "feed", "csv", "json", "api detail"):
        for masked in MASKED:
            assert masked in texts[output], (masked, output)
    page = search("占道经营")
    assert any(public_id in href for href in page.hrefs)
    assert "王某某" in page.text()
    for leak in ("李明", "王秀英", "刘德华", "2961234", "13837512345"):
        # a name's surname may still find it (王某某); no title or snippet shows the name
        for hit in search(leak).hits:
            shown = re.sub(r"<[^>]+>", "", hit["title"] + (hit["snippet"] or ""))
            assert leak not in shown, leak
    for number in ("2961234", "13837512345"):  # (the kept area code and tail may match)
        assert not any(public_id in href for href in search(number).hrefs), number


def test_rescan_lists_then_corrects_an_item_published_under_older_masking(
    app, client, demo_units, search_index, search, runner
):
    with app.app_context():
        decision = add_decision(_unit(), party_name="张建国", related_names="", facts="在场。")
        publish_decision(db.session, CLI_ACTOR, decision, may_review=True)
        # as the masking of last month published it: the names and numbers went out as written
        revision = db.session.scalars(
            select(DecisionRevision).where(DecisionRevision.decision_id == decision.id)
        ).one()
        revision.facts = FACTS
        db.session.commit()
        decision_id, public_id = decision.id, decision.public_id
    search_index.rebuild()
    # the index masks again on the way in: even then, the stale revision was never indexed raw
    assert not any(public_id in href for href in search("2961234").hrefs)

    listed = runner.invoke(args=["masking", "rescan"])
    assert listed.exit_code == 0, listed.output
    assert "行政处罚决定" in listed.output and f"/decisions/{public_id}" in listed.output
    assert "姓名 李某" in listed.output and "电话 138****2345" in listed.output
    assert not any(leak in listed.output for leak in LEAKS)  # what changes, never the text
    assert "1 of 1 published items would change" in listed.output
    with app.app_context():  # listing changes nothing
        assert db.session.get(PenaltyDecision, decision_id).revision_count == 1

    applied = runner.invoke(args=["masking", "rescan", "--apply"])
    assert applied.exit_code == 0, applied.output
    with app.app_context():
        decision = db.session.get(PenaltyDecision, decision_id)
        assert decision.revision_count == 2
        revisions = db.session.scalars(
            select(DecisionRevision)
            .where(DecisionRevision.decision_id == decision_id)
            .order_by(DecisionRevision.revision_no)
        ).all()
        assert revisions[1].reason == "补充脱敏处理"
        assert all("王某某" in revision.facts for revision in revisions)
        actions = db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.object_id == str(decision_id))
        ).all()
        assert "decision.remask" in actions and "decision.correct" in actions
    search_index.sync()
    texts = _outputs(client, public_id, revisions=2)
    _assert_clean(texts)
    assert "补充脱敏处理" in texts["page"]
    for leak in ("刘德华", "王秀英", "2961234"):
        for hit in search(leak).hits:
            assert leak not in re.sub(r"<[^>]+>", "", hit["title"] + (hit["snippet"] or ""))
    assert not any(public_id in href for href in search("2961234").hrefs)
    again = runner.invoke(args=["masking", "rescan"])
    assert "0 of 1 published items would change" in again.output
