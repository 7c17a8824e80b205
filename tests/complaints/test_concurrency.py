"""Nobody overwrites anybody: "张三 正在处理", and a save on a stale version is refused with
the other change shown and the clerk's text kept."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from portal.audit.models import AuditEntry
from portal.complaints.models import Complaint, ComplaintPresence
from portal.core.models import utcnow
from portal.extensions import db
from tests.complaints.factories import make_complaint, make_staff
from tests.factories import DEFAULT_PASSWORD, make_login


@pytest.fixture
def clerks(app, units):
    """Two clerks of 新华区 logged in in their own browsers, and a case of their unit."""
    make_staff(app, "zhang", unit_code="xinhua")
    make_staff(app, "li", unit_code="xinhua")
    with app.app_context():
        complaint_id = make_complaint(db.session, units[0]).id
    browsers = {}
    for name in ("zhang", "li"):
        browsers[name] = app.test_client()
        make_login(browsers[name])(name, DEFAULT_PASSWORD)
    return browsers, complaint_id


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="(\d+)"', page).group(1)


def test_a_case_open_in_one_browser_shows_who_is_on_it_to_the_other(app, clerks):
    browsers, complaint_id = clerks
    assert "正在处理" not in browsers["zhang"].get(f"/admin/complaints/{complaint_id}").text
    page = browsers["li"].get(f"/admin/complaints/{complaint_id}").get_data(as_text=True)
    assert "zhang的姓名 正在处理此件" in page
    # ten minutes later the note is gone: it says who is on it now, not who ever looked
    with app.app_context():
        db.session.execute(
            update(ComplaintPresence).values(seen_at=utcnow() - timedelta(minutes=11))
        )
        db.session.commit()
    assert "正在处理" not in browsers["zhang"].get(f"/admin/complaints/{complaint_id}").text


def test_a_reply_on_a_stale_version_is_refused_and_the_text_kept(app, clerks):
    browsers, complaint_id = clerks
    accept = f"/admin/complaints/{complaint_id}/act/accept"
    assert browsers["zhang"].post(accept, data={"note": ""}).status_code == 302
    reply_url = f"/admin/complaints/{complaint_id}/act/reply"
    zhang_form = browsers["zhang"].get(reply_url).get_data(as_text=True)
    li_form = browsers["li"].get(reply_url).get_data(as_text=True)
    assert "zhang的姓名 正在处理此件" in li_form

    li_saved = browsers["li"].post(
        reply_url,
        data={
            "text": "您好：经现场核查，已责令摊主整改。",
            "version": hidden(li_form, "version"),
            "seen_event": hidden(li_form, "seen_event"),
        },
    )
    assert li_saved.status_code == 302
    zhang_text = "您好：我们已约谈涉事执法队员，并将加强教育管理。"
    refused = browsers["zhang"].post(
        reply_url,
        data={
            "text": zhang_text,
            "version": hidden(zhang_form, "version"),
            "seen_event": hidden(zhang_form, "seen_event"),
        },
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "未保存：在您打开此页后，该件已被他人更改" in page
    assert "li的姓名" in page and "经现场核查，已责令摊主整改" in page  # the other change
    assert zhang_text in page  # what zhang typed is still in the form
    assert "当前状态：已答复" in page
    with app.app_context():
        complaint = db.session.get(Complaint, complaint_id)
        assert complaint.reply == "您好：经现场核查，已责令摊主整改。"
        answered = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "complaint.answered")
        ).all()
        assert [entry.actor_label for entry in answered] == ["li"]


def test_a_quick_step_from_the_case_page_is_refused_when_stale(app, clerks):
    browsers, complaint_id = clerks
    case_page = browsers["zhang"].get(f"/admin/complaints/{complaint_id}").get_data(as_text=True)
    version = hidden(case_page, "version")
    # li accepts it meanwhile
    accept = f"/admin/complaints/{complaint_id}/act/accept"
    assert browsers["li"].post(accept, data={"note": "李受理"}).status_code == 302
    stale = browsers["zhang"].post(accept, data={"version": version, "seen_event": "0"})
    assert stale.status_code == 409
    assert "li的姓名：受理" in stale.get_data(as_text=True)
    with app.app_context():
        accepted = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "complaint.accepted")
        ).all()
        assert [entry.actor_label for entry in accepted] == ["li"]
