"""The supervisor's overdue board: counts per unit and stage, the oldest items, CSV."""

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.complaints import workflow
from portal.core.models import local_today, utcnow
from portal.extensions import db
from portal.org.models import Unit
from portal.staff.models import StaffUser
from tests.complaints.factories import make_complaint, make_staff
from tests.factories import add_decision


@pytest.fixture
def backlog(app, units):
    """新华区: one case not accepted in time, one late decision, one unfiled 重大 decision;
    卫东区: two answers overdue (the older one first), one case still within its time."""
    make_staff(app, "chief", role="supervisor")
    make_staff(app, "xinhua_staff", unit_code="xinhua")
    today = local_today()
    with app.app_context():
        xinhua, weidong = (
            db.session.scalars(select(Unit).where(Unit.code == code)).one()
            for code in ("xinhua", "weidong")
        )
        chief = db.session.scalars(select(StaffUser).where(StaffUser.username == "chief")).one()
        late_accept = make_complaint(db.session, xinhua)
        late_accept.due_on = today - timedelta(days=2)
        answers = []
        for days_late in (3, 9):
            case = make_complaint(db.session, weidong)
            workflow.accept(db.session, chief, case, now=utcnow())
            case.due_on = today - timedelta(days=days_late)
            answers.append(case.tracking_no)
        in_time = make_complaint(db.session, weidong)
        in_time.due_on = today + timedelta(days=5)
        late = add_decision(xinhua, decided_on=today - timedelta(days=40))
        major = add_decision(xinhua, fine_amount="20000", penalty="罚款人民币20000元")
        db.session.commit()
        return {
            "late_accept": late_accept.tracking_no,
            "answers": answers,
            "in_time": in_time.tracking_no,
            "late_decision": late.doc_no,
            "major": major.doc_no,
        }


def test_the_board_counts_late_items_per_unit_and_stage(client, login, backlog):
    login("chief")
    page = client.get("/admin/complaints/board").get_data(as_text=True)
    assert "超期督办看板" in page
    # the older overdue answer is listed first
    older, newer = backlog["answers"][1], backlog["answers"][0]
    assert page.index(older) < page.index(newer)
    assert backlog["late_accept"] in page and backlog["late_decision"] in page
    assert backlog["major"] in page
    assert backlog["in_time"] not in page

    response = client.get("/admin/complaints/board.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["单位", "环节", "件数", "最早的几件（期限）"]
    by_stage = {(row[0], row[1]): row for row in rows[1:]}
    assert by_stage[("平顶山市卫东区城市管理和综合执法局", "超期未答复")][2] == "2"
    assert by_stage[("平顶山市新华区城市管理和综合执法局", "超期未受理")][2] == "1"
    assert by_stage[("平顶山市新华区城市管理和综合执法局", "处罚决定超期未公示")][2] == "1"
    assert by_stage[("平顶山市新华区城市管理和综合执法局", "重大决定待备案")][2] == "1"
    assert by_stage[("平顶山市卫东区城市管理和综合执法局", "超期未答复")][3].startswith(older)


def test_the_board_is_for_the_supervision_office(client, login, backlog):
    login("xinhua_staff")
    assert client.get("/admin/complaints/board").status_code == 403
    assert client.get("/admin/complaints/board.csv").status_code == 403
    assert "超期督办看板" not in client.get("/admin/complaints/").get_data(as_text=True)


def test_an_empty_board_says_so(app, client, login, units):
    make_staff(app, "chief", role="supervisor")
    login("chief")
    assert "目前没有超期事项" in client.get("/admin/complaints/board").get_data(as_text=True)
