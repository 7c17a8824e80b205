"""/calendar and /api/v1/deadlines as a person and a program use them."""

import pytest


@pytest.mark.app_config(TODAY="2026-12-04")
def test_calendar_page_marks_a_computed_year_provisional(client):
    page = client.get("/calendar?year=2027").get_data(as_text=True)
    assert "暂定" in page and 'id="calendar-provisional"' in page
    assert "2027-02-05" in page and "2027-02-10" in page  # 除夕 and the second make-up day
    assert "春节假期（暂按法定假日推算）" in page
    official = client.get("/calendar?year=2026").get_data(as_text=True)
    assert 'id="calendar-provisional"' not in official
    assert "2026-10-10" in official  # a make-up working day (Saturday)


@pytest.mark.app_config(TODAY="2026-12-04")
def test_calculator_explains_each_skipped_day(client):
    response = client.get("/calendar?rule=decision_publication&start=2026-12-24")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "行政处罚决定公示期限：2027-01-05（星期二）" in page
    for day, reason in [
        ("2026-12-26", "星期六"),
        ("2027-01-01", "元旦假期（暂按法定假日推算）"),
        ("2027-01-03", "星期日"),
    ]:
        assert f"<td>{day}</td><td>{reason}</td>" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("rule=complaint_acceptance&start=2027-02-30", "日期 2027-02-30 不存在"),
        ("rule=complaint_acceptance&start=2027/01/01", "格式不对"),
        ("rule=complaint_acceptance&start=", "请填写起算日期"),
        ("rule=nope&start=2027-01-01", "没有名为“nope”的期限规则"),
        ("start=2027-01-01", "请选择要计算的期限"),
        ("rule=withdrawal&start=1899-01-01", "只能计算"),
    ],
)
def test_bad_input_is_a_400_with_a_chinese_message(client, query, message):
    api = client.get(f"/api/v1/deadlines?{query}")
    assert api.status_code == 400
    assert message in api.get_json()["error"]["message"]
    page = client.get(f"/calendar?{query}")
    assert page.status_code == 400
    text = page.get_data(as_text=True)
    assert message in text
    # what was typed stays in the form
    start = query.split("start=")[1] if "start=" in query else ""
    if start:
        assert f'value="{start}"' in text


def test_the_api_answers_every_rule_and_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").get_json()
    rules = document["paths"]["/deadlines"]["get"]["parameters"][0]["schema"]["enum"]
    assert len(rules) == 9
    for rule in rules:
        body = client.get(f"/api/v1/deadlines?rule={rule}&start=2026-12-24").get_json()
        assert body["rule"] == rule and body["start"] == "2026-12-24"
        assert body["due"] > "2026-12-24" and isinstance(body["provisional"], bool)
