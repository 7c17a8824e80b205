"""The statutory public holidays of a year, computed from the law when no official notice is
loaded (全国年节及纪念日放假办法, revised 2024, in force from 2025).

第二条 gives every citizen: 元旦 1 day (1 January); 春节 4 days (除夕 to 正月初三); 清明节 1 day
(the day of the 清明 solar term); 劳动节 2 days (1-2 May); 端午节 1 day (五月初五); 中秋节 1 day
(八月十五); 国庆节 3 days (1-3 October). 第六条: a holiday that falls on a Saturday or Sunday is
made up (补假) on a working day; a holiday that falls on another holiday (2028: 中秋 on 3 October)
is made up too. Here the make-up day is the next working day after the holiday's span, which is
what the State Council's notices do when they give the make-up day without moving others.

What the law does not fix, and only the State Council's yearly notice (国办发明电) says, is the
调休: the weekend days that become working days so that a holiday joins a weekend. A computed
year therefore has no make-up working days, and every day of it is *provisional* until the
notice is imported (``flask --app portal calendar import``).

Lunar dates come from ``lunardate`` (the Hong Kong Observatory's table, 1900-2099) and the 清明
term from ``chinese_calendar.get_solar_terms``; both were checked against the published dates of
2024-2030 (tests/core/test_statutory_holidays.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar
from lunardate import LunarDate

_SATURDAY = 5

#: names of the festivals, in the order of 第二条
NEW_YEAR = "元旦"
SPRING_FESTIVAL = "春节"
QINGMING = "清明节"
LABOUR_DAY = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL_DAY = "国庆节"


@dataclass(frozen=True)
class Festival:
    name: str
    #: the days the law gives, before any make-up day
    days: tuple[date, ...]


@dataclass(frozen=True)
class ComputedYear:
    year: int
    #: every day off (the law's days and the make-up days), with the festival it belongs to
    holidays: dict[date, str]
    #: the make-up days among ``holidays`` (第六条), with the festival they make up for
    makeup_days_off: dict[date, str]


def qingming_on(year: int) -> date:
    terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))
    for day, name in terms:
        if name == "清明":
            return day
    raise ValueError(f"no 清明 term found in April {year}")


def festivals(year: int) -> list[Festival]:
    """The law's holidays of ``year`` (第二条), in date order."""
    spring = LunarDate(year, 1, 1).to_solar_date()
    found = [
        Festival(NEW_YEAR, (date(year, 1, 1),)),
        Festival(SPRING_FESTIVAL, tuple(spring + timedelta(days=n) for n in range(-1, 3))),
        Festival(QINGMING, (qingming_on(year),)),
        Festival(LABOUR_DAY, (date(year, 5, 1), date(year, 5, 2))),
        Festival(DRAGON_BOAT, (LunarDate(year, 5, 5).to_solar_date(),)),
        Festival(MID_AUTUMN, (LunarDate(year, 8, 15).to_solar_date(),)),
        Festival(NATIONAL_DAY, (date(year, 10, 1), date(year, 10, 2), date(year, 10, 3))),
    ]
    return sorted(found, key=lambda festival: festival.days[0])


@lru_cache(maxsize=64)
def computed_year(year: int) -> ComputedYear:
    """The days off of ``year`` as the law alone gives them (see the module docstring)."""
    holidays: dict[date, str] = {}
    makeup: dict[date, str] = {}
    for festival in festivals(year):
        owed = 0
        for day in festival.days:
            if day in holidays or day.weekday() >= _SATURDAY:
                owed += 1
            holidays.setdefault(day, festival.name)
        day = festival.days[-1]
        while owed:
            day += timedelta(days=1)
            if day.weekday() < _SATURDAY and day not in holidays:
                holidays[day] = festival.name
                makeup[day] = festival.name
                owed -= 1
    return ComputedYear(year, dict(sorted(holidays.items())), makeup)


def festival_near(day: date) -> str | None:
    """The festival whose span (with adjoining weekend and make-up days) includes ``day``.

    Names the days off of an official notice, which lists dates without names.
    """
    for festival in festivals(day.year):
        first, last = festival.days[0], festival.days[-1]
        if first - timedelta(days=3) <= day <= last + timedelta(days=4):
            return festival.name
    return None
