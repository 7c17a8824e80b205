"""The calendar every deadline uses: the official file, then the years imported into the
database (which win), then the law's computed holidays for any other year (provisional).

``current_calendar()`` checks the imports' version (one small query, once per request or
command) so that an import by one worker is seen by every other worker at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from flask import current_app, g
from sqlalchemy import func, select

from portal.core.calendar import WorkingCalendar, load_calendar
from portal.core.calendar_models import CalendarYear
from portal.core.models import local_today
from portal.extensions import db


def file_calendar() -> WorkingCalendar:
    """``HOLIDAYS_FILE`` (or the embedded list), read once per process."""
    calendar = current_app.extensions.get("file_calendar")
    if calendar is None:
        calendar = load_calendar(current_app.config.get("HOLIDAYS_FILE") or None)
        current_app.extensions["file_calendar"] = calendar
    return calendar


def current_calendar() -> WorkingCalendar:
    if "portal_calendar" in g:
        return g.portal_calendar
    version = tuple(
        db.session.execute(
            select(func.count(CalendarYear.year), func.max(CalendarYear.imported_at))
        ).one()
    )
    cached = current_app.extensions.get("imported_calendar")
    if cached is None or cached[0] != version:
        calendar = file_calendar()
        rows = db.session.scalars(select(CalendarYear)).all()
        if rows:
            calendar = calendar.with_years({row.year: _row_days(row) for row in rows})
        cached = (version, calendar)
        current_app.extensions["imported_calendar"] = cached
    g.portal_calendar = cached[1]
    return cached[1]


def forget_cached_calendar() -> None:
    g.pop("portal_calendar", None)


def imported_years(session) -> list[CalendarYear]:
    return session.scalars(select(CalendarYear).order_by(CalendarYear.year)).all()


def _row_days(row: CalendarYear) -> tuple[list[date], list[date]]:
    return (
        [date.fromisoformat(value) for value in json.loads(row.holidays_json)],
        [date.fromisoformat(value) for value in json.loads(row.makeup_workdays_json)],
    )


@dataclass(frozen=True)
class Schedule:
    """One year's official schedule, validated."""

    year: int
    holidays: tuple[date, ...]
    makeup_workdays: tuple[date, ...]
    source: str


class ScheduleError(ValueError):
    """A schedule file that cannot be imported; the message is for people, in Chinese."""


def parse_schedule(text: str, source: str) -> Schedule:
    """Validate a schedule file: ``{"holidays": [...], "makeup_workdays": [...]}`` (ISO dates,
    keys starting with ``_`` are notes; ``_source`` names the notice).

    Refuses: not JSON, unknown keys, a bad date, dates of more than one year, a day listed
    twice, a day both off and a working day, a make-up working day that is not a weekend day,
    no holidays at all.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScheduleError(f"文件不是有效的 JSON：{error}") from error
    if not isinstance(data, dict):
        raise ScheduleError("文件应为 JSON 对象，包含 holidays 和 makeup_workdays 两个列表")
    unknown = sorted(k for k in data if not k.startswith("_") and k not in _KEYS)
    if unknown:
        raise ScheduleError(f"未知的字段：{', '.join(unknown)}（只认 holidays 和 makeup_workdays）")
    holidays = _dates(data.get("holidays"), "holidays（放假日期）")
    makeup = _dates(data.get("makeup_workdays", []), "makeup_workdays（调休上班日期）")
    if not holidays:
        raise ScheduleError("holidays（放假日期）为空：一年的安排至少有元旦等法定假日")
    years = sorted({day.year for day in holidays + makeup})
    if len(years) > 1:
        raise ScheduleError(
            f"日期跨了多个年份（{'、'.join(map(str, years))}）：一个文件只能导入一年的安排"
        )
    for name, days in (("holidays（放假日期）", holidays), ("makeup_workdays", makeup)):
        seen = set()
        for day in days:
            if day in seen:
                raise ScheduleError(f"{name} 中 {day.isoformat()} 重复出现")
            seen.add(day)
    both = sorted(set(holidays) & set(makeup))
    if both:
        listed = "、".join(day.isoformat() for day in both)
        raise ScheduleError(f"{listed} 既列为放假日又列为调休上班日")
    weekdays = [day for day in makeup if day.weekday() < 5]
    if weekdays:
        listed = "、".join(day.isoformat() for day in weekdays)
        raise ScheduleError(f"调休上班日 {listed} 不是星期六或星期日：周一至周五本来就上班")
    note = data.get("_source", "")
    if isinstance(note, list):
        note = " ".join(str(part) for part in note)
    return Schedule(
        year=years[0],
        holidays=tuple(sorted(holidays)),
        makeup_workdays=tuple(sorted(makeup)),
        source=(str(note) or source)[:200],
    )


_KEYS = ("holidays", "makeup_workdays")


def _dates(values, name: str) -> list[date]:
    if not isinstance(values, list):
        raise ScheduleError(f"{name} 应为日期列表（YYYY-MM-DD）")
    days = []
    for value in values:
        try:
            days.append(date.fromisoformat(value))
        except (TypeError, ValueError):
            raise ScheduleError(f"{name} 中 {value!r} 不是有效日期（应为 YYYY-MM-DD）") from None
    return days


#: from this month on, next year's missing notice is reported by /healthz
WARN_FROM_MONTH = 11


def calendar_today() -> date:
    """Today, or the ``TODAY`` setting (an ISO date) so that tests stand on any day."""
    configured = current_app.config.get("TODAY")
    if configured:
        return configured if isinstance(configured, date) else date.fromisoformat(configured)
    return local_today()


def first_provisional_day(calendar: WorkingCalendar, today: date) -> date | None:
    """1 January of the first year from ``today``'s on that no official schedule covers."""
    if not calendar.compute_missing:
        return None
    year = today.year
    while year in calendar.covered_years:
        year += 1
    return date(year, 1, 1)


def next_year_provisional(calendar: WorkingCalendar, today: date) -> bool:
    return calendar.is_provisional(date(today.year + 1, 1, 1))


def health_flag(calendar: WorkingCalendar, today: date) -> str:
    """``provisional-next-year`` from 1 November while next year is not imported, else ``ok``
    (``provisional`` when even this year is computed)."""
    if calendar.is_provisional(today):
        return "provisional"
    if today.month >= WARN_FROM_MONTH and next_year_provisional(calendar, today):
        return "provisional-next-year"
    return "ok"
