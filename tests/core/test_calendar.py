import json
from datetime import date, timedelta

import pytest

from portal.core.calendar import WorkingCalendar, load_calendar


@pytest.fixture(scope="module")
def calendar():
    return load_calendar(None)


def test_weekdays_work_and_weekends_rest(calendar):
    assert calendar.is_working_day(date(2026, 3, 6))  # Friday
    assert not calendar.is_working_day(date(2026, 3, 7))  # Saturday
    assert not calendar.is_working_day(date(2026, 3, 8))  # Sunday
    assert calendar.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)


def test_holiday_week_is_skipped_even_on_weekdays(calendar):
    # 国庆中秋 2025: 1-8 October off, 11 October (Saturday) worked.
    for day in range(1, 9):
        assert not calendar.is_working_day(date(2025, 10, day))
    assert calendar.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert calendar.working_days_between(date(2025, 9, 30), date(2025, 10, 8)) == 0


def test_makeup_saturday_and_sunday_are_working_days(calendar):
    assert calendar.is_working_day(date(2025, 2, 8))  # Saturday after 春节 2025
    assert calendar.is_working_day(date(2026, 2, 28))  # Saturday after 春节 2026
    assert calendar.is_working_day(date(2025, 1, 26))  # Sunday before 春节 2025
    # Thursday before a 调休 Saturday: Friday, then the Saturday itself.
    assert calendar.add_working_days(date(2026, 2, 26), 2) == date(2026, 2, 28)


def test_eve_of_chinese_new_year_2024_was_a_working_day(calendar):
    # The 2024 notice only encouraged employers to give 除夕 off; from 2025 it is a holiday.
    assert calendar.is_working_day(date(2024, 2, 9))
    assert not calendar.is_working_day(date(2025, 1, 28))


def test_year_boundary(calendar):
    # 31 Dec 2025, then 1-3 Jan 2026 off and Sunday 4 Jan worked.
    assert calendar.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)
    assert calendar.add_working_days(date(2025, 12, 31), 2) == date(2026, 1, 5)
    assert calendar.working_days_between(date(2025, 12, 30), date(2026, 1, 5)) == 3


def test_zero_working_days_is_the_start_itself(calendar):
    assert calendar.add_working_days(date(2026, 3, 6), 0) == date(2026, 3, 6)
    assert calendar.add_working_days(date(2026, 10, 3), 0) == date(2026, 10, 3)


def test_negative_working_days_are_refused(calendar):
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2026, 3, 6), -1)


@pytest.mark.parametrize(
    ("decided_on", "days", "due_on"),
    [
        # An ordinary Friday.
        (date(2026, 3, 6), 7, date(2026, 3, 17)),
        (date(2026, 3, 6), 20, date(2026, 4, 3)),
        # A Friday before 劳动节 2026 (1-5 May off, Saturday 9 May worked).
        (date(2026, 4, 24), 7, date(2026, 5, 8)),
        (date(2026, 4, 24), 20, date(2026, 5, 26)),
        # The eve of 国庆 2025 (1-8 Oct off, 11 Oct worked) and 2026 (1-7 Oct off, 10 Oct worked).
        (date(2025, 9, 30), 7, date(2025, 10, 16)),
        (date(2025, 9, 30), 20, date(2025, 11, 4)),
        (date(2026, 9, 30), 7, date(2026, 10, 15)),
        (date(2026, 9, 30), 20, date(2026, 11, 3)),
    ],
)
def test_publication_within_7_and_20_working_days(calendar, decided_on, days, due_on):
    assert calendar.add_working_days(decided_on, days) == due_on
    assert calendar.working_days_between(decided_on, due_on) == days


def test_working_days_between_is_the_inverse_of_add_working_days(calendar):
    start = date(2024, 1, 1)
    for offset in range(0, 3 * 366, 5):
        day = start + timedelta(days=offset)
        for n in (0, 1, 7, 20):
            assert calendar.working_days_between(day, calendar.add_working_days(day, n)) == n


def test_working_days_between_an_empty_range_is_zero(calendar):
    assert calendar.working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0
    assert calendar.working_days_between(date(2026, 3, 9), date(2026, 3, 2)) == 0


def test_embedded_list_is_consistent(calendar):
    assert {2024, 2025, 2026} <= calendar.covered_years
    assert calendar.covers(date(2026, 12, 31))
    assert not calendar.covers(date(2030, 1, 1))
    # 调休 always moves work onto a weekend day.
    assert all(day.weekday() >= 5 for day in calendar.makeup_workdays)
    assert not calendar.holidays & calendar.makeup_workdays


def test_load_calendar_from_file(tmp_path):
    path = tmp_path / "holidays.json"
    path.write_text(
        json.dumps(
            {
                "_source": "test",
                "holidays": ["2030-01-01"],
                "makeup_workdays": ["2030-01-05"],
            }
        ),
        encoding="utf-8",
    )
    calendar = load_calendar(str(path))
    assert not calendar.is_working_day(date(2030, 1, 1))
    assert calendar.is_working_day(date(2030, 1, 5))
    assert calendar.covered_years == {2030}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"holidays": ["2030-02-30"]}', "not an ISO date"),
        ('{"holidays": "2030-01-01"}', "must be a list"),
        ('{"holidays": [], "makeup_days": ["2030-01-05"]}', "unknown keys"),
        ('["2030-01-01"]', "JSON object"),
        ("{", "not valid JSON"),
    ],
)
def test_load_calendar_rejects_malformed_files(tmp_path, content, message):
    path = tmp_path / "holidays.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_calendar(str(path))


def test_a_date_cannot_be_both_holiday_and_makeup_day():
    with pytest.raises(ValueError, match="2030-01-01"):
        WorkingCalendar(holidays=[date(2030, 1, 1)], makeup_workdays=[date(2030, 1, 1)])
