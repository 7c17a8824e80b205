"""E-mail to the person at each step, when ``PORTAL_SMTP_URL`` is set; nothing otherwise.

``smtp://user:password@host:25`` sends in plain SMTP (STARTTLS when the server offers it or
``?starttls=1``), ``smtps://…:465`` over TLS. Mail goes out after the step has committed, so a
mail server that is down never loses or blocks a step; the failure is logged by tracking
number only — never the address, which may also appear in the server's error text.

The message says what happened and where to look (/track with the tracking number); it never
carries the query code, and a tip-off's content stays out of it.
"""

import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app, render_template, url_for

from portal.complaints.models import Complaint, ComplaintEvent

SMTP_TIMEOUT = 10

#: history actions that tell the person something (the person's own steps are not mailed back)
NOTIFIED_ACTIONS = {
    "submitted": "已收到",
    "accepted": "已受理",
    "rejected": "不予受理",
    "assigned": "正在办理",
    "reassigned": "已转交办理",
    "extended": "办理期限已延长",
    "answered": "已答复",
    "rehandling_answered": "复查意见已答复",
    "closed": "已办结",
}


def notify_person(complaint: Complaint, event: ComplaintEvent) -> bool:
    """Send the step's e-mail if configured and the person gave an address; True when sent."""
    smtp_url = current_app.config.get("SMTP_URL")
    if not smtp_url or not complaint.contact_email or complaint.is_anonymous:
        return False
    if event.action not in NOTIFIED_ACTIONS or (
        event.action == "assigned" and complaint.state != "in_progress"
    ):
        return False
    message = _message(complaint, event)
    try:
        _send(smtp_url, message)
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning(
            "complaint %s: notification e-mail not sent (%s)",
            complaint.tracking_no,
            type(error).__name__,
        )
        return False
    return True


def _message(complaint: Complaint, event: ComplaintEvent) -> EmailMessage:
    config = current_app.config
    what = NOTIFIED_ACTIONS[event.action]
    message = EmailMessage()
    message["Subject"] = f"您的{complaint.kind_label}（受理编号 {complaint.tracking_no}）{what}"
    message["From"] = config["COMPLAINT_MAIL_FROM"]
    message["To"] = complaint.contact_email
    message.set_content(
        render_template(
            "complaints/email/step.txt",
            complaint=complaint,
            event=event,
            what=what,
            track_url=url_for(
                "complaints.track", tracking_no=complaint.tracking_no, _external=True
            ),
        )
    )
    return message


def _send(smtp_url: str, message: EmailMessage) -> None:
    parts = urlsplit(smtp_url)
    options = parse_qs(parts.query)
    host = parts.hostname or "localhost"
    if parts.scheme == "smtps":
        context = ssl.create_default_context()
        smtp = smtplib.SMTP_SSL(host, parts.port or 465, timeout=SMTP_TIMEOUT, context=context)
    else:
        smtp = smtplib.SMTP(host, parts.port or 25, timeout=SMTP_TIMEOUT)
    with smtp:
        if parts.scheme != "smtps":
            smtp.ehlo()
            if options.get("starttls") == ["1"] or smtp.has_extn("starttls"):
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
        if parts.username:
            smtp.login(unquote(parts.username), unquote(parts.password or ""))
        smtp.send_message(message)
