"""The working-day calendar: which dates are working days (工作日) in mainland China.

Used for periods counted in working days, e.g. "a penalty decision is published within
7 working days of the decision" (国办发〔2018〕118号; configurable to 20 where local rules say so).

A date is a working day when it is a make-up working day (调休上班, usually a Saturday or
Sunday), or else when it is Monday to Friday and not a public holiday (放假调休). Holidays and
make-up days come from the yearly notice of the General Office of the State Council
(国务院办公厅关于X年部分节假日安排的通知, 国办发明电).

The list is configuration, not code: ``load_calendar(None)`` reads the embedded
``holidays_cn.json`` (2024-2026), and a deployment points the ``PORTAL_HOLIDAYS_FILE`` setting
at its own file of the same shape. **Update it every year** when the State Council publishes the
next year's notice (October-December): a year missing from the file is treated as having no
holidays, so deadlines in it come out too early. ``WorkingCalendar.covers`` lets callers warn
about that.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from importlib import resources

DEFAULT_HOLIDAYS_RESOURCE = "holidays_cn.json"

_SATURDAY = 5


class WorkingCalendar:
    """Working days given public holidays and make-up working days."""

    def __init__(self, holidays: Iterable[date], makeup_workdays: Iterable[date]) -> None:
        self.holidays: frozenset[date] = frozenset(holidays)
        self.makeup_workdays: frozenset[date] = frozenset(makeup_workdays)
        both = self.holidays & self.makeup_workdays
        if both:
            listed = ", ".join(sorted(d.isoformat() for d in both))
            raise ValueError(f"dates listed both as holiday and as make-up working day: {listed}")
        #: Years the lists say anything about; outside them only weekends are known.
        self.covered_years: frozenset[int] = frozenset(
            d.year for d in self.holidays | self.makeup_workdays
        )

    def __repr__(self) -> str:
        years = ", ".join(str(year) for year in sorted(self.covered_years)) or "none"
        return f"<WorkingCalendar years: {years}>"

    def covers(self, day: date) -> bool:
        """Whether the holiday list includes ``day``'s year (else holidays are unknown)."""
        return day.year in self.covered_years

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < _SATURDAY

    def first_working_day_on_or_after(self, day: date) -> date:
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start``; ``start`` itself never counts.

        ``n == 0`` returns ``start`` unchanged, even when it is not a working day.
        """
        if n < 0:
            raise ValueError(f"n must not be negative, got {n}")
        day = start
        remaining = n
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days lie in (start, end]; 0 when ``end`` is not after ``start``.

        The inverse of ``add_working_days``: ``working_days_between(s, add_working_days(s, n))
        == n``.
        """
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += timedelta(days=1)
        return count


def load_calendar(path: str | None) -> WorkingCalendar:
    """Read ``{"holidays": [...], "makeup_workdays": [...]}`` (ISO dates) from ``path``.

    ``None`` reads the embedded ``holidays_cn.json``. Keys starting with ``_`` are notes and are
    ignored. Raises ``ValueError`` for a malformed file, naming the bad entry.
    """
    if path is None:
        text = (
            resources.files(__package__)
            .joinpath(DEFAULT_HOLIDAYS_RESOURCE)
            .read_text(encoding="utf-8")
        )
        source = DEFAULT_HOLIDAYS_RESOURCE
    else:
        with open(path, encoding="utf-8") as file:
            text = file.read()
        source = path
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{source}: not valid JSON: {error}") from error
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a JSON object with holidays and makeup_workdays")
    unknown = sorted(key for key in data if not key.startswith("_"))
    unknown = [key for key in unknown if key not in ("holidays", "makeup_workdays")]
    if unknown:
        # A typo such as "makeup_days" would otherwise silently drop every make-up day.
        raise ValueError(f"{source}: unknown keys {unknown}")
    return WorkingCalendar(
        holidays=_parse_dates(data.get("holidays", []), source, "holidays"),
        makeup_workdays=_parse_dates(data.get("makeup_workdays", []), source, "makeup_workdays"),
    )


def _parse_dates(values: object, source: str, key: str) -> list[date]:
    if not isinstance(values, list):
        raise ValueError(f"{source}: {key} must be a list of ISO dates")
    dates = []
    for value in values:
        try:
            dates.append(date.fromisoformat(value))
        except (TypeError, ValueError) as error:
            raise ValueError(f"{source}: {key}: not an ISO date: {value!r}") from error
    return dates
