"""The computed calendar against dates known from the published almanac and notices."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from portal.core.calendar import load_calendar
from portal.core.statutory_holidays import computed_year, festivals

D = date.fromisoformat

#: 正月初一, 端午, 中秋, 清明 as published (紫金山天文台 almanac) for 2024-2030
KNOWN = {
    2024: ("2024-02-10", "2024-06-10", "2024-09-17", "2024-04-04"),
    2025: ("2025-01-29", "2025-05-31", "2025-10-06", "2025-04-04"),
    2026: ("2026-02-17", "2026-06-19", "2026-09-25", "2026-04-05"),
    2027: ("2027-02-06", "2027-06-09", "2027-09-15", "2027-04-05"),
    2028: ("2028-01-26", "2028-05-28", "2028-10-03", "2028-04-04"),
    2029: ("2029-02-13", "2029-06-16", "2029-09-22", "2029-04-04"),
    2030: ("2030-02-03", "2030-06-05", "2030-09-12", "2030-04-05"),
}


@pytest.mark.parametrize("year", sorted(KNOWN))
def test_lunar_festivals_and_qingming(year):
    spring, dragon_boat, mid_autumn, qingming = map(D, KNOWN[year])
    by_name = {festival.name: festival.days for festival in festivals(year)}
    assert by_name["春节"] == tuple(spring + timedelta(days=n) for n in range(-1, 3))
    assert by_name["端午节"] == (dragon_boat,)
    assert by_name["中秋节"] == (mid_autumn,)
    assert by_name["清明节"] == (qingming,)


def test_2027_spring_festival_with_two_make_up_days():
    year = computed_year(2027)
    spring = [day for day, name in year.holidays.items() if name == "春节"]
    # 除夕 Friday 2-5 to 初三 Monday 2-8; 初一 and 初二 fall on the weekend: 2-9 and 2-10 off
    assert spring == [D(f"2027-02-0{n}") for n in range(5, 10)] + [D("2027-02-10")]
    assert sorted(day for day in year.makeup_days_off if day.month == 2) == [
        D("2027-02-09"),
        D("2027-02-10"),
    ]


def test_2028_mid_autumn_inside_national_day_is_made_up():
    year = computed_year(2028)
    october = sorted(day for day in year.holidays if day.month == 10)
    # 10-1 is a Sunday and 中秋 falls on 10-3: two make-up days, 10-4 and 10-5
    assert october == [D(f"2028-10-0{n}") for n in range(1, 6)]
    assert set(year.makeup_days_off) >= {D("2028-10-04"), D("2028-10-05")}


def test_2027_holidays_on_weekdays_need_no_make_up():
    year = computed_year(2027)
    assert D("2027-01-01") in year.holidays and D("2027-01-04") not in year.holidays
    assert year.holidays[D("2027-06-09")] == "端午节"


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_laws_days_are_inside_every_official_notice(year):
    # the revised 办法 applies from 2025: every day the law gives is off in the notice
    official = load_calendar(None)
    for festival in festivals(year):
        for day in festival.days:
            assert not official.is_working_day(day), (festival.name, day)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_embedded_table_agrees_with_chinese_calendar(year):
    official = load_calendar(None)
    day = date(year, 1, 1)
    while day.year == year:
        assert official.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_computed_years_are_provisional_and_official_ones_are_not():
    calendar = load_calendar(None)
    assert not calendar.is_provisional(D("2026-12-31"))
    assert calendar.is_provisional(D("2027-01-01"))
    assert not calendar.is_working_day(D("2027-01-01"))
    assert not calendar.is_working_day(D("2027-02-10"))
    assert calendar.is_working_day(D("2027-02-11"))
