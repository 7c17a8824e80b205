"""``flask --app portal complaints …``: jobs for cron."""

import click
from flask.cli import AppGroup

from portal.complaints.notify import notify_person
from portal.complaints.schedule import complaint_calendar
from portal.complaints.workflow import close_expired
from portal.core.models import local_today, utcnow
from portal.extensions import db

complaints_cli = AppGroup("complaints", help="Complaint jobs.")


@complaints_cli.command("close-expired")
def close_expired_command() -> None:
    """Close answered cases whose 30 days for rating or re-handling have passed (run daily)."""
    events = close_expired(
        db.session, today=local_today(), now=utcnow(), calendar=complaint_calendar()
    )
    db.session.commit()
    for event in events:
        notify_person(event.complaint, event)
    click.echo(f"Closed {len(events)} answered case(s) whose window had passed.")
