"""Social evaluation: the questionnaire, one answer per person, results above a minimum."""

from datetime import date

import pytest
from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.results.models import EvaluationAnswer

FULL_ANSWER = {
    "unit": "xh",
    "fairness": "5",
    "attitude": "4",
    "quality": "4",
    "efficiency": "3",
    "integrity": "5",
    "comment": "态度很好",
}


@pytest.fixture
def units(create_unit):
    return create_unit("xh", short_name="新华区"), create_unit("wd", short_name="卫东区")


def answers_in_db(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(EvaluationAnswer))


def test_answer_is_stored_and_the_browser_cannot_answer_twice(app, client, units, create_period):
    period_id = create_period()
    response = client.post(f"/reviews/evaluation/{period_id}/answer", data=FULL_ANSWER)
    assert response.status_code == 302
    assert answers_in_db(app) == 1
    again = client.get(f"/reviews/evaluation/{period_id}/answer")
    assert again.status_code == 302
    assert "您已参加本期评议" in client.get(again.headers["Location"]).get_data(as_text=True)
    client.post(f"/reviews/evaluation/{period_id}/answer", data=FULL_ANSWER)
    assert answers_in_db(app) == 1


def test_a_forged_cookie_does_not_count(app, client, units, create_period):
    period_id = create_period()
    client.set_cookie("evaluated", "[1,2,3]")
    response = client.get(f"/reviews/evaluation/{period_id}/answer")
    assert response.status_code == 200


def test_missing_answers_are_named_and_what_was_chosen_stays(client, units, create_period):
    period_id = create_period()
    partial = {"unit": "wd", "fairness": "2", "comment": "我写的意见"}
    response = client.post(f"/reviews/evaluation/{period_id}/answer", data=partial)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "请评价“服务态度”" in page and "请评价“清正廉洁”" in page
    assert "我写的意见" in page
    assert '<option selected value="wd">' in page
    assert '<input checked id="fairness-3" name="fairness"' in page


def test_invalid_score_is_refused(app, client, units, create_period):
    period_id = create_period()
    response = client.post(
        f"/reviews/evaluation/{period_id}/answer", data=FULL_ANSWER | {"fairness": "9"}
    )
    assert response.status_code == 400
    assert answers_in_db(app) == 0


def test_honeypot_stores_nothing(app, client, units, create_period):
    period_id = create_period()
    client.post(
        f"/reviews/evaluation/{period_id}/answer",
        data=FULL_ANSWER | {"website": "http://spam.example"},
    )
    assert answers_in_db(app) == 0


def test_closed_period_refuses_answers(app, client, units, create_period):
    period_id = create_period(opens_on=date(2020, 1, 1), closes_on=date(2020, 6, 30))
    response = client.post(f"/reviews/evaluation/{period_id}/answer", data=FULL_ANSWER)
    assert response.status_code == 410
    assert "不在开放时间内" in response.get_data(as_text=True)
    assert answers_in_db(app) == 0


@pytest.mark.app_config(RATELIMIT_ENABLED=True, EVALUATION_LIMIT_PER_CLIENT="2 per day")
def test_answers_per_client_are_limited(app, units, create_period):
    period_ids = [create_period(name=f"期{n}") for n in range(3)]
    statuses = [
        app.test_client().post(f"/reviews/evaluation/{pid}/answer", data=FULL_ANSWER).status_code
        for pid in period_ids
    ]
    assert statuses == [302, 302, 429]


@pytest.mark.app_config(EVALUATION_MIN_ANSWERS=3)
def test_results_show_only_units_with_enough_answers(client, units, create_period, add_answers):
    period_id = create_period()
    add_answers(period_id, "xh", [(5, 5, 4, 4, 3), (4, 4, 4, 4, 4), (3, 3, 4, 4, 5)])
    add_answers(period_id, "wd", [(1, 1, 1, 1, 1), (2, 2, 2, 2, 2)])
    page = client.get(f"/reviews/evaluation/{period_id}").get_data(as_text=True)
    # 新华区: fairness (5+4+3)/3 = 4.00, overall = mean of 4.00, 4.00, 4.00, 4.00, 4.00
    assert "<td>4.00</td>" in page
    assert "答卷不足 3 份，暂不公布" in page
    assert "<td>1.00</td>" not in page
    csv = client.get(f"/reviews/evaluation/{period_id}?format=csv").get_data(as_text=True)
    assert "xh," in csv and "wd,测试" in csv
    assert csv.splitlines()[2].endswith(",2,,,,,,")


@pytest.mark.app_config(EVALUATION_MIN_ANSWERS=2)
def test_charts_have_a_title_and_the_numbers_as_text(client, units, create_period, add_answers):
    period_id = create_period()
    add_answers(period_id, "xh", [(5, 5, 5, 5, 5), (4, 4, 4, 4, 4)])
    page = client.get(f"/reviews/evaluation/{period_id}").get_data(as_text=True)
    assert '<svg class="chart" role="img"' in page
    assert "社会评议综合得分（满分5分）</title>" in page
    assert "新华区：4.5分" in page  # the <desc> states every number
    assert ">4.5分</text>" in page
    # distribution: 5 dimensions × 1 answer at each of two levels
    assert "非常满意：5" in page and "满意：5" in page


def test_comments_are_never_public(client, units, create_period, add_answers):
    period_id = create_period()
    add_answers(period_id, "xh", [(5, 5, 5, 5, 5)] * 31, comment="城管队员张三很负责")
    assert "张三" not in client.get(f"/reviews/evaluation/{period_id}").get_data(as_text=True)
    api = client.get("/api/v1/reviews?kind=social_evaluation").get_data(as_text=True)
    assert "张三" not in api


def test_staff_see_only_their_unit_comments(
    client, login, create_user, units, create_period, add_answers
):
    period_id = create_period()
    add_answers(period_id, "xh", [(5, 5, 5, 5, 5)], comment="关于新华区的意见")
    add_answers(period_id, "wd", [(5, 5, 5, 5, 5)], comment="关于卫东区的意见")
    create_user("xh_staff", role="staff", unit_code="xh")
    login("xh_staff")
    page = client.get(f"/admin/evaluations/{period_id}").get_data(as_text=True)
    assert "关于新华区的意见" in page and "关于卫东区的意见" not in page


def test_supervisor_opens_and_closes_a_period_audited(app, client, login, create_user, units):
    create_user("office", role="supervisor")
    login("office")
    response = client.post(
        "/admin/evaluations/",
        data={"name": "2027年上半年", "opens_on": "2027-01-01", "closes_on": "2027-06-30"},
    )
    assert response.status_code == 302
    with app.app_context():
        from portal.results.models import EvaluationPeriod

        period_id = db.session.scalars(select(EvaluationPeriod.id)).one()
    client.post(f"/admin/evaluations/{period_id}/close")
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["evaluation_period.open", "evaluation_period.close"]


def test_bad_dates_get_chinese_messages(client, login, create_user):
    create_user("office", role="supervisor")
    login("office")
    page = client.post(
        "/admin/evaluations/", data={"name": "x", "opens_on": "2027/13/01", "closes_on": ""}
    ).get_data(as_text=True)
    assert "开始日期格式应为 2026-01-31" in page and "请填写结束日期" in page


def test_staff_cannot_open_periods(client, login, create_user, units):
    create_user("xh_staff", role="staff", unit_code="xh")
    login("xh_staff")
    response = client.post(
        "/admin/evaluations/",
        data={"name": "x", "opens_on": "2027-01-01", "closes_on": "2027-06-30"},
    )
    assert response.status_code == 403
