"""Demo: last year's annual report, published (frozen) as the supervision office would."""

from datetime import UTC, date, datetime, time

from sqlalchemy import func, select

from portal.audit.services import CLI_ACTOR
from portal.core.models import LOCAL_TZ, local_today, utcnow
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.results.stats.annual_report import publish_annual_report, report_of
from portal.results.stats.models import AnnualReport


def load_demo_annual_reports(session) -> tuple[int, int]:
    """Publish the previous year's report once, dated in January (or now, if that is later)."""

    def total() -> int:
        return session.scalar(select(func.count()).select_from(AnnualReport))

    today = local_today()
    year = today.year - 1
    if report_of(session, year) is not None:
        return 0, total()
    january = datetime.combine(date(today.year, 1, 20), time(10), tzinfo=LOCAL_TZ)
    published_at = min(january.astimezone(UTC).replace(tzinfo=None), utcnow())
    publish_annual_report(
        session,
        CLI_ACTOR,
        year,
        today=today,
        now=published_at,
        calendar=working_calendar(),
        filing_days=current_settings().filing_days,
    )
    session.flush()
    return 1, total()
