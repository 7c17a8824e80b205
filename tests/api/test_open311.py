"""Open311 GeoReport v2 through gunicorn, read with the `georeport` client (JSON and XML) and
plain HTTP, every JSON answer validated against the spec's schemas (tests/api/georeport_schemas).
"""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import jsonschema
import pytest
import requests
from georeport import GeoReport
from sqlalchemy import text

from tests.api import georeport_schemas as schemas

ROOT = "/open311/v2"


def get(api_server, path: str, **params):
    return requests.get(f"{api_server.url}{ROOT}/{path}", params=params, timeout=10)


def post(api_server, fmt: str = "json", **kwargs):
    return requests.post(f"{api_server.url}{ROOT}/requests.{fmt}", timeout=10, **kwargs)


def assert_error(response, status: int, fmt: str = "json") -> str:
    assert response.status_code == status, response.text
    if fmt == "json":
        assert response.headers["Content-Type"].startswith("application/json")
        body = response.json()
        jsonschema.validate(body, schemas.ERRORS)
        assert body[0]["code"] == status
        return body[0]["description"]
    assert response.headers["Content-Type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "errors"
    error = root.find("error")
    assert error.findtext("code") == str(status)
    assert error.findtext("description")
    return error.findtext("description")


@pytest.fixture(scope="module")
def cases(api_server):
    """Tracking numbers from the demo: a recent tip-off, an unpublished complaint, a complaint
    whose outcome is published (with its masked summary and reply), all in the last 90 days."""
    since = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=80)
    engine = api_server.engine()
    with engine.connect() as connection:
        tipoff = connection.scalar(
            text("SELECT tracking_no FROM complaint WHERE kind = 'tipoff' AND submitted_at > :s"),
            {"s": since},
        )
        published = connection.execute(
            text(
                "SELECT c.tracking_no, r.summary, r.reply FROM complaint c"
                " JOIN complaint_outcome o ON o.complaint_id = c.id"
                " JOIN complaint_outcome_revision r ON r.outcome_id = o.id"
                "  AND r.revision_no = o.revision_count"
                " WHERE o.status = 'published' ORDER BY c.submitted_at DESC"
            )
        ).first()
        unpublished = connection.execute(
            text(
                "SELECT tracking_no, description FROM complaint c WHERE kind = 'complaint'"
                " AND submitted_at > :s AND NOT EXISTS"
                " (SELECT 1 FROM complaint_outcome o WHERE o.complaint_id = c.id)"
            ),
            {"s": since},
        ).first()
    engine.dispose()
    assert tipoff and published and unpublished
    return {"tipoff": tipoff, "published": published, "unpublished": unpublished}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_real_client_reads_services_definitions_and_requests(api_server, cases, fmt):
    client = GeoReport(f"{api_server.url}{ROOT}", jurisdiction="pds.gov.cn", output_format=fmt)
    services = client.get_service_list()
    codes = {service["service_code"] for service in services}
    assert {"complaint-conduct", "suggestion-other", "tipoff-street_vending"} <= codes
    conduct = next(s for s in services if s["service_code"] == "complaint-conduct")
    assert conduct["group"] == "投诉" and conduct["service_name"] == "投诉：执法态度"
    definition = client.get_service_definition("complaint-conduct")
    attributes = definition["attributes"]
    if fmt == "xml":
        attributes = attributes["attribute"]
    assert {attribute["code"] for attribute in attributes} >= {"unit", "badge"}
    listed = client.get_service_requests()
    numbers = {item["service_request_id"] for item in listed}
    assert cases["unpublished"][0] in numbers
    assert cases["tipoff"] not in numbers
    one = client.get_service_request(cases["published"][0])
    assert one["service_request_id"] == cases["published"][0]
    assert one["description"] == cases["published"][1]
    assert one["status_notes"] == cases["published"][2]


def test_every_json_answer_has_the_spec_shape(api_server, cases):
    jsonschema.validate(get(api_server, "discovery.json").json(), schemas.DISCOVERY)
    jsonschema.validate(get(api_server, "services.json").json(), schemas.SERVICES)
    jsonschema.validate(
        get(api_server, "services/complaint-conduct.json").json(), schemas.SERVICE_DEFINITION
    )
    listed = get(api_server, "requests.json").json()
    jsonschema.validate(listed, schemas.SERVICE_REQUESTS)
    assert len(listed) > 10
    for item in listed:
        for coordinate in (item["lat"], item["long"]):
            assert coordinate is None or round(coordinate, 3) == coordinate
    closed = get(api_server, "requests.json", status="closed").json()
    assert closed and {item["status"] for item in closed} == {"closed"}
    open_ = get(api_server, "requests.json", status="open").json()
    assert open_ and {item["status"] for item in open_} == {"open"}
    assert all(item["expected_datetime"] for item in open_ if item["service_notice"] != "已答复")
    token = get(api_server, f"tokens/{cases['unpublished'][0]}.json").json()
    jsonschema.validate(token, schemas.TOKEN)


def test_xml_answers_follow_the_spec_elements(api_server, cases):
    root = ET.fromstring(get(api_server, "services.xml").content)
    assert root.tag == "services" and root.find("service/service_code") is not None
    root = ET.fromstring(get(api_server, "discovery.xml").content)
    assert root.find("endpoints/endpoint/formats/format").text == "text/xml"
    root = ET.fromstring(get(api_server, f"requests/{cases['unpublished'][0]}.xml").content)
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == cases["unpublished"][0]
    root = ET.fromstring(get(api_server, f"tokens/{cases['unpublished'][0]}.xml").content)
    assert root.find("request/token").text == cases["unpublished"][0]


def test_a_tipoff_never_appears_and_an_unpublished_case_has_no_description(api_server, cases):
    tipoff = cases["tipoff"]
    for fmt in ("json", "xml"):
        assert_error(get(api_server, f"requests/{tipoff}.{fmt}"), 404, fmt)
        assert_error(get(api_server, f"tokens/{tipoff}.{fmt}"), 404, fmt)
    by_id = get(api_server, "requests.json", service_request_id=tipoff).json()
    assert by_id == []
    for code in ("tipoff-street_vending", "tipoff-other"):
        assert get(api_server, "requests.json", service_code=code).json() == []
    number, description = cases["unpublished"]
    item = get(api_server, f"requests/{number}.json").json()[0]
    assert item["description"] is None and item["status_notes"] is None
    xml_item = ET.fromstring(get(api_server, f"requests/{number}.xml").content).find("request")
    assert not xml_item.findtext("description") and not xml_item.findtext("status_notes")
    everything = get(api_server, "requests.json").text + get(api_server, "requests.xml").text
    assert description not in everything
    assert tipoff not in everything


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        (
            "requests",
            {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
            400,
        ),
        ("requests", {"start_date": "0001-01-01T00:00:00Z"}, 400),
        ("requests", {"end_date": "不是日期"}, 400),
        ("requests", {"status": "pending"}, 400),
        ("requests", {"service_code": "no-such-service"}, 400),
        ("requests", {"jurisdiction_id": "elsewhere.example"}, 404),
        ("services/no-such-service", {}, 404),
        ("requests/0000000000000000", {}, 404),
        ("no-such-route", {}, 404),
    ],
)
def test_bad_input_gets_the_spec_error(api_server, fmt, path, params, status):
    assert_error(get(api_server, f"{path}.{fmt}", **params), status, fmt)


def _report(key: str, **overrides) -> dict:
    return {
        "api_key": key,
        "jurisdiction_id": "pds.gov.cn",
        "service_code": "complaint-conduct",
        "lat": "33.7453612",
        "long": "113.3001234",
        "address_string": "新华区中兴路128号3单元",
        "description": "执法人员在中兴路收缴摊贩物品时态度粗暴，没有出示执法证。",
        "first_name": "明",
        "last_name": "王",
        "phone": "13812345678",
        "email": "wang@example.com",
        "attribute[unit]": "xinhua",
        "attribute[badge]": "100231",
        **overrides,
    }


def test_post_with_a_good_key_goes_through_the_intake(api_server, open311_keys):
    good, _revoked = open311_keys
    response = post(api_server, data=_report(good))
    assert response.status_code == 200, response.text
    body = response.json()
    jsonschema.validate(body, schemas.POST_RESPONSE)
    number, code = body[0]["service_request_id"], body[0]["query_code"]
    assert len(number) == 16 and len(code) == 6
    engine = api_server.engine()
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT kind, channel, service_category, latitude, longitude, contact_name,"
                " handling_unit_id IS NOT NULL AS routed, due_on, open311_key_id"
                " FROM complaint WHERE tracking_no = :n"
            ),
            {"n": number},
        ).one()
        audit = connection.execute(
            text(
                "SELECT actor_label FROM audit_entry WHERE action = 'complaint.submit'"
                " AND object_id = :n"
            ),
            {"n": number},
        ).scalar_one()
        key_audit = connection.scalar(
            text("SELECT count(*) FROM audit_entry WHERE action LIKE 'open311_key.%'")
        )
    engine.dispose()
    assert (row.kind, row.channel, row.service_category) == ("complaint", "open311", "conduct")
    assert (row.latitude, row.longitude) == (33.7453612, 113.3001234)  # full precision, staff
    assert row.contact_name == "王明" and row.routed and row.due_on is not None
    assert audit == "open311:test-hotline"
    assert key_audit == 3  # two created, one revoked
    public = get(api_server, f"requests/{number}.json").json()[0]
    assert (public["lat"], public["long"]) == (33.745, 113.3)
    assert public["address"] == "新华区中兴路"
    assert public["description"] is None and public["expected_datetime"]
    assert code not in get(api_server, f"requests/{number}.json").text
    # the query code opens the status page, as for the web form
    browser = requests.Session()
    form = browser.get(f"{api_server.url}/track", timeout=10).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    page = browser.post(
        f"{api_server.url}/track",
        data={"csrf_token": token, "tracking_no": number, "query_code": code},
        timeout=10,
    )
    assert page.status_code == 200 and "已提交" in page.text


def test_post_in_xml_and_json_bodies(api_server, open311_keys):
    good, _revoked = open311_keys
    response = post(api_server, "xml", data=_report(good, service_code="suggestion-other"))
    root = ET.fromstring(response.content)
    assert root.find("request/service_request_id").text.isdigit()
    report = _report(good, service_code="tipoff-street_vending")
    for name in ("first_name", "last_name", "phone", "email"):
        report.pop(name)
    report["attribute"] = {"unit": report.pop("attribute[unit]")}
    response = post(api_server, json=report)
    assert response.status_code == 200, response.text
    number = response.json()[0]["service_request_id"]
    # an anonymous tip-off is taken, and then never shown
    assert_error(get(api_server, f"requests/{number}.json"), 404)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_without_a_working_key_is_refused(api_server, open311_keys, fmt):
    _good, revoked = open311_keys
    assert "api_key" in assert_error(post(api_server, fmt, data=_report(revoked)), 403, fmt)
    missing = _report("")
    missing.pop("api_key")
    assert_error(post(api_server, fmt, data=missing), 403, fmt)
    assert_error(post(api_server, fmt, data=_report("made-up-key")), 403, fmt)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"data": {"service_code": "no-such"}}, "service_code"),
        ({"data": {"description": "x" * 1_000_000}}, "过大"),
        ({"data": {"description": "短"}}, "10至4000字"),
        ({"data": {"address_string": "", "lat": "", "long": ""}}, "address_string"),
        ({"data": {"lat": "95", "long": "113.3"}}, "定位"),
        ({"data": {"phone": "", "first_name": "", "last_name": ""}}, "phone"),
        ({"data": {"jurisdiction_id": "elsewhere"}}, "jurisdiction_id"),
        ({"json_body": "{not json"}, "JSON"),
        ({"xml_body": "<service_request><unclosed>"}, "XML"),
    ],
)
def test_bad_posts_get_the_spec_error(api_server, open311_keys, kwargs, expected):
    good, _revoked = open311_keys
    if "json_body" in kwargs:
        response = post(
            api_server,
            data=kwargs["json_body"].encode(),
            headers={"Content-Type": "application/json"},
        )
        status = 400
    elif "xml_body" in kwargs:
        response = post(
            api_server, data=kwargs["xml_body"].encode(), headers={"Content-Type": "text/xml"}
        )
        status = 400
    else:
        response = post(api_server, data=_report(good, **kwargs["data"]))
        status = 404 if "jurisdiction_id" in kwargs["data"] else 400
    assert expected in assert_error(response, status)
