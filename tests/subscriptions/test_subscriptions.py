"""E-mail subscriptions, with a real SMTP server (aiosmtpd) receiving the mail: double opt-in,
the daily digest, one-click unsubscribe (RFC 8058), filters by unit and kind, bad input, the
rate limit, and the address never shown or logged."""

import email
import re
from datetime import timedelta
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from portal.audit.services import CLI_ACTOR
from portal.core.models import utcnow
from portal.disclosure.decisions.services import publish_decision, withdraw_decision
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.org.models import Unit
from portal.subscriptions.models import Subscription
from tests.factories import add_decision
from tests.live_server import free_port

ADDRESS = "reader@example.invalid"


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def inbox(app):
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{controller.port}"
    with app.app_context():
        load_demo_units(db.session)
        db.session.commit()
    yield box
    controller.stop()


def _subscribe(client, address=ADDRESS, unit="xinhua", kinds=("decisions", "withdrawals")):
    return client.post(
        "/subscriptions/", data={"email": address, "unit": unit, "kinds": list(kinds)}
    )


def _link(message, path: str) -> str:
    return re.search(rf"https?://[^\s]+{path}[^\s]+", message.get_content()).group(0)


def _publish(app, unit_code="xinhua", withdraw=False):
    with app.app_context():
        unit = db.session.scalars(select(Unit).where(Unit.code == unit_code)).one()
        decision = add_decision(unit)
        publish_decision(db.session, CLI_ACTOR, decision, may_review=True, now=utcnow())
        if withdraw:
            withdraw_decision(db.session, CLI_ACTOR, decision, "文书号录入错误", now=utcnow())
        db.session.commit()
        return decision.public_id


def _confirm(client, inbox):
    _to, confirmation = inbox.messages[-1]
    path = _link(confirmation, "/subscriptions/confirm/").split("portal.test", 1)[1]
    page = client.get(path)
    assert page.status_code == 200 and "确认订阅" in page.get_data(as_text=True)
    assert client.post(path).status_code == 200


def _one_click_headers(message):
    unsubscribe = message["List-Unsubscribe"]
    assert re.fullmatch(r"<http://portal\.test/subscriptions/unsubscribe/[\w-]+>", unsubscribe)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in message.get_content()  # and a link in the text
    return unsubscribe.strip("<>")


def test_double_opt_in_then_a_daily_digest_with_one_click_unsubscribe(app, client, runner, inbox):
    response = _subscribe(client)
    assert response.status_code == 200 and "请查收确认邮件" in response.get_data(as_text=True)
    [(recipients, confirmation)] = inbox.messages
    assert recipients == [ADDRESS]
    assert "请确认订阅" in confirmation["Subject"]
    _one_click_headers(confirmation)

    _publish(app)  # before confirmation: never mailed
    assert runner.invoke(args=["subscriptions", "send-digest"]).exit_code == 0
    assert len(inbox.messages) == 1

    _confirm(client, inbox)
    public_id = _publish(app)
    result = runner.invoke(args=["subscriptions", "send-digest"])
    assert result.exit_code == 0 and "Digests sent: 1" in result.output
    recipients, digest = inbox.messages[-1]
    assert recipients == [ADDRESS]
    assert "公示摘要" in digest["Subject"] and "（1条）" in digest["Subject"]
    assert f"http://portal.test/decisions/{public_id}" in digest.get_content()
    unsubscribe_url = _one_click_headers(digest)

    # the next day, nothing new: no mail
    assert "Digests sent: 0" in runner.invoke(args=["subscriptions", "send-digest"]).output

    # RFC 8058: the mail provider POSTs the body below, without cookies or a form token
    path = unsubscribe_url.split("portal.test", 1)[1]
    assert client.get(path).status_code == 200  # a page with a button: GET changes nothing
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "已退订" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Subscription.id))) == 0
    _publish(app)
    runner.invoke(args=["subscriptions", "send-digest"])
    assert len(inbox.messages) == 2
    assert client.get(path).status_code == 404  # the link is dead now


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_one_click_unsubscribe_needs_no_form_token(app, client, inbox):
    with app.app_context():
        db.session.add(Subscription(email=ADDRESS, kinds="decisions", token="t" * 43))
        db.session.commit()
    response = client.post(
        "/subscriptions/unsubscribe/" + "t" * 43,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    with app.app_context():
        assert db.session.scalar(select(func.count(Subscription.id))) == 0


def test_digests_follow_the_unit_and_the_kinds(app, client, runner, inbox):
    _subscribe(client, "decisions@example.invalid", unit="weidong", kinds=("decisions",))
    _confirm(client, inbox)
    _subscribe(client, "withdrawals@example.invalid", unit="", kinds=("withdrawals",))
    _confirm(client, inbox)
    inbox.messages.clear()
    xinhua = _publish(app, "xinhua")
    weidong = _publish(app, "weidong")
    withdrawn = _publish(app, "xinhua", withdraw=True)
    runner.invoke(args=["subscriptions", "send-digest"])
    by_recipient = {to[0]: message.get_content() for to, message in inbox.messages}
    decisions_mail = by_recipient["decisions@example.invalid"]
    assert weidong in decisions_mail and xinhua not in decisions_mail
    withdrawals_mail = by_recipient["withdrawals@example.invalid"]
    assert withdrawn in withdrawals_mail and "文书号录入错误" in withdrawals_mail
    assert xinhua not in withdrawals_mail and weidong not in withdrawals_mail


def test_a_second_sign_up_replaces_the_first_once_confirmed(app, client, inbox):
    _subscribe(client, kinds=("decisions",))
    _confirm(client, inbox)
    _subscribe(client, kinds=("outcomes",))
    _confirm(client, inbox)
    with app.app_context():
        assert db.session.scalars(select(Subscription.kinds)).all() == ["outcomes"]


def test_bad_input_is_a_chinese_400_that_keeps_what_was_typed(app, client, inbox):
    for data, message in (
        ({"email": "not-an-address", "unit": "xinhua", "kinds": "decisions"}, "电子邮箱格式不正确"),
        ({"email": "", "unit": "xinhua", "kinds": "decisions"}, "请填写电子邮箱"),
        ({"email": "a@b", "unit": "xinhua", "kinds": "decisions"}, "电子邮箱格式不正确"),
        ({"email": ADDRESS, "unit": "nowhere", "kinds": "decisions"}, "没有这个执法单位"),
        ({"email": ADDRESS, "unit": "xinhua"}, "请至少选择一类"),
        ({"email": ADDRESS, "unit": "xinhua", "kinds": "secrets"}, "请至少选择一类"),
    ):
        response = client.post("/subscriptions/", data=data)
        html = response.get_data(as_text=True)
        assert response.status_code == 400, data
        assert message in html, data
        assert f'value="{data["email"]}"' in html  # what was typed stays
    assert client.get("/subscriptions/confirm/nonsense").status_code == 404
    assert "链接无效" in client.get("/subscriptions/confirm/nonsense").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Subscription.id))) == 0
    assert inbox.messages == []


def test_without_smtp_nothing_is_stored_or_sent(app, client):
    with app.app_context():
        load_demo_units(db.session)
        db.session.commit()
    assert "暂未开通邮件发送" in client.get("/subscriptions/").get_data(as_text=True)
    response = _subscribe(client)
    assert response.status_code == 503
    with app.app_context():
        assert db.session.scalar(select(func.count(Subscription.id))) == 0


@pytest.mark.app_config(RATELIMIT_ENABLED=True, SUBSCRIBE_LIMIT="2 per hour")
def test_the_form_is_rate_limited_per_client(client, inbox):
    assert _subscribe(client, "one@example.invalid").status_code == 200
    assert _subscribe(client, "two@example.invalid").status_code == 200
    response = _subscribe(client, "three@example.invalid")
    assert response.status_code == 429
    assert "订阅提交过于频繁" in response.get_data(as_text=True)
    assert client.get("/subscriptions/").status_code == 200  # the form itself is free


def test_the_address_is_never_shown_nor_logged(app, client, runner, inbox, caplog):
    _subscribe(client)
    _confirm(client, inbox)
    _publish(app)
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"  # the mail server is down
    result = runner.invoke(args=["subscriptions", "send-digest"])
    assert result.exit_code == 1
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "subscription 1: digest not sent" in logged
    assert ADDRESS not in logged and ADDRESS not in result.output
    for path in ("/changes/", "/open-data/current.jsonl", "/open-data/", "/subscriptions/"):
        assert ADDRESS not in client.get(path).get_data(as_text=True), path


def test_unconfirmed_addresses_are_forgotten_after_seven_days(app, client, runner, inbox):
    _subscribe(client)
    with app.app_context():
        db.session.execute(
            Subscription.__table__.update().values(created_at=utcnow() - timedelta(days=8))
        )
        db.session.commit()
    assert "unconfirmed removed: 1" in runner.invoke(args=["subscriptions", "send-digest"]).output
    with app.app_context():
        assert db.session.scalar(select(func.count(Subscription.id))) == 0


@pytest.mark.app_config(SERVER_NAME=None, PUBLIC_URL="https://cgj.example.gov.cn")
def test_digests_sent_from_cron_link_to_the_public_address(app, client, runner, inbox):
    _subscribe(client)
    with app.app_context():
        subscription = db.session.scalars(select(Subscription)).one()
        subscription.confirmed_at = subscription.digest_through = utcnow() - timedelta(hours=1)
        db.session.commit()
    public_id = _publish(app)
    result = runner.invoke(args=["subscriptions", "send-digest"])
    assert result.exit_code == 0, result.output
    _to, digest = inbox.messages[-1]
    assert f"https://cgj.example.gov.cn/decisions/{public_id}" in digest.get_content()
    assert digest["List-Unsubscribe"].startswith("<https://cgj.example.gov.cn/subscriptions/")
    app.config["PUBLIC_URL"] = ""
    result = runner.invoke(args=["subscriptions", "send-digest"])
    assert result.exit_code != 0 and "PORTAL_PUBLIC_URL" in result.output
