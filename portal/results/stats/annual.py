"""The annual statistics report (统计年报): a past year's figures, from 1 January on.

The report of a year is published from 1 January of the next year and is due by 31 January;
during January the back-office home reminds supervisors and administrators of it. The day is
a parameter so that tests can pick January or February.
"""

from datetime import date

from sqlalchemy import select

from portal.core.publication import PUBLISHED
from portal.results.stats.models import AnnualReport
from portal.staff.dashboard import dashboard_item

#: the last day of January on which the previous year's report is due
DUE_DAY = 31


def report_available(year: int, today: date) -> bool:
    """A year's report exists once the year is over (the current and future years: not yet)."""
    return year < today.year


def reminder_year(today: date) -> int | None:
    """The year whose report staff must publish this month, or None outside January."""
    return today.year - 1 if today.month == 1 and today.day <= DUE_DAY else None


def is_published(session, year: int) -> bool:
    """Whether the frozen report of ``year`` has been published (the reminder then stops)."""
    status = session.scalar(select(AnnualReport.status).where(AnnualReport.year == year))
    return status == PUBLISHED


@dashboard_item("annual report")
def annual_report_reminder(session, today: date) -> dict:
    """The reminder to publish last year's report by 31 January, or that it is published."""
    year = reminder_year(today)
    return {
        "annual_report_year": year,
        "annual_report_published": year is not None and is_published(session, year),
    }
