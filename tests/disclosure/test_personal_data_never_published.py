"""A decision whose texts hold every kind of personal data is published, corrected and read
through every public output: the page, its revisions, the feed, CSV, JSON and the API. None of
the personal data appears; the masked forms do."""

import json
import re

import pytest
from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.core.models import local_today
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.disclosure.decisions.services import correct_decision
from portal.extensions import db
from portal.search.models import SearchOutboxEntry
from tests.factories import decision_data

PARTY = "司马建国"
WITNESS = "欧阳晓梅"
RELATIVE = "赵铁柱"
#: kind → (as written in the case file, a piece of it that must never be public)
PERSONAL_DATA = {
    "party name": (PARTY, PARTY),
    "witness name": (WITNESS, WITNESS),
    "relative name (labelled)": (f"监护人：{RELATIVE}，", RELATIVE),
    "18-digit ID with X": ("身份证号41040219800101123X", "19800101123X"),
    "15-digit ID": ("旧证410402800101123", "410402800101123"),
    "mobile with +86 and dashes": ("+86-139-3751-2468", "3751-2468"),
    "mobile plain": ("13812345678", "12345678"),
    "landline": ("家中电话0375-2681234", "2681234"),
    "bank card (Luhn)": ("6222021234567890128", "1234567890128"),
    "account number": ("账号：62170012345678", "0012345678"),
    "e-mail": ("sima.jianguo@example.com", "sima.jianguo"),
    "home address": ("家住新华区建设路中段12号院3号楼2单元501室", "12号院3号楼2单元501室"),
    "licence plate": ("驾驶豫D·A1234三轮车", "A1234"),
    "health": ("当事人称其患有抑郁症", "抑郁症"),
}
MASKED_FORMS = ["司马某某", "欧阳某某", "赵某某", "410402********123X", "139****2468"]


def _facts() -> str:
    return "。".join(written for written, _ in PERSONAL_DATA.values()) + "。"


@pytest.fixture
def published(app, make_decision):
    """The decision, published, then corrected (so two revisions are public)."""
    decision = make_decision(
        party_name=PARTY,
        related_names=f"{WITNESS}\n{RELATIVE}",
        facts=_facts(),
        violation=f"{PARTY}驾驶豫D·A1234三轮车占道经营",
        penalty=f"罚款人民币500元，缴入账号：62170012345678（{PARTY}）",
        fine_amount="500",
    )
    with app.app_context():
        stored = db.session.get(PenaltyDecision, decision.id)
        data = decision_data(
            doc_no=stored.doc_no,
            party_name=PARTY,
            related_names=stored.related_names,
            facts=_facts() + f"补充：{WITNESS}的手机13912345678。",
            violation=stored.violation,
            penalty=stored.penalty,
            fine_amount="500",
        )
        correct_decision(
            db.session,
            CLI_ACTOR,
            stored,
            data,
            f"补充{WITNESS}的证言（电话13912345678）",
            may_review=True,
            today=local_today(),
            settings=current_settings(),
            calendar=working_calendar(),
        )
        db.session.commit()
    return decision


def public_outputs(client, public_id: str) -> dict[str, str]:
    urls = {
        "page": f"/decisions/{public_id}",
        "revision 1": f"/decisions/{public_id}/revisions/1",
        "revision 2": f"/decisions/{public_id}/revisions/2",
        "list": "/decisions/",
        "unit page": "/disclosure/units/xinhua",
        "disclosure index": "/disclosure/",
        "feed": "/feeds/decisions.atom",
        "unit feed": "/feeds/decisions.atom?unit=xinhua",
        "csv": "/decisions.csv",
        "json": "/decisions.json",
        "api list": "/api/v1/decisions",
        "api detail": f"/api/v1/decisions/{public_id}",
    }
    texts = {}
    for name, url in urls.items():
        response = client.get(url)
        text = response.get_data(as_text=True)  # read now: downloads stream
        assert response.status_code == 200, name
        if response.is_json:  # read the JSON unescaped too
            text += json.dumps(response.get_json(), ensure_ascii=False)
        texts[name] = text
    return texts


def test_no_personal_data_in_any_public_output(app, client, published):
    with app.app_context():  # the working copy does hold all of it
        stored = db.session.get(PenaltyDecision, published.id)
        assert all(written in stored.facts for written, _ in PERSONAL_DATA.values())
    outputs = public_outputs(client, published.public_id)
    for output, text in outputs.items():
        compact = re.sub(r"[\s\-·]", "", text)
        for kind, (_written, secret) in PERSONAL_DATA.items():
            assert secret not in text, f"{kind} leaks into the {output}"
            assert re.sub(r"[\s\-·]", "", secret) not in compact, f"{kind} in the {output}"
        assert "13912345678" not in text, output
    for output in ("page", "revision 1", "revision 2", "feed", "csv", "json", "api detail"):
        for masked in MASKED_FORMS[:4]:
            assert masked in outputs[output], (masked, output)
    assert "【健康信息已隐去】" in outputs["page"]
    assert "139****5678" in outputs["page"]  # the witness's phone added by the correction


def test_the_search_outbox_names_the_decision_not_its_content(app, published):
    with app.app_context():
        rows = db.session.scalars(select(SearchOutboxEntry)).all()
    assert {(row.kind, row.object_id) for row in rows} == {("decision", str(published.id))}
    assert len(rows) == 2  # published, corrected
