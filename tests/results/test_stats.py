"""/stats/: figures checked against a hand-computed fixture in the page, the CSV and the API.

The fixture (year 2025, all times naive UTC; local = UTC+8):

unit alpha
  A1 submitted 2024-12-31 17:00 (local 1 Jan 2025), accepted 1-2, answered 2025-01-11 17:00
     on time (11.0 days), rated 5 on 1-12, closed 1-12
  A2 submitted 2025-03-01 00:00, accepted 3-2, answered 2025-03-31 17:00 = local 1 April
     (30 d 17 h = 30.7083 days) on time; first rating 2 (差评, named) 4-2, called back 4-3
     (phone rating 3 — not the first rating, so not counted as satisfied)
  A3 submitted 2025-04-10, accepted 4-11, answered 2025-07-01 LATE (82 days: 21 + 31 + 30),
     rated 1 (差评, named) 7-2, never called back
  A4 submitted 2025-05-05, rejected 5-6
  A5 tip-off submitted 2025-06-01, accepted 6-2, in progress, due 2025-08-01 → overdue now
unit beta
  B1 submitted 2025-01-10, accepted 1-11, answered 1-21 (11.0 days) on time, rated 4, closed 1-22
  B2 submitted 2025-02-01, accepted 2-2, answered 2-28 12:00 (27.5 days) on time, rated 2
     by an anonymous person (差评 nobody can call back), closed 3-31
  B3 submitted 2025-12-31 17:00 = local 1 Jan 2026 → a 2026 case (overdue now, in 2026)
  B4 submitted 2025-11-01, accepted 11-2, answered 2025-12-31 16:30 = local 2026-01-01 00:30
no unit
  N1 tip-off submitted 2025-08-08, waiting for acceptance, due 2025-08-20 → overdue now

2025, city: received 9 (A1-A5, B1, B2, B4, N1); accepted 7 (A1, A2, A3, A5, B1, B2, B4);
rejected 1; closed 3 (A1, B1, B2); overdue now 3 (A5, N1 and B3: 当前超期 counts open cases of
any year, so B3 of 2026 counts in every year's figures); answered 5 (A1-A3, B1, B2),
on time 4 → 80.0 %; average (11 + 30.7083 + 82 + 11 + 27.5) / 5 = 162.2083 / 5 = 32.4 days;
rated 5 (first ratings 5, 2, 1, 4, 2): satisfied 2 → 40.0 %, 差评 3 → 60.0 %, callback due 2
(A2, A3; B2 is anonymous), called back 1 → 50.0 %; decisions published 3, on time 2 → 66.7 %.
alpha: received 5, answered 3, on time 2 → 66.7 %, average 123.7083 / 3 = 41.2 days,
satisfaction 1/3 → 33.3 %, 差评 2 → 66.7 %, callback 1/2 → 50.0 %, decisions 2, on time 1 → 50.0 %.
beta: received 3 (B1, B2, B4), on time 2/2 → 100.0 %, satisfaction 1/2 → 50.0 %, callback "—".
"""

import csv
import io
import itertools
import re
from datetime import date, datetime

import pytest
from sqlalchemy import select

from portal.complaints.demo import (
    DEMO_CONTACT_EMAIL_DOMAIN,
    DEMO_CONTACT_NAME_PREFIX,
    DEMO_CONTACT_PHONE_PREFIX,
    load_demo_complaints,
)
from portal.complaints.models import Complaint, ComplaintEvent, ComplaintRating
from portal.core.models import local_today
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.org.models import Unit
from portal.results.stats import annual, views
from portal.results.stats.tables import TABLES
from portal.staff import views as staff_views
from tests.factories import add_decision

_numbers = itertools.count(1)


def _complaint(unit_id, submitted_at, **fields) -> Complaint:
    number = next(_numbers)
    complaint = Complaint(
        tracking_no=f"2025000000{number:06d}",
        query_code_hash="x",
        kind=fields.pop("kind", "complaint"),
        channel="web",
        handling_unit_id=unit_id,
        subject_unit_id=unit_id,
        description="测试",
        submitted_at=submitted_at,
        contact_name=fields.pop("contact_name", "测试人"),
        contact_phone=fields.pop("contact_phone", "13800000000"),
        **fields,
    )
    db.session.add(complaint)
    return complaint


def _rate(complaint, level, at, source="web"):
    db.session.add(ComplaintRating(complaint=complaint, level=level, rated_at=at, source=source))


@pytest.fixture
def fixture(app, create_unit):
    create_unit("alpha", name="甲区城市管理执法局", short_name="甲区")
    create_unit("beta", name="乙区城市管理执法局", short_name="乙区")
    with app.app_context():
        alpha, beta = (
            db.session.scalars(select(Unit).where(Unit.code == code)).one()
            for code in ("alpha", "beta")
        )
        a, b = alpha.id, beta.id
        a1 = _complaint(
            a,
            datetime(2024, 12, 31, 17),
            state="closed",
            accepted_at=datetime(2025, 1, 2, 2),
            answered_at=datetime(2025, 1, 11, 17),
            answered_on_time=True,
            closed_at=datetime(2025, 1, 12),
        )
        _rate(a1, 5, datetime(2025, 1, 12))
        a2 = _complaint(
            a,
            datetime(2025, 3, 1),
            state="answered",
            accepted_at=datetime(2025, 3, 2),
            answered_at=datetime(2025, 3, 31, 17),
            answered_on_time=True,
        )
        _rate(a2, 2, datetime(2025, 4, 2))
        _rate(a2, 3, datetime(2025, 4, 3), source="phone")
        db.session.add(
            ComplaintEvent(
                complaint=a2, at=datetime(2025, 4, 3), action="followed_up", state_after="answered"
            )
        )
        a3 = _complaint(
            a,
            datetime(2025, 4, 10),
            state="answered",
            accepted_at=datetime(2025, 4, 11),
            answered_at=datetime(2025, 7, 1),
            answered_on_time=False,
            follow_up_due=True,
        )
        _rate(a3, 1, datetime(2025, 7, 2))
        _complaint(a, datetime(2025, 5, 5), state="rejected", rejected_at=datetime(2025, 5, 6))
        _complaint(
            a,
            datetime(2025, 6, 1),
            kind="tipoff",
            state="in_progress",
            accepted_at=datetime(2025, 6, 2),
            due_on=date(2025, 8, 1),
        )
        b1 = _complaint(
            b,
            datetime(2025, 1, 10),
            state="closed",
            accepted_at=datetime(2025, 1, 11),
            answered_at=datetime(2025, 1, 21),
            answered_on_time=True,
            closed_at=datetime(2025, 1, 22),
        )
        _rate(b1, 4, datetime(2025, 1, 22))
        b2 = _complaint(
            b,
            datetime(2025, 2, 1),
            state="closed",
            accepted_at=datetime(2025, 2, 2),
            answered_at=datetime(2025, 2, 28, 12),
            answered_on_time=True,
            closed_at=datetime(2025, 3, 31),
            is_anonymous=True,
            contact_name="",
            contact_phone="",
        )
        _rate(b2, 2, datetime(2025, 3, 1))
        _complaint(
            b,
            datetime(2025, 12, 31, 17),
            state="accepted",
            due_on=date(2026, 1, 20),
            accepted_at=datetime(2026, 1, 2),
        )
        _complaint(
            b,
            datetime(2025, 11, 1),
            state="answered",
            accepted_at=datetime(2025, 11, 2),
            answered_at=datetime(2025, 12, 31, 16, 30),
            answered_on_time=True,
        )
        _complaint(None, datetime(2025, 8, 8), kind="tipoff", due_on=date(2025, 8, 20))
        for unit, published_at, due_on in (
            (alpha, datetime(2025, 3, 10, 2), date(2025, 3, 10)),
            (alpha, datetime(2025, 3, 10, 17), date(2025, 3, 10)),  # local 11 March: late
            (beta, datetime(2025, 6, 1), date(2025, 6, 5)),
        ):
            decision = add_decision(unit)
            decision.status = "published"
            decision.first_published_at = published_at
            decision.publication_due_on = due_on
        add_decision(beta)  # a draft: not counted
        db.session.commit()


CITY = {
    "received": 9,
    "accepted": 7,
    "rejected": 1,
    "closed": 3,
    "overdue_now": 3,
    "answered": 5,
    "answered_on_time": 4,
    "on_time_rate": 80.0,
    "average_days_to_answer": 32.4,
    "rated": 5,
    "satisfied": 2,
    "satisfaction_rate": 40.0,
    "dissatisfied": 3,
    "dissatisfied_share": 60.0,
    "callback_due": 2,
    "called_back": 1,
    "callback_rate": 50.0,
    "decisions_published": 3,
    "decisions_published_on_time": 2,
    "publication_on_time_rate": 66.7,
}
ALPHA = {
    "received": 5,
    "answered": 3,
    "on_time_rate": 66.7,
    "average_days_to_answer": 41.2,
    "satisfaction_rate": 33.3,
    "dissatisfied": 2,
    "dissatisfied_share": 66.7,
    "callback_rate": 50.0,
    "decisions_published": 2,
    "publication_on_time_rate": 50.0,
}
BETA = {
    "received": 3,
    "on_time_rate": 100.0,
    "satisfaction_rate": 50.0,
    "callback_due": 0,
    "callback_rate": None,
    "decisions_published": 1,
    "publication_on_time_rate": 100.0,
}


def test_api_gives_the_hand_computed_figures(client, fixture):
    data = client.get("/api/v1/stats?year=2025").get_json()
    assert data["year"] == 2025 and data["unit"] is None
    assert {key: data["total"][key] for key in CITY} == CITY
    units = {row["unit"]["code"]: row for row in data["units"]}
    assert {key: units["alpha"][key] for key in ALPHA} == ALPHA
    assert {key: units["beta"][key] for key in BETA} == BETA
    assert units[None]["unit"]["name"] == "综合监督科（未分派）"
    assert units[None]["received"] == 1 and units[None]["overdue_now"] == 1
    months = {row["month"]: row for row in data["months"]}
    assert len(months) == 12
    # A1 (local 1 January) and B1; the B3 of local 1 January 2026 is not in 2025
    assert months["2025-01"]["received"] == 2
    assert months["2025-01"]["on_time_rate"] == 100.0
    # A2 answered 31 March 17:00 UTC = 1 April local
    assert months["2025-03"]["answered"] == 0
    assert months["2025-04"]["answered"] == 1
    assert months["2025-04"]["dissatisfied"] == 1
    assert months["2025-07"]["on_time_rate"] == 0.0
    assert months["2025-03"]["decisions_published"] == 2
    assert months["2025-03"]["publication_on_time_rate"] == 50.0
    assert months["2025-09"]["received"] == 0 and months["2025-09"]["on_time_rate"] is None
    # nothing personal: counts only
    assert "测试人" not in str(data) and "13800000000" not in str(data)


def test_next_year_gets_the_cases_across_the_new_year(client, fixture):
    data = client.get("/api/v1/stats?year=2026&unit=beta").get_json()
    assert data["unit"] == {"code": "beta", "name": "乙区城市管理执法局"}
    assert data["total"]["received"] == 1  # B3
    assert data["total"]["answered"] == 1  # B4
    assert data["months"][0]["received"] == 1 and data["months"][0]["answered"] == 1
    assert len(data["units"]) == 1


def _figure(page: str, name: str) -> str:
    match = re.search(rf'<dd data-figure="{name}">([^<]*)<', page)
    assert match, name
    return match.group(1)


def _row(page: str, caption: str, label: str) -> dict:
    """The cells of one row of the table with ``caption`` (column → text)."""
    table = page[page.index(caption) :]
    table = table[: table.index("</table>")]
    row = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', table).group(1)
    return dict(re.findall(r'<td data-column="(\w+)">([^<]*)</td>', row))


def test_page_shows_the_hand_computed_figures(client, fixture):
    response = client.get("/stats/?year=2025")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert _figure(page, "received") == "9"
    assert _figure(page, "on_time_rate") == "80.0"
    assert _figure(page, "average_days") == "32.4"
    assert _figure(page, "satisfaction_rate") == "40.0"
    assert _figure(page, "dissatisfied") == "3"
    assert _figure(page, "callback_rate") == "50.0"
    assert _figure(page, "publication_on_time_rate") == "66.7"
    units = _row(page, "2025年各单位办理情况", "甲区城市管理执法局")
    assert units["received"] == "5" and units["on_time_rate"] == "66.7"
    assert units["average_days"] == "41.2" and units["overdue_now"] == "1"
    total = _row(page, "2025年各单位办理情况", "全市合计")
    assert total["on_time_rate"] == "80.0" and total["received"] == "9"
    beta = _row(page, "2025年各单位满意度与差评回访", "乙区城市管理执法局")
    assert beta["satisfaction_rate"] == "50.0" and beta["callback_rate"] == "—"
    april = _row(page, "2025年各月办理情况", "4月")
    assert april["answered"] == "1" and april["on_time_rate"] == "100.0"
    september = _row(page, "2025年各月办理情况", "9月")
    assert september["received"] == "0" and september["on_time_rate"] == "—"
    decisions = _row(page, "2025年各单位行政处罚决定公示", "甲区城市管理执法局")
    assert {key: decisions[key] for key in ("decisions_published", "decisions_due")} == {
        "decisions_published": "2",
        "decisions_due": "2",
    }
    assert decisions["decisions_on_time"] == "1" and decisions["publication_on_time_rate"] == "50.0"
    # charts: SVG with a title, a text alternative and the numbers as text
    assert page.count("<svg") == 6
    assert "<title id=" in page and "<desc id=" in page
    assert ">80.0%</text>" not in page  # the city is a total, not a bar
    assert ">66.7%</text>" in page and ">100%</text>" in page
    assert "甲区：5" in page  # the received chart's description
    assert "口径说明" in page and "首次评价" in page


def _csv(client, url) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_gives_the_hand_computed_figures(client, fixture):
    rows = _csv(client, "/stats/units.csv?year=2025")
    header = rows[0]
    assert header[:3] == ["年度", "单位代码", "单位"]
    by_label = {row[2]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_label["全市合计"]["按期答复率（%）"] == "80.0"
    assert by_label["全市合计"]["平均答复用时（天）"] == "32.4"
    assert by_label["甲区城市管理执法局"]["按期答复率（%）"] == "66.7"
    assert by_label["综合监督科（未分派）"]["当前超期"] == "1"

    rows = _csv(client, "/stats/satisfaction-units.csv?year=2025")
    header = rows[0]
    by_label = {row[2]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_label["全市合计"]["满意率（%）"] == "40.0"
    assert by_label["全市合计"]["差评件数"] == "3"
    assert by_label["全市合计"]["差评占比（%）"] == "60.0"
    assert by_label["全市合计"]["实名差评回访率（%）"] == "50.0"
    assert by_label["乙区城市管理执法局"]["实名差评回访率（%）"] == ""

    rows = _csv(client, "/stats/months.csv?year=2025")
    assert len(rows) == 1 + 12 + 1
    january = dict(zip(rows[0], rows[1], strict=True))
    assert january["月份"] == "2025-01" and january["收到"] == "2"

    rows = _csv(client, "/stats/decisions-units.csv?year=2025&unit=alpha")
    assert [row[2] for row in rows[1:]] == ["甲区城市管理执法局", "甲区城市管理执法局合计"]
    assert dict(zip(rows[0], rows[-1], strict=True))["按期公示率（%）"] == "50.0"
    for slug in ("satisfaction-months", "decisions-months"):
        assert len(_csv(client, f"/stats/{slug}.csv?year=2025")) == 14


def test_unit_filter(client, fixture):
    page = client.get("/stats/?year=2025&unit=alpha").get_data(as_text=True)
    assert _figure(page, "received") == "5"
    assert _figure(page, "on_time_rate") == "66.7"
    assert "乙区城市管理执法局" not in page.split('id="units-title"')[1].split("</section>")[0]
    assert "甲区城市管理执法局合计" in page
    data = client.get("/api/v1/stats?year=2025&unit=alpha").get_json()
    assert {key: data["total"][key] for key in ALPHA} == ALPHA


def test_empty_year_shows_zeros_and_dashes(client, fixture):
    page = client.get("/stats/?year=2020").get_data(as_text=True)
    assert _figure(page, "received") == "0"
    assert _figure(page, "on_time_rate") == "—"
    assert _figure(page, "satisfaction_rate") == "—"
    data = client.get("/api/v1/stats?year=2020").get_json()
    assert data["total"]["received"] == 0 and data["total"]["on_time_rate"] is None


def test_default_year_is_this_year(client, fixture):
    with client.application.app_context():
        year = local_today().year
    page = client.get("/stats/").get_data(as_text=True)
    assert f'<option value="{year}" selected>' in page
    assert f"<title>{year}年统计数据" in page
    assert client.get("/api/v1/stats").get_json()["year"] == year


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/stats/?year=abc", 400, "年份应为四位数字"),
        ("/stats/?year=2099", 400, "年份应在"),
        ("/stats/?year=1999", 400, "年份应在"),
        ("/stats/?unit=nowhere", 404, "没有这个执法单位"),
        ("/stats/units.csv?year=20x5", 400, "年份应为四位数字"),
        ("/stats/nothing.csv", 404, "没有这张统计表"),
        ("/stats/2099", 404, "年度统计年报将于2100年1月1日起发布"),
        ("/stats/1999", 404, "没有1999年度的统计年报"),
    ],
)
def test_bad_input_answers_in_chinese(client, fixture, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)


def test_api_bad_input_is_json(client, fixture):
    response = client.get("/api/v1/stats?year=abc")
    assert response.status_code == 400
    assert "年份应为四位数字" in response.get_json()["error"]["message"]
    response = client.get("/api/v1/stats?unit=nowhere")
    assert response.status_code == 404
    assert response.get_json()["error"]["message"].startswith("没有这个执法单位")


def test_report_is_cached(client, fixture, monkeypatch):
    calls = []
    compute = views.compute_report

    def counting(*args, **kwargs):
        calls.append(args[1:3])
        return compute(*args, **kwargs)

    monkeypatch.setattr(views, "compute_report", counting)
    assert client.get("/api/v1/stats?year=2025").get_json()["total"]["received"] == 9
    with client.application.app_context():
        _complaint(None, datetime(2025, 9, 9))
        db.session.commit()
    # a change is counted at once; then page, CSV and API share one report per (year, unit)
    assert client.get("/api/v1/stats?year=2025").get_json()["total"]["received"] == 10
    assert client.get("/stats/?year=2025").status_code == 200
    assert client.get("/stats/units.csv?year=2025").status_code == 200
    assert len(calls) == 2
    client.get("/api/v1/stats?year=2025&unit=alpha")
    assert len(calls) == 3


@pytest.mark.app_config(STATS_CACHE_SECONDS=0)
def test_cache_can_be_switched_off(client, fixture):
    assert client.get("/api/v1/stats?year=2025").get_json()["total"]["received"] == 9
    with client.application.app_context():
        _complaint(None, datetime(2025, 9, 9))
        db.session.commit()
    assert client.get("/api/v1/stats?year=2025").get_json()["total"]["received"] == 10


def test_annual_report_of_last_year(client, fixture):
    response = client.get("/stats/2025")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "2025年度投诉举报办理与执法公示统计年报" in page
    assert _figure(page, "on_time_rate") == "80.0"
    assert _figure(page, "satisfaction_rate") == "40.0"
    assert page.count("<svg") == 6
    assert "口径说明" in page


def test_annual_report_appears_on_1_january(client, fixture, monkeypatch):
    response = client.get("/stats/2026")
    assert response.status_code == 404
    assert "2026年度统计年报将于2027年1月1日起发布" in response.get_data(as_text=True)
    monkeypatch.setattr(views, "local_today", lambda: date(2027, 1, 1))
    response = client.get("/stats/2026")
    assert response.status_code == 200
    assert _figure(response.get_data(as_text=True), "received") == "1"  # B3


def test_reminder_is_for_january_only():
    assert annual.reminder_year(date(2027, 1, 1)) == 2026
    assert annual.reminder_year(date(2027, 1, 31)) == 2026
    assert annual.reminder_year(date(2027, 2, 1)) is None
    assert annual.reminder_year(date(2026, 12, 31)) is None
    assert annual.report_available(2026, date(2027, 1, 1))
    assert not annual.report_available(2026, date(2026, 12, 31))


@pytest.mark.parametrize(("today", "shown"), [(date(2027, 1, 15), True), (date(2027, 2, 1), False)])
def test_back_office_reminds_supervisors_in_january(
    client, create_user, login, monkeypatch, today, shown
):
    monkeypatch.setattr(staff_views, "local_today", lambda: today)
    create_user("office", role="supervisor")
    login("office")
    page = client.get("/admin/").get_data(as_text=True)
    assert ("上一年度统计年报应于1月31日前公布" in page) is shown
    assert ('href="/stats/2026"' in page) is shown


def test_back_office_reminder_is_not_for_unit_staff(client, create_user, login, monkeypatch):
    monkeypatch.setattr(staff_views, "local_today", lambda: date(2027, 1, 15))
    create_user("clerk", role="staff")
    login("clerk")
    assert "统计年报" not in client.get("/admin/").get_data(as_text=True)


def test_openapi_documents_the_stats_endpoint(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/stats"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {"year", "unit"}
    figures = document["components"]["schemas"]["StatsFigures"]["properties"]
    data = client.get("/api/v1/stats").get_json()
    assert set(data["total"]) == set(figures)
    assert set(data) <= set(document["components"]["schemas"]["Stats"]["properties"])
    assert client.get("/api/v1/").get_json()["endpoints"]["stats"].endswith("/api/v1/stats")


def test_no_contact_or_content_in_any_stats_output(app, client):
    with app.app_context():
        load_demo_units(db.session)
        load_demo_complaints(db.session)
        db.session.commit()
        descriptions = [d[:12] for d in db.session.scalars(select(Complaint.description))]
        year = local_today().year
    urls = [f"/stats/?year={year}", f"/stats/{year - 1}", f"/api/v1/stats?year={year}"]
    urls += [f"/stats/{slug}.csv?year={year}" for slug in TABLES]
    urls += [f"/stats/?year={year}&unit=xinhua"]
    for url in urls:
        text = client.get(url).get_data(as_text=True)
        for secret in (
            DEMO_CONTACT_NAME_PREFIX + "投诉人",
            DEMO_CONTACT_PHONE_PREFIX,
            DEMO_CONTACT_EMAIL_DOMAIN,
            *descriptions,
        ):
            assert secret not in text, (url, secret)
