"""``flask --app portal calendar …``: what the calendar covers, importing a notice."""

import sys

import click
from flask.cli import AppGroup

from portal.audit.services import CLI_ACTOR
from portal.core.calendar_store import (
    ScheduleError,
    calendar_today,
    current_calendar,
    file_calendar,
    imported_years,
    next_year_provisional,
    parse_schedule,
)
from portal.extensions import db
from portal.holidays.services import import_schedule, recompute_open_deadlines
from portal.holidays.status import provisional_deadlines

calendar_cli = AppGroup("calendar", help="The working-day calendar and statutory holidays.")


@calendar_cli.command("status")
def status_command() -> None:
    """Covered years, whether next year is provisional; exit 1 when an open deadline rests on
    a provisional (computed) day."""
    today = calendar_today()
    calendar = current_calendar()
    imported = {row.year: row for row in imported_years(db.session)}
    file_years = file_calendar().covered_years
    click.echo(f"Today: {today.isoformat()}")
    for year in sorted(calendar.covered_years):
        where = (
            f"imported {imported[year].imported_at:%Y-%m-%d} ({imported[year].source})"
            if (year in imported)
            else "holiday file"
        )
        if year in imported and year in file_years:
            where += ", replaces the holiday file"
        click.echo(f"{year}: official ({where})")
    for year in (today.year, today.year + 1):
        if calendar.is_provisional(today.replace(year=year, month=1, day=1)):
            click.echo(f"{year}: PROVISIONAL (holidays computed from the law; 调休 unknown)")
    if next_year_provisional(calendar, today):
        click.echo(
            f"Next year ({today.year + 1}) is provisional: import the State Council's notice "
            "with `flask --app portal calendar import FILE` once it is published."
        )
    pending = provisional_deadlines(db.session, calendar, today)
    if pending.count:
        click.echo(
            f"{pending.complaints} open complaint deadline(s) and {pending.decisions} "
            f"publication deadline(s) fall on or after {pending.from_day.isoformat()}, "
            "a provisional day."
        )
        sys.exit(1)
    click.echo("No open deadline depends on a provisional day.")


@calendar_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_command(path: str) -> None:
    """Load one year's official schedule (JSON like holidays_cn.json); refuse a bad file."""
    with open(path, encoding="utf-8") as file:
        text = file.read()
    try:
        schedule = parse_schedule(text, source=path)
    except ScheduleError as error:
        click.echo(f"未导入（未作任何更改）：{error}", err=True)
        sys.exit(2)
    done = import_schedule(db.session, CLI_ACTOR, schedule)
    db.session.commit()
    click.echo(
        f"Imported {schedule.year}: {len(schedule.holidays)} day(s) off, "
        f"{len(schedule.makeup_workdays)} make-up working day(s). "
        f"Recomputed {len(done.complaints)} complaint and {len(done.decisions)} decision "
        "deadline(s)."
    )


@calendar_cli.command("recompute")
def recompute_command() -> None:
    """Derive every open due date from the current calendar again (after changing
    PORTAL_HOLIDAYS_FILE or upgrading); each change is audited."""
    done = recompute_open_deadlines(db.session, CLI_ACTOR, current_calendar())
    db.session.commit()
    click.echo(f"Recomputed {done.count} open deadline(s).")
