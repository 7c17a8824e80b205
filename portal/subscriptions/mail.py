"""The two mails of a subscription: the confirmation (double opt-in) and the daily digest.

Every mail carries ``List-Unsubscribe`` (the one-click address) and ``List-Unsubscribe-Post:
List-Unsubscribe=One-Click`` (RFC 8058), and the same address as a link in its text. Sent
through the complaints' SMTP sender (``PORTAL_SMTP_URL``); nothing is sent without it.
"""

import smtplib
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, render_template, url_for

from portal.complaints.notify import _send as send_message  # the one SMTP sender of the portal
from portal.subscriptions.kinds import SUBSCRIPTION_KINDS
from portal.subscriptions.models import Subscription
from portal.subscriptions.services import Digest


def mail_enabled() -> bool:
    return bool(current_app.config.get("SMTP_URL"))


def _scope(subscription: Subscription) -> str:
    return subscription.unit.name if subscription.unit else "全部执法单位"


def _message(subscription: Subscription, subject: str, template: str, **context) -> EmailMessage:
    unsubscribe_url = url_for("subscriptions.unsubscribe", token=subscription.token, _external=True)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = current_app.config["COMPLAINT_MAIL_FROM"]
    message["To"] = subscription.email
    message["Message-ID"] = make_msgid(domain="subscriptions.portal")
    message["List-Id"] = "<subscriptions.portal>"
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(
        render_template(
            template,
            subscription=subscription,
            scope=_scope(subscription),
            kinds=[SUBSCRIPTION_KINDS[k].label for k in subscription.kind_list],
            unsubscribe_url=unsubscribe_url,
            **context,
        )
    )
    return message


def _deliver(subscription: Subscription, message: EmailMessage, what: str) -> bool:
    try:
        send_message(current_app.config["SMTP_URL"], message)
    except (OSError, smtplib.SMTPException) as error:
        # the address never goes to the log (it may also be in the server's error text)
        current_app.logger.warning(
            "subscription %s: %s not sent (%s)", subscription.id, what, type(error).__name__
        )
        return False
    return True


def send_confirmation(subscription: Subscription) -> bool:
    message = _message(
        subscription,
        f"请确认订阅：{_scope(subscription)}的公示信息",
        "subscriptions/email/confirm.txt",
        confirm_url=url_for("subscriptions.confirm", token=subscription.token, _external=True),
    )
    return _deliver(subscription, message, "confirmation")


def send_digest(digest: Digest, day_label: str) -> bool:
    subscription = digest.subscription
    message = _message(
        subscription,
        f"{day_label}公示摘要：{_scope(subscription)}（{len(digest.changes)}条）",
        "subscriptions/email/digest.txt",
        digest=digest,
        changes_url=url_for("opendata.changes", _external=True),
    )
    return _deliver(subscription, message, "digest")
