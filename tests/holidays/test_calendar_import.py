"""``calendar status`` / ``calendar import``: the schedule in the database wins, every open
due date moves with it (audited), closed cases keep their history, a bad file changes nothing."""

import json
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR
from portal.complaints.models import Complaint
from portal.core.calendar_models import CalendarYear
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.disclosure.decisions.services import create_decision
from portal.extensions import db
from tests.complaints.factories import make_complaint
from tests.factories import decision_data

D = date.fromisoformat

#: a made-up official 2027 notice: 元旦 1-1..1-4 (so 1-4 is no longer a working day), 春节
#: 2-5..2-11, a make-up working day on Sunday 1-31
CHANGED_2027 = {
    "_source": "测试通知",
    "holidays": ["2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"]
    + [f"2027-02-{day:02d}" for day in range(5, 12)],
    "makeup_workdays": ["2027-01-31"],
}


def write(tmp_path, content) -> str:
    path = tmp_path / "schedule.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return str(path)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day + "T02:00")  # 10:00 in Shanghai, same date


@pytest.fixture
def open_and_closed(app, create_unit):
    """An open complaint received 2026-12-17, a draft decision of 2026-12-24 and a complaint
    answered (and closed) long ago whose answer deadline was 2027-01-04."""
    with app.app_context():
        unit = create_unit("xinhua")
        open_case = make_complaint(db.session, unit, submitted_at=at("2026-12-17"))
        closed_case = make_complaint(db.session, unit, submitted_at=at("2026-10-20"))
        closed_case.state = "closed"
        closed_case.accepted_at = at("2026-11-02")
        closed_case.answered_at = at("2026-12-20")
        closed_case.answer_due_on = D("2027-01-04")
        closed_case.answered_on_time = True
        closed_case.due_on = None
        decision = create_decision(
            db.session,
            CLI_ACTOR,
            unit,
            decision_data(decided_on=D("2026-12-24")),
            today=D("2026-12-28"),
            settings=current_settings(),
            calendar=working_calendar(),
        )
        db.session.commit()
        return open_case.id, closed_case.id, decision.id


def stored(app, ids):
    from portal.disclosure.decisions.models import PenaltyDecision

    open_id, closed_id, decision_id = ids
    with app.app_context():
        open_case = db.session.get(Complaint, open_id)
        closed_case = db.session.get(Complaint, closed_id)
        decision = db.session.get(PenaltyDecision, decision_id)
        return (
            open_case.due_on,
            (closed_case.answer_due_on, closed_case.answered_on_time),
            decision.publication_due_on,
        )


def test_import_moves_every_open_due_date_and_keeps_history(app, runner, tmp_path, open_and_closed):
    before = stored(app, open_and_closed)
    assert before == (D("2027-01-04"), (D("2027-01-04"), True), D("2027-01-05"))

    result = runner.invoke(args=["calendar", "import", write(tmp_path, CHANGED_2027)])
    assert result.exit_code == 0, result.output
    assert "Imported 2027" in result.output

    # acceptance: 1-1 and the weekend and now 1-4 are off → 1-5; publication gains a day
    assert stored(app, open_and_closed) == (
        D("2027-01-05"),
        (D("2027-01-04"), True),
        D("2027-01-06"),
    )
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert "calendar.import" in actions
        assert actions.count("complaint.deadline_recomputed") == 1
        assert actions.count("decision.deadline_recomputed") == 1
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "complaint.deadline_recomputed")
        ).one()
        assert json.loads(entry.before_json)["due_on"] == "2027-01-04"
        assert json.loads(entry.after_json)["due_on"] == "2027-01-05"


def test_the_imported_year_is_no_longer_provisional(app, client, runner, tmp_path):
    app.config["TODAY"] = "2026-12-04"
    assert client.get("/healthz").get_json()["calendar"] == "provisional-next-year"
    page = client.get("/api/v1/deadlines?rule=complaint_acceptance&start=2026-12-17").get_json()
    assert page["provisional"] is True and page["due"] == "2027-01-04"

    assert runner.invoke(args=["calendar", "import", write(tmp_path, CHANGED_2027)]).exit_code == 0

    health = client.get("/healthz")
    assert health.get_json()["calendar"] == "ok"
    page = client.get("/api/v1/deadlines?rule=complaint_acceptance&start=2026-12-17").get_json()
    assert page == {
        "rule": "complaint_acceptance",
        "label": "投诉受理期限",
        "start": "2026-12-17",
        "due": "2027-01-05",
        "provisional": False,
        "counting": "calendar_days",
        "days": 15,
        "skipped": [
            {"date": "2027-01-01", "reason": "元旦假期"},
            {"date": "2027-01-02", "reason": "元旦假期"},
            {"date": "2027-01-03", "reason": "元旦假期"},
            {"date": "2027-01-04", "reason": "元旦假期"},
        ],
    }
    # the make-up Sunday counts as a working day
    sunday = client.get("/api/v1/deadlines?rule=withdrawal&start=2027-01-28").get_json()
    assert sunday["due"] == "2027-02-01"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"holidays": ["2027-01-01", "2027-01-01"]}, "2027-01-01 重复出现"),
        ({"holidays": ["2027-01-01", "2028-01-01"]}, "跨了多个年份"),
        (
            {"holidays": ["2027-01-01", "2027-01-30"], "makeup_workdays": ["2027-01-30"]},
            "既列为放假日又列为调休上班日",
        ),
        ({"holidays": ["2027-02-30"]}, "不是有效日期"),
        ({"holidays": ["2027-01-01"], "makeup_workdays": ["2027-01-05"]}, "不是星期六或星期日"),
        ({"holiday": ["2027-01-01"]}, "未知的字段"),
        ("not json", "不是有效的 JSON"),
        ({"holidays": []}, "为空"),
    ],
)
def test_a_bad_file_is_refused_and_changes_nothing(
    app, runner, tmp_path, open_and_closed, content, message
):
    before = stored(app, open_and_closed)
    with app.app_context():
        entries = db.session.scalar(select(func.count(AuditEntry.id)))
    result = runner.invoke(args=["calendar", "import", write(tmp_path, content)])
    assert result.exit_code == 2
    assert "未导入（未作任何更改）" in result.output and message in result.output
    assert stored(app, open_and_closed) == before
    with app.app_context():
        assert db.session.scalar(select(func.count(CalendarYear.year))) == 0
        assert db.session.scalar(select(func.count(AuditEntry.id))) == entries


@pytest.mark.app_config(TODAY="2026-12-04")
def test_status_exit_code_follows_open_provisional_deadlines(app, runner, tmp_path, create_unit):
    result = runner.invoke(args=["calendar", "status"])
    assert result.exit_code == 0, result.output
    assert "2026: official" in result.output and "2027: PROVISIONAL" in result.output
    assert "Next year (2027) is provisional" in result.output

    with app.app_context():
        make_complaint(db.session, create_unit("xinhua"), submitted_at=at("2026-12-17"))
    result = runner.invoke(args=["calendar", "status"])
    assert result.exit_code == 1
    assert "1 open complaint deadline(s)" in result.output

    assert runner.invoke(args=["calendar", "import", write(tmp_path, CHANGED_2027)]).exit_code == 0
    result = runner.invoke(args=["calendar", "status"])
    assert result.exit_code == 0, result.output
    assert "2027: official (imported" in result.output


@pytest.mark.parametrize(
    ("today", "flag"),
    [("2026-10-31", "ok"), ("2026-11-01", "provisional-next-year"), ("2027-03-01", "provisional")],
)
def test_healthz_calendar_flag_from_1_november(app, client, runner, today, flag):
    runner.invoke(args=["search", "reindex", "--quiet"])  # else /healthz is 503 for the index
    app.config["TODAY"] = today
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["calendar"] == flag
