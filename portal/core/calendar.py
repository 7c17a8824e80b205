"""The working-day calendar: which dates are working days (工作日) in mainland China.

Used for periods counted in working days, e.g. "a penalty decision is published within
7 working days of the decision" (国办发〔2018〕118号; configurable to 20 where local rules say so),
and for the rule that a period ending on a rest day ends on the next working day (民法典 第203条).

A date is a working day when it is a make-up working day (调休上班, usually a Saturday or
Sunday), or else when it is Monday to Friday and not a public holiday (放假调休). Holidays and
make-up days come from the yearly notice of the General Office of the State Council
(国务院办公厅关于X年部分节假日安排的通知, 国办发明电): the embedded ``holidays_cn.json``
(2024-2026), a deployment's own ``PORTAL_HOLIDAYS_FILE``, and notices imported into the database
(``flask --app portal calendar import``, see ``calendar_store``), which win year by year.

A year no notice covers is never silently a year without holidays: its holidays are computed
from the law (``statutory_holidays``) and every day of it is **provisional**
(``is_provisional``) until the notice is imported. ``WorkingCalendar([], [])`` built by hand
without ``compute_missing`` knows only weekends (for tests of the counting itself).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from importlib import resources

from portal.core.statutory_holidays import computed_year, festival_near

DEFAULT_HOLIDAYS_RESOURCE = "holidays_cn.json"

_SATURDAY = 5


class WorkingCalendar:
    """Working days given public holidays and make-up working days."""

    def __init__(
        self,
        holidays: Iterable[date],
        makeup_workdays: Iterable[date],
        *,
        compute_missing: bool = False,
    ) -> None:
        self.holidays: frozenset[date] = frozenset(holidays)
        self.makeup_workdays: frozenset[date] = frozenset(makeup_workdays)
        both = self.holidays & self.makeup_workdays
        if both:
            listed = ", ".join(sorted(d.isoformat() for d in both))
            raise ValueError(f"dates listed both as holiday and as make-up working day: {listed}")
        #: Years an official list says anything about (the truth for those years).
        self.covered_years: frozenset[int] = frozenset(
            d.year for d in self.holidays | self.makeup_workdays
        )
        #: Whether other years get the law's computed holidays (else only weekends are known).
        self.compute_missing = compute_missing

    def __repr__(self) -> str:
        years = ", ".join(str(year) for year in sorted(self.covered_years)) or "none"
        return f"<WorkingCalendar years: {years}>"

    def with_years(self, years: Mapping[int, tuple[Iterable[date], Iterable[date]]]):
        """This calendar with whole years replaced: ``{year: (holidays, makeup_workdays)}``."""
        holidays = {day for day in self.holidays if day.year not in years}
        makeup = {day for day in self.makeup_workdays if day.year not in years}
        for year_holidays, year_makeup in years.values():
            holidays.update(year_holidays)
            makeup.update(year_makeup)
        return WorkingCalendar(holidays, makeup, compute_missing=self.compute_missing)

    def covers(self, day: date) -> bool:
        """Whether an official list includes ``day``'s year."""
        return day.year in self.covered_years

    def is_provisional(self, day: date) -> bool:
        """Whether ``day``'s status is computed from the law, not taken from a notice."""
        return self.compute_missing and day.year not in self.covered_years

    def provisional_years(self, first: date, last: date) -> list[int]:
        """The years of the days ``first..last`` whose status is provisional."""
        return [
            year
            for year in range(first.year, last.year + 1)
            if self.compute_missing and year not in self.covered_years
        ]

    def is_holiday(self, day: date) -> bool:
        if self.covers(day):
            return day in self.holidays
        return self.compute_missing and day in computed_year(day.year).holidays

    def is_makeup_workday(self, day: date) -> bool:
        return day in self.makeup_workdays

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if self.is_holiday(day):
            return False
        return day.weekday() < _SATURDAY

    def rest_reason(self, day: date) -> str:
        """Why ``day`` is not a working day, in Chinese ("" when it is one)."""
        if self.is_working_day(day):
            return ""
        if self.is_holiday(day):
            if self.covers(day):
                name = festival_near(day)
            else:
                name = computed_year(day.year).holidays.get(day)
            text = f"{name}假期" if name else "法定节假日"
            return text + ("（暂按法定假日推算）" if self.is_provisional(day) else "")
        return "星期六" if day.weekday() == _SATURDAY else "星期日"

    def year_days(self, year: int) -> tuple[list[date], list[date]]:
        """(days off, make-up working days) of ``year``, sorted."""
        if year in self.covered_years:
            holidays = sorted(d for d in self.holidays if d.year == year)
            makeup = sorted(d for d in self.makeup_workdays if d.year == year)
            return holidays, makeup
        if not self.compute_missing:
            return [], []
        return list(computed_year(year).holidays), []

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

    ``None`` reads the embedded ``holidays_cn.json``. Years the file does not cover get the
    law's computed holidays, marked provisional. Keys starting with ``_`` are notes and are
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
        compute_missing=True,
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
