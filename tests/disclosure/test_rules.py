"""The publication rules as plain functions: 重大 thresholds, deadlines, retention."""

from datetime import date
from decimal import Decimal

import pytest

from portal.core.calendar import WorkingCalendar, load_calendar
from portal.disclosure.decisions.rules import (
    DecisionSettings,
    RetentionCutoffs,
    detect_measures,
    major_reasons,
    publication_due_on,
    withdrawal_due_on,
)

CALENDAR = load_calendar(None)


@pytest.mark.parametrize(
    ("party_type", "fine", "major"),
    [
        ("person", "9999.99", False),
        ("person", "10000", True),
        ("person", "25000", True),
        ("organisation", "10000", False),
        ("organisation", "99999.99", False),
        ("organisation", "100000", True),
    ],
)
def test_fine_thresholds(party_type, fine, major):
    assert bool(major_reasons(party_type, Decimal(fine), False, False)) is major


def test_stop_of_business_and_revoked_licence_are_major_at_any_fine():
    assert major_reasons("person", Decimal("0"), True, False) == ["责令停产停业或关闭"]
    assert major_reasons("organisation", Decimal("500"), False, True) == ["吊销许可证件"]


@pytest.mark.parametrize(
    ("penalty", "stops", "revokes"),
    [
        ("罚款人民币5000元，责令停产停业", True, False),
        ("没收烧烤工具，并处罚款人民币2000元，责令停业整顿", True, False),
        ("责令关闭", True, False),
        ("罚款人民币8000元，吊销其城市建筑垃圾运输处置许可证", False, True),
        ("吊销营业执照", False, True),
        ("罚款人民币200元，责令立即停止违法行为", False, False),
        ("责令限期拆除违法建设", False, False),
    ],
)
def test_measures_are_read_from_the_penalty_text(penalty, stops, revokes):
    assert detect_measures(penalty) == (stops, revokes)


def test_publication_is_due_seven_working_days_later_skipping_weekends():
    # Monday 2026-03-02 + 7 working days = Wednesday 2026-03-11
    assert publication_due_on(date(2026, 3, 2), CALENDAR, 7) == date(2026, 3, 11)
    # decided on a Friday: the weekend does not count
    assert publication_due_on(date(2026, 3, 6), CALENDAR, 7) == date(2026, 3, 17)


def test_holidays_and_make_up_days_come_from_the_calendar():
    # National Day 2026: 1-7 October off, Saturday 10 October is a working day
    calendar = WorkingCalendar(
        holidays=[date(2026, 10, day) for day in range(1, 8)],
        makeup_workdays=[date(2026, 10, 10)],
    )
    # Tue 29 Sep: 30 Sep (1), then 8, 9, 10 (Sat, make-up), 12, 13, 14 October
    assert publication_due_on(date(2026, 9, 29), calendar, 7) == date(2026, 10, 14)
    assert publication_due_on(date(2026, 9, 29), WorkingCalendar([], []), 7) == date(2026, 10, 8)


def test_the_day_count_is_a_setting():
    assert publication_due_on(date(2026, 3, 2), CALENDAR, 20) == date(2026, 3, 30)


def test_withdrawal_is_due_three_working_days_after_the_revocation():
    assert withdrawal_due_on(date(2026, 3, 5), CALENDAR) == date(2026, 3, 10)  # Thu → Tue


def test_retention_is_two_years_for_persons_and_five_for_organisations():
    cutoffs = RetentionCutoffs.on(date(2026, 6, 1), DecisionSettings())
    assert cutoffs.listed("person", date(2024, 6, 1))
    assert not cutoffs.listed("person", date(2024, 5, 31))
    assert cutoffs.listed("organisation", date(2021, 6, 1))
    assert not cutoffs.listed("organisation", date(2021, 5, 31))
    assert cutoffs.listed_until("person", date(2024, 2, 29), DecisionSettings()) == date(
        2026, 2, 28
    )


def test_retention_follows_the_settings():
    settings = DecisionSettings(retention_years=3, retention_years_person=1)
    cutoffs = RetentionCutoffs.on(date(2026, 6, 1), settings)
    assert not cutoffs.listed("person", date(2025, 5, 31))
    assert not cutoffs.listed("organisation", date(2023, 5, 31))
