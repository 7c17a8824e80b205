"""Arbitrary Unicode into every public form and every API parameter: nothing is lost, nothing
is a 500 — on PostgreSQL (which refuses NUL) as on SQLite.

Each property test posts what hypothesis draws (NUL and other controls, CR LF, combining marks
in NFD, emoji, private-use and unassigned code points, right-to-left text…) and checks what a
citizen would: either the item is stored and reads back as the normalised text, or the page
answers 4xx (200 for a re-shown form) with a Chinese message and the typed text still in the
form — never a 5xx. The examples are bounded so each test runs in seconds.
"""

import json
import re
from datetime import date
from urllib.parse import quote

import pytest
from flask import request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import select

from portal.complaints.models import Complaint
from portal.core.text_input import normalise_text
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.results.models import EVALUATION_DIMENSIONS, EvaluationAnswer, EvaluationPeriod
from portal.search.operations import rebuild_index
from portal.search.readers import searchers
from tests.complaints.conftest import QUERY_CODE, TRACKING_NO, valid_fields
from tests.results.media_helpers import make_media

#: characters a broken app or an odd keyboard really sends
AWKWARD = [
    "\x00",
    "\x01",
    "\x1b",
    "\x7f",
    "\x85",
    "\r\n",
    "\r",
    "\t",
    "\u200b",
    "\ufeff",
    "\u202e",
    "e\u0301",
    "\u1100\u1161",
    "\U0001f600",
    "\ufffd",
    "\U0010ffff",
    "<script>",
    "'\"&",
    "%00",
    "投诉",
]
TEXT = st.lists(
    st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(AWKWARD)),
    max_size=40,
).map("".join)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
#: what follows an element marked as an error or a notice (the field's message, the summary)
ERROR_MESSAGE = re.compile(r'class="[^"]*(?:error|notice)[^"]*"[^>]*>(.{0,400})', re.DOTALL)

FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def shown(text: str) -> str:
    """How Jinja and WTForms write ``text`` into a page."""
    return str(escape(text))


def assert_chinese_message(page: str) -> None:
    messages = ERROR_MESSAGE.findall(page)
    assert messages and any(CHINESE.search(message) for message in messages), page[-3000:]


@pytest.fixture
def public_data(app):
    """The units, an open questionnaire, a published media response and a built index."""
    with app.app_context():
        load_demo_units(db.session)
        db.session.add(
            EvaluationPeriod(
                name="2026年下半年", opens_on=date(2026, 7, 1), closes_on=date(2099, 12, 31)
            )
        )
        db.session.commit()
        make_media()
    rebuild_index(app)
    yield
    searchers.close()


# --- the complaint form ------------------------------------------------------------------------

#: fields whose typed text comes back in the re-shown form; kind and unit are choices
TEXT_FIELDS = ["location", "description", "request", "contact_name", "occurred_at"]
NUMBER_FIELDS = ["badge", "contact_phone", "contact_email"]
COLUMNS = {
    "location": "location",
    "description": "description",
    "request": "requested_outcome",
    "contact_name": "contact_name",
}


@settings(FUZZ, max_examples=20)
@given(field=st.sampled_from(TEXT_FIELDS + NUMBER_FIELDS + ["kind", "unit"]), text=TEXT)
def test_complaint_form_keeps_or_stores_any_text(app, client, public_data, field, text):
    fields = valid_fields(unit="xinhua")
    if field == "description":
        text = "事情经过如下：" + text  # long enough: the property is about the characters
    fields[field] = text
    response = client.post("/complaints/new", data=fields)
    assert response.status_code < 500
    expected = normalise_text(text).strip()
    if response.status_code == 302:
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        number = TRACKING_NO.search(page).group(1)
        code = QUERY_CODE.search(page).group(1)
        with app.app_context():
            stored = db.session.scalars(
                select(Complaint).where(Complaint.tracking_no == number)
            ).one()
            column = COLUMNS.get(field)
            if column:
                assert getattr(stored, column) == expected
        if field == "description":  # and the citizen reads it back as typed
            opened = client.post("/track", data={"tracking_no": number, "query_code": code})
            assert opened.status_code == 302
            status_page = client.get(opened.headers["Location"]).get_data(as_text=True)
            assert shown(expected) in status_page
        return
    assert 400 <= response.status_code < 500
    page = response.get_data(as_text=True)
    assert_chinese_message(page)
    if field in TEXT_FIELDS:
        assert shown(expected) in page
    # whatever failed, the rest of what was typed is still there
    assert shown(fields["location"] if field != "location" else expected) in page


@settings(FUZZ, max_examples=10)
@given(texts=st.fixed_dictionaries({name: TEXT for name in ["location", "request"]}))
def test_every_text_at_once_with_nul_is_stored_on_both_databases(app, client, public_data, texts):
    description = "路口有人\x00占道经营，" + texts["location"] + "已持续一周。"
    fields = valid_fields(description=description, **texts)
    response = client.post("/complaints/new", data=fields)
    assert response.status_code < 500
    if response.status_code != 302:
        assert_chinese_message(response.get_data(as_text=True))
        return
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    number = TRACKING_NO.search(page).group(1)
    with app.app_context():
        stored = db.session.scalars(select(Complaint).where(Complaint.tracking_no == number)).one()
        assert stored.description == normalise_text(description).strip()
        assert "\x00" not in stored.description


# --- the other public forms --------------------------------------------------------------------


@FUZZ
@given(number=TEXT, code=TEXT)
def test_track_form_never_fails_and_keeps_the_number(client, public_data, number, code):
    response = client.post("/track", data={"tracking_no": number, "query_code": code})
    assert response.status_code in (400, 404, 429)
    page = response.get_data(as_text=True)
    assert CHINESE.search(page)
    assert shown(normalise_text(number).strip()) in page


@pytest.fixture
def opened_complaint(client, public_data):
    """A complaint submitted and opened with its query code in this browser: its number."""
    response = client.post("/complaints/new", data=valid_fields(unit="xinhua"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    number, code = TRACKING_NO.search(page).group(1), QUERY_CODE.search(page).group(1)
    assert (
        client.post("/track", data={"tracking_no": number, "query_code": code}).status_code == 302
    )
    return number


@FUZZ
@given(level=st.one_of(st.sampled_from(["1", "5"]), TEXT), comment=TEXT, reason=TEXT)
def test_rating_and_rehandling_forms_never_fail(client, opened_complaint, level, comment, reason):
    # not answered yet: both are refused (the status page, without the forms), whatever was typed
    rating = client.post(
        f"/track/{opened_complaint}/rating", data={"level": level, "comment": comment}
    )
    assert rating.status_code == 400
    assert opened_complaint in rating.text  # the status page of that complaint
    rehandling = client.post(f"/track/{opened_complaint}/rehandling", data={"reason": reason})
    assert rehandling.status_code == 400


@FUZZ
@given(comment=TEXT, unit=st.one_of(st.just("xinhua"), TEXT))
def test_evaluation_form_stores_or_refuses_any_text(app, client, public_data, comment, unit):
    with app.app_context():
        period_id = db.session.scalars(select(EvaluationPeriod.id)).one()
        before = len(db.session.scalars(select(EvaluationAnswer)).all())
    client.delete_cookie("evaluated", domain="portal.test")
    answers = {"unit": unit, "comment": comment}
    answers.update({name: "4" for name in EVALUATION_DIMENSIONS})
    response = client.post(f"/reviews/evaluation/{period_id}/answer", data=answers)
    assert response.status_code < 500
    with app.app_context():
        rows = db.session.scalars(select(EvaluationAnswer).order_by(EvaluationAnswer.id)).all()
    if response.status_code == 302 and len(rows) > before:
        assert rows[-1].comment == normalise_text(comment).strip()
        return
    if response.status_code != 302:
        page = response.get_data(as_text=True)
        assert_chinese_message(page)
        assert shown(normalise_text(comment)) in page


@FUZZ
@given(username=TEXT, password=TEXT)
def test_back_office_login_form_never_fails(client, public_data, username, password):
    response = client.post("/admin/login", data={"username": username, "password": password})
    assert response.status_code in (200, 400, 429)
    page = response.get_data(as_text=True)
    assert_chinese_message(page)
    assert shown(normalise_text(username)) in page


# --- every public page's and API's parameters --------------------------------------------------

#: every name a public view reads from the query string (grep ``args.get`` in portal/)
QUERY_NAMES = [
    "cursor",
    "unit",
    "status",
    "q",
    "limit",
    "kind",
    "year",
    "format",
    "tracking_no",
    "sort",
    "violation",
    "size",
    "rating",
    "page",
    "month",
    "major",
    "badge",
    "cert",
    "template",
    "next",
]
NOT_PUBLIC = ("/admin", "/static", "/kiosk/static")


def public_get_rules(app) -> list[str]:
    rules = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.rule.startswith(NOT_PUBLIC):
            continue
        rules.append(rule.rule)
    return sorted(rules)


def fill(rule: str, text: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?[a-z_]+>", lambda _m: quote(text, safe="") or "x", rule)


@settings(FUZZ, max_examples=60)
@given(data=st.data())
def test_every_public_page_and_api_parameter_answers_any_text(app, client, public_data, data):
    rule = data.draw(st.sampled_from(public_get_rules(app)), label="rule")
    path = fill(rule, data.draw(TEXT, label="path parameter"))
    names = data.draw(st.lists(st.sampled_from(QUERY_NAMES), max_size=4, unique=True))
    query = {name: data.draw(TEXT, label=name) for name in names}
    response = client.get(path, query_string=query)
    assert response.status_code < 500, (path, query)
    if response.status_code >= 400 and path.startswith("/api/"):
        error = response.get_json()["error"]
        assert CHINESE.search(error["message"])
    elif response.status_code >= 400 and response.is_json:
        # Open311's own shape: [{"code": …, "description": "…"}]
        assert CHINESE.search(response.get_json()[0]["description"])
    elif response.status_code >= 400:
        assert CHINESE.search(response.get_data(as_text=True))


def openapi_parameters(client) -> list[tuple[str, str, str]]:
    document = client.get("/api/v1/openapi.json").get_json()
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method != "get":
                continue
            parameters = [*operations.get("parameters", []), *operation.get("parameters", [])]
            for parameter in parameters:
                if "$ref" in parameter:
                    name = parameter["$ref"].rsplit("/", 1)[-1]
                    parameter = document["components"]["parameters"][name]
                found.append((path, parameter["name"], parameter["in"]))
    return found


@settings(FUZZ, max_examples=60)
@given(data=st.data())
def test_every_documented_api_parameter_answers_any_text(app, client, public_data, data):
    parameters = openapi_parameters(client)
    assert len(parameters) > 10  # the document lists the API's parameters
    path, name, where = data.draw(st.sampled_from(parameters))
    text = data.draw(TEXT)
    if where == "path":
        url, query = path.replace("{" + name + "}", quote(text, safe="") or "x"), {}
    else:
        url, query = re.sub(r"\{[a-z_]+\}", "x", path), {name: text}
    response = client.get(
        "/api/v1" + url if not url.startswith("/api/") else url, query_string=query
    )
    assert response.status_code < 500, (url, query)
    if response.status_code >= 400:
        assert CHINESE.search(response.get_json()["error"]["message"])
    else:
        json.dumps(response.get_json())


def test_json_body_with_a_lone_surrogate_is_refused_in_chinese(app, client):
    @app.post("/api/v1/_echo")
    def _echo():
        return {"value": request.get_json()["value"]}

    ok = client.post("/api/v1/_echo", json={"value": "a\x00b\r\ne\u0301"})
    assert ok.get_json() == {"value": "ab\n\u00e9"}
    refused = client.post(
        "/api/v1/_echo", data='{"value": "\\ud800"}', content_type="application/json"
    )
    assert refused.status_code == 400
    assert "无法识别的字符" in refused.get_json()["error"]["message"]
