"""The frozen annual report: published by the supervision office, never changed by later edits,
corrected only as a new revision with a public reason. "Today" is passed in or patched."""

import csv
import io
import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR
from portal.core.calendar import load_calendar
from portal.core.models import utcnow
from portal.core.publication import PublicationError
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.services import publish_decision
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.officers.models import Officer, OfficerTraining
from portal.org.models import Unit
from portal.results import reviews
from portal.results.stats import annual_admin, views
from portal.results.stats.annual_report import (
    annual_figures,
    correct_annual_report,
    publish_annual_report,
    report_of,
)
from portal.staff import views as staff_views
from tests.factories import add_decision

CALENDAR = load_calendar(None)
JANUARY = date(2026, 1, 15)


def rules(today=JANUARY) -> dict:
    return {"today": today, "now": utcnow(), "calendar": CALENDAR, "filing_days": 15}


def unit(code: str) -> Unit:
    return db.session.scalars(select(Unit).where(Unit.code == code)).one()


def _officer(unit_id: int, number: int, trainings: int) -> None:
    officer = Officer(
        badge_no=f"77{number:04d}",
        cert_no=f"4104027700{number:04d}",
        name=f"测试员{number}",
        unit_id=unit_id,
        post="执法队员",
        category="市容环境卫生",
        area="中兴路街道",
        cert_valid_from=date(2024, 1, 1),
        cert_valid_to=date(2030, 1, 1),
        status="active",
    )
    db.session.add(officer)
    db.session.flush()
    for day in range(trainings):
        db.session.add(
            OfficerTraining(officer_id=officer.id, trained_on=date(2025, 3, 1 + day), title="培训")
        )


@pytest.fixture
def year_2025(app):
    """2025 in 新华: two decisions (one 重大 by confiscation, filed late), a review round,
    three officers of whom two trained twice; 卫东: one warning."""
    with app.app_context():
        load_demo_units(db.session)
        xinhua, weidong = unit("xinhua"), unit("weidong")
        small = add_decision(
            xinhua, decided_on=date(2025, 3, 3), fine_amount="200", doc_no="小额1号"
        )
        publish_decision(db.session, CLI_ACTOR, small, may_review=True, now=datetime(2025, 3, 4))
        major = add_decision(
            xinhua,
            decided_on=date(2025, 6, 2),
            fine_amount="5000",
            confiscated_income="12000",
            confiscated_property_value="800",
        )
        major.legal_reviewed_on = date(2025, 6, 1)
        major.filed_on = date(2025, 6, 20)  # due 17 June: late
        add_decision(
            weidong,
            decided_on=date(2025, 9, 1),
            fine_amount="0",
            penalty="警告，责令立即改正",
            party_is_minor=True,
        )
        add_decision(xinhua, decided_on=date(2024, 12, 30))  # another year
        review_round = reviews.create_round(
            db.session, CLI_ACTOR, name="2025年度案卷评查", held_on=date(2025, 11, 5), summary=""
        )
        for code, grade in (("xinhua", "excellent"), ("weidong", "fail")):
            reviews.set_result(
                db.session,
                CLI_ACTOR,
                review_round,
                unit(code),
                files_reviewed=10,
                score=90 if grade == "excellent" else 55,
                grade=grade,
                problems={},
            )
        reviews.publish_round(db.session, CLI_ACTOR, review_round)
        for number, trainings in enumerate((2, 3, 1)):
            _officer(xinhua.id, number, trainings)
        db.session.commit()


def test_the_totals_of_an_enforcing_unit(app, year_2025):
    with app.app_context():
        figures = annual_figures(db.session, 2025, **rules())
    total = figures["total"]
    assert total["decisions_total"] == 3
    assert (total["kind_fine"], total["kind_confiscation"], total["kind_warning"]) == (2, 1, 1)
    assert total["kind_other"] == 0
    assert total["fines_total"] == 5200.0
    assert total["confiscated_income_total"] == 12000.0
    assert total["confiscated_property_total"] == 800.0
    assert (total["major_total"], total["legal_reviewed"]) == (1, 1)
    assert (total["filed_on_time"], total["filed_late"], total["not_filed"]) == (0, 1, 0)
    assert total["exempt_total"] == 1  # the minor's warning
    # due in 2025: the small one (on time), the 重大 one and the one of 30 December 2024, both
    # never published and so late; the minor's is not due
    assert total["decisions_due"] == 3 and total["decisions_published_on_time"] == 1
    assert total["decisions_late"] == 2 and total["publication_on_time_rate"] == 33.3
    assert (total["review_rounds"], total["files_reviewed"]) == (2, 20)
    assert (total["grade_excellent"], total["grade_fail"]) == (1, 1)
    assert (total["officers"], total["officers_trained"], total["training_rate"]) == (3, 2, 66.7)
    xinhua = next(row for row in figures["units"] if row["code"] == "xinhua")
    assert xinhua["decisions_total"] == 2 and xinhua["officers"] == 3


def test_editing_an_old_record_after_publication_leaves_the_report_unchanged(
    app, client, year_2025
):
    with app.app_context():
        publish_annual_report(db.session, CLI_ACTOR, 2025, **rules())
        db.session.commit()
    before = client.get("/stats/annual/2025.json").get_json()
    page_before = client.get("/stats/annual/2025").get_data(as_text=True)
    csv_before = client.get("/stats/annual/2025.csv").get_data(as_text=True)
    assert before["total"]["fines_total"] == 5200.0 and before["revision"] == 1
    with app.app_context():
        decision = db.session.scalars(
            select(PenaltyDecision).where(PenaltyDecision.doc_no == "小额1号")
        ).one()
        decision.fine_amount = 900  # someone edits an old record
        add_decision(unit("xinhua"), decided_on=date(2025, 12, 1), fine_amount="100")
        db.session.commit()
        assert annual_figures(db.session, 2025, **rules())["total"]["fines_total"] == 6000.0
    assert client.get("/stats/annual/2025.json").get_json()["total"] == before["total"]
    assert client.get("/stats/annual/2025").get_data(as_text=True) == page_before
    assert client.get("/stats/annual/2025.csv").get_data(as_text=True) == csv_before


def test_a_correction_is_a_new_revision_with_a_public_reason(app, client, year_2025):
    with app.app_context():
        publish_annual_report(db.session, CLI_ACTOR, 2025, **rules())
        db.session.commit()
        report = report_of(db.session, 2025)
        with pytest.raises(PublicationError, match="无需更正"):
            correct_annual_report(db.session, CLI_ACTOR, report, "再算一次", **rules())
        db.session.rollback()
        add_decision(unit("xinhua"), decided_on=date(2025, 12, 1), fine_amount="100")
        report = report_of(db.session, 2025)
        correct_annual_report(
            db.session, CLI_ACTOR, report, "补录12月1件处罚决定", **rules(date(2026, 2, 3))
        )
        db.session.commit()
        actions = list(
            db.session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.object_type == "annual_report")
                .order_by(AuditEntry.id)
            )
        )
    assert actions == ["annual_report.publish", "annual_report.correct"]
    page = client.get("/stats/annual/2025").get_data(as_text=True)
    assert "补录12月1件处罚决定" in page and "第2版" in page
    old = client.get("/stats/annual/2025/revisions/1")
    assert old.status_code == 200 and "此版本已被更正" in old.get_data(as_text=True)
    assert client.get("/stats/annual/2025.json?revision=1").get_json()["total"]["fines_total"] == (
        5200.0
    )
    current = client.get("/stats/annual/2025.json").get_json()
    assert current["total"]["fines_total"] == 5300.0
    assert current["correction_reason"] == "补录12月1件处罚决定"
    rows = list(
        csv.reader(io.StringIO(client.get("/stats/annual/2025.csv").get_data(as_text=True)[1:]))
    )
    total = dict(zip(rows[0], rows[-1], strict=True))
    assert (
        total["单位"] == "全市合计" and total["版本"] == "2" and total["罚款金额（元）"] == "5300.0"
    )


def test_a_year_not_over_is_refused_and_a_report_is_published_once(app, year_2025):
    with app.app_context():
        with pytest.raises(PublicationError, match="2026年尚未结束"):
            publish_annual_report(db.session, CLI_ACTOR, 2026, **rules(date(2026, 12, 31)))
        publish_annual_report(db.session, CLI_ACTOR, 2025, **rules())
        with pytest.raises(PublicationError, match="已经公示"):
            publish_annual_report(db.session, CLI_ACTOR, 2025, **rules())


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/stats/annual/2025", 404, "2025年度统计年报尚未发布（应于2026年1月31日前发布）"),
        ("/stats/annual/2099", 404, "2099年度统计年报将于2100年1月发布"),
        ("/stats/annual/1999", 404, "没有1999年度的统计年报"),
        ("/stats/annual/2025.csv", 404, "尚未发布"),
    ],
)
def test_unpublished_years_answer_in_chinese(client, year_2025, url, status, message):
    response = client.get(url)
    assert response.status_code == status and message in response.get_data(as_text=True)


def test_bad_revision_numbers(app, client, year_2025):
    with app.app_context():
        publish_annual_report(db.session, CLI_ACTOR, 2025, **rules())
        db.session.commit()
    response = client.get("/stats/annual/2025.csv?revision=abc")
    assert response.status_code == 400 and "版本号应为正整数" in response.get_data(as_text=True)
    response = client.get("/stats/annual/2025/revisions/7")
    assert response.status_code == 404 and "没有第7版" in response.get_data(as_text=True)


def test_the_printable_page_redirects_to_the_published_report(app, client, year_2025):
    assert client.get("/stats/2025").status_code == 200  # live figures until published
    with app.app_context():
        publish_annual_report(db.session, CLI_ACTOR, 2025, **rules())
        db.session.commit()
    response = client.get("/stats/2025")
    assert response.status_code == 302 and response.location.endswith("/stats/annual/2025")
    unit_page = client.get("/stats/2025?unit=xinhua")
    assert unit_page.status_code == 200 and "/stats/annual/2025" in unit_page.get_data(as_text=True)


def test_a_supervisor_publishes_from_the_back_office(
    app, client, year_2025, create_user, login, monkeypatch
):
    monkeypatch.setattr(annual_admin, "local_today", lambda: JANUARY)
    monkeypatch.setattr(staff_views, "local_today", lambda: JANUARY)
    create_user("office", role="supervisor")
    login("office")
    assert "上一年度统计年报应于1月31日前公布" in client.get("/admin/").get_data(as_text=True)
    page = client.get("/admin/annual-reports/2025").get_data(as_text=True)
    assert "发布2025年度统计年报" in page and "5,200.00" in page
    response = client.post("/admin/annual-reports/2025", data={"action": "publish"})
    assert response.status_code == 302
    assert "2025年度统计年报已发布" in client.get("/admin/").get_data(as_text=True)
    with app.app_context():
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "annual_report.publish")
        ).one()
        assert json.loads(entry.after_json)["status"] == "published"
        assert entry.actor_label == "office"
    # a correction without a reason is refused in Chinese, nothing changes
    response = client.post(
        "/admin/annual-reports/2025", data={"action": "correct", "correct-reason": "  "}
    )
    assert response.status_code == 400 and "请填写更正原因" in response.get_data(as_text=True)
    with app.app_context():
        assert report_of(db.session, 2025).revision_count == 1


def test_the_current_year_cannot_be_published_from_the_back_office(
    app, client, year_2025, create_user, login, monkeypatch
):
    monkeypatch.setattr(annual_admin, "local_today", lambda: date(2025, 12, 31))
    create_user("office", role="supervisor")
    login("office")
    response = client.get("/admin/annual-reports/2025", follow_redirects=True)
    assert "年度结束后（次年1月1日起）才能发布" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["staff", None])
def test_only_the_supervision_office_publishes(client, year_2025, create_user, login, role):
    if role:
        create_user("clerk", role="staff", unit_code="xinhua")
        login("clerk")
    response = client.post("/admin/annual-reports/2025", data={"action": "publish"})
    assert response.status_code in (302, 403)
    if role:
        assert response.status_code == 403
    else:
        assert "/admin/login" in response.location
    assert client.get("/stats/annual/2025").status_code == 404


def test_stats_index_links_the_published_report(app, client, year_2025, monkeypatch):
    monkeypatch.setattr(views, "local_today", lambda: JANUARY)
    with app.app_context():
        publish_annual_report(db.session, CLI_ACTOR, 2025, **rules())
        db.session.commit()
    page = client.get("/stats/").get_data(as_text=True)
    assert 'href="/stats/annual/2025"' in page and "已发布，数据固定" in page
