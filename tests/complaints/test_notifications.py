"""E-mail at each step when PORTAL_SMTP_URL is set (a local aiosmtpd server receives it)."""

import email
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from portal.complaints import workflow
from portal.complaints.models import Complaint
from portal.complaints.notify import notify_person
from portal.core.models import utcnow
from portal.extensions import db
from portal.staff.models import StaffUser
from tests.complaints.factories import make_staff
from tests.live_server import free_port


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def mailing_app(app, smtp_server):
    controller, _inbox = smtp_server
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{controller.port}"
    return app


def _handle(app, number: str) -> None:
    with app.app_context():
        complaint = db.session.query(Complaint).filter_by(tracking_no=number).one()
        staff = db.session.query(StaffUser).filter_by(username="xinhua_staff").one()
        for step in (
            lambda: workflow.accept(db.session, staff, complaint, now=utcnow()),
            lambda: workflow.reply(
                db.session, staff, complaint, "经核查已依法处理，感谢监督。", now=utcnow()
            ),
        ):
            event = step()
            db.session.commit()
            notify_person(complaint, event)


def test_each_step_is_mailed_to_the_person(mailing_app, smtp_server, submit):
    _controller, inbox = smtp_server
    make_staff(mailing_app, "xinhua_staff", unit_code="xinhua")
    number, code, _page = submit(contact_email="person@example.invalid")
    _handle(mailing_app, number)
    subjects = [message["Subject"] for _to, message in inbox.messages]
    assert subjects == [
        f"您的投诉（受理编号 {number}）已收到",
        f"您的投诉（受理编号 {number}）已受理",
        f"您的投诉（受理编号 {number}）已答复",
    ]
    for recipients, message in inbox.messages:
        assert recipients == ["person@example.invalid"]
        body = message.get_content()
        assert f"/track?tracking_no={number}" in body
        assert code not in body  # the query code is never mailed
    assert "并对办理结果作出评价" in inbox.messages[-1][1].get_content()


def test_no_address_no_mail(mailing_app, smtp_server, submit):
    _controller, inbox = smtp_server
    submit(contact_email="")
    submit(kind="tipoff", anonymous="y", contact_email="hidden@example.invalid")
    assert inbox.messages == []


def test_without_smtp_nothing_is_sent_and_nothing_fails(app, smtp_server, submit):
    _controller, inbox = smtp_server
    assert not app.config["SMTP_URL"]
    make_staff(app, "xinhua_staff", unit_code="xinhua")
    number, _code, _page = submit()
    _handle(app, number)
    assert inbox.messages == []


def test_a_mail_server_that_is_down_does_not_lose_the_step(app, submit, caplog):
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"  # nobody listens there
    number, _code, _page = submit(contact_email="person@example.invalid")
    with app.app_context():
        assert db.session.query(Complaint).filter_by(tracking_no=number).one()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"complaint {number}: notification e-mail not sent" in logged
    assert "person@example.invalid" not in logged
