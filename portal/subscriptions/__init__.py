"""E-mail subscriptions without an account: double opt-in, a daily digest, one-click
unsubscribe (``/subscriptions/``, ``flask --app portal subscriptions send-digest``)."""

import click
from flask import current_app
from flask.cli import AppGroup

from portal.core.models import local_today, utcnow
from portal.extensions import db
from portal.subscriptions import services
from portal.subscriptions.mail import mail_enabled, send_digest
from portal.subscriptions.views import bp

__all__ = ["bp", "subscriptions_cli"]

subscriptions_cli = AppGroup("subscriptions", help="E-mail subscriptions.")


@subscriptions_cli.command("send-digest")
def send_digest_command() -> None:
    """Mail each confirmed subscriber what was published, corrected or withdrawn since their
    last digest (run daily from cron); forget subscriptions left unconfirmed for 7 days."""
    now = utcnow()
    forgotten = services.forget_unconfirmed(db.session, now)
    db.session.commit()
    if not mail_enabled():
        click.echo(f"PORTAL_SMTP_URL is not set: nothing sent ({forgotten} unconfirmed removed).")
        return
    public_url = current_app.config.get("PUBLIC_URL") or ""
    if not public_url and not current_app.config.get("SERVER_NAME"):
        raise click.ClickException(
            "set PORTAL_PUBLIC_URL (e.g. https://portal.example): the digests link to the site"
        )
    day_label = f"{local_today().month}月{local_today().day}日"
    sent = failed = 0
    # the mails' links are built as if for a request to the public address
    with current_app.test_request_context("/", base_url=public_url or None):
        for digest in services.due_digests(db.session, now):
            if send_digest(digest, day_label):
                digest.subscription.digest_through = now
                db.session.commit()
                sent += 1
            else:
                failed += 1
    current_app.logger.info("subscription digests: %s sent, %s failed", sent, failed)
    click.echo(f"Digests sent: {sent}, failed: {failed}, unconfirmed removed: {forgotten}.")
    if failed:
        raise SystemExit(1)
