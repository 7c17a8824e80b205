"""Periods as the law counts them (民法典 第二百零一条 to 第二百零四条).

- 第201条: the day of the event is not counted; day 1 is the next day.
- 第202条: a period in years or months ends on the corresponding day of the last month, or on
  that month's last day when it has no corresponding day (5 years from 2028-02-29 end on
  2033-02-28).
- 第203条: a period whose last day is a statutory rest day (weekend or holiday, not a 调休
  make-up working day) ends on the day after the rest ends; the last day runs until 24:00.
- Working-day periods count only working days: weekends and holidays are skipped, make-up
  working days count.

Each function returns a ``Period`` with the due date, whether it rests on a provisional
(computed, not yet officially published) day, and every day that was skipped or rolled over,
with its reason, for the calculator on /calendar.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import date, timedelta

from portal.core.calendar import WorkingCalendar


@dataclass(frozen=True)
class SkippedDay:
    day: date
    reason: str


@dataclass(frozen=True)
class Period:
    start: date
    #: the last day of the period (met until 24:00)
    due: date
    #: the last day before any roll-over to a working day (calendar-day periods)
    nominal_end: date
    #: whether a day the period depends on is computed, not officially published
    provisional: bool
    skipped: tuple[SkippedDay, ...]


def add_months(day: date, months: int) -> date:
    """The corresponding day ``months`` later, or that month's last day (第202条)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    return add_months(day, 12 * years)


def calendar_days(start: date, days: int, calendar: WorkingCalendar | None) -> Period:
    """``days`` calendar days after ``start``; a rest-day end rolls to the next working day."""
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    nominal_end = start + timedelta(days=days)
    return _rolled(start, nominal_end, calendar)


def working_days(start: date, days: int, calendar: WorkingCalendar) -> Period:
    """The ``days``-th working day after ``start``; ``start`` itself never counts."""
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    skipped = []
    day, remaining = start, days
    while remaining:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            remaining -= 1
        else:
            skipped.append(SkippedDay(day, calendar.rest_reason(day)))
    return Period(
        start, day, day, _provisional(calendar, start + timedelta(days=1), day), tuple(skipped)
    )


def _rolled(start: date, nominal_end: date, calendar: WorkingCalendar | None) -> Period:
    if calendar is None:
        return Period(start, nominal_end, nominal_end, False, ())
    skipped = []
    due = nominal_end
    while not calendar.is_working_day(due):
        skipped.append(SkippedDay(due, calendar.rest_reason(due)))
        due += timedelta(days=1)
    return Period(start, due, nominal_end, _provisional(calendar, nominal_end, due), tuple(skipped))


def _provisional(calendar: WorkingCalendar, first: date, last: date) -> bool:
    """Whether any of the days ``first..last`` (inclusive) is provisional."""
    return bool(calendar.provisional_years(first, last))
