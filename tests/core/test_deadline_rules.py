"""Every rule of the registry, on dates across 2024-2028 (2024-2026 from the official table,
2027-2028 computed from the law, hence provisional), counted by hand."""

from datetime import date

import pytest

from portal.core.calendar import WorkingCalendar, load_calendar
from portal.core.deadline_rules import RULES, UnknownRule, due
from portal.core.periods import add_months, add_years, calendar_days, working_days
from portal.disclosure.decisions.rules import DecisionSettings, RetentionCutoffs, years_before

CALENDAR = load_calendar(None)
D = date.fromisoformat

CASES = [
    # rule, start, due — with the reason in the comment
    # 7 working days
    ("decision_publication", "2026-03-02", "2026-03-11"),  # plain weeks
    ("decision_publication", "2026-12-24", "2027-01-05"),  # 元旦 2027 computed (the issue)
    ("decision_publication", "2026-09-29", "2026-10-14"),  # 国庆 off, 10-10 Saturday works
    ("decision_publication", "2027-02-03", "2027-02-18"),  # 春节 2027: 2-5..2-10 off
    ("decision_publication", "2028-09-28", "2028-10-13"),  # 国庆+中秋 2028: 10-1..10-5 off
    ("decision_publication", "2024-12-31", "2025-01-10"),  # 元旦 2025
    # 15 days, a rest-day end rolls forward
    ("complaint_acceptance", "2026-12-17", "2027-01-04"),  # ends 元旦, then a weekend (issue)
    ("complaint_acceptance", "2026-03-01", "2026-03-16"),  # ends on a Monday
    ("complaint_acceptance", "2027-01-22", "2027-02-11"),  # ends 初一, rolls past 春节
    ("complaint_acceptance", "2028-09-20", "2028-10-06"),  # ends on the 中秋 make-up day
    ("complaint_acceptance", "2025-09-16", "2025-10-09"),  # ends 国庆 2025 (10-1..10-8)
    ("complaint_acceptance", "2024-04-20", "2024-05-06"),  # ends 劳动节 2024 (5-1..5-5)
    ("complaint_acceptance", "2024-02-14", "2024-02-29"),  # ends on a leap day, a Thursday
    ("complaint_acceptance", "2025-12-20", "2026-01-04"),  # ends on a Sunday that is worked
    # 60 days
    ("complaint_answer", "2026-11-02", "2027-01-04"),
    ("complaint_answer", "2027-12-02", "2028-01-31"),  # a Monday after 春节 2028
    ("complaint_answer", "2027-12-01", "2028-01-31"),  # ends Sunday 1-30
    ("complaint_answer", "2024-08-02", "2024-10-08"),  # ends 国庆 2024
    ("complaint_answer", "2025-12-31", "2026-03-02"),  # ends Sunday 3-1
    # 60 + 30 days
    ("extension", "2026-10-06", "2027-01-04"),
    ("extension", "2026-10-03", "2027-01-04"),  # ends 元旦 2027
    ("extension", "2027-11-04", "2028-02-02"),
    # 30 days to ask for 复查
    ("review_request", "2026-12-02", "2027-01-04"),  # the issue
    ("review_request", "2027-01-06", "2027-02-11"),  # ends 除夕 2027
    ("review_request", "2028-03-05", "2028-04-05"),  # ends 清明 2028
    ("review_request", "2028-01-30", "2028-02-29"),  # leap day
    ("review_request", "2025-01-01", "2025-02-05"),  # ends inside 春节 2025
    # 30 days to answer it
    ("review_answer", "2027-03-06", "2027-04-06"),  # ends 清明 2027 (Monday)
    ("review_answer", "2027-04-01", "2027-05-05"),  # ends 劳动节 2027 (5-1..5-4 with make-up)
    ("review_answer", "2026-09-01", "2026-10-08"),
    ("review_answer", "2024-01-30", "2024-02-29"),
    ("review_answer", "2028-03-31", "2028-05-03"),  # Sunday, then 劳动节
    # 3 working days
    ("withdrawal", "2026-12-30", "2027-01-05"),
    ("withdrawal", "2027-09-30", "2027-10-08"),  # 国庆 2027 with two make-up days
    ("withdrawal", "2026-02-12", "2026-02-24"),  # 2-14 (Saturday) is worked
    ("withdrawal", "2024-02-29", "2024-03-05"),
    # 15 days to file
    ("filing", "2026-12-17", "2027-01-04"),
    ("filing", "2028-01-10", "2028-01-31"),  # ends 除夕 2028
    ("filing", "2025-05-16", "2025-06-03"),  # ends 端午 2025
    # 5 working days
    ("bad_rating_callback", "2026-12-28", "2027-01-05"),
    ("bad_rating_callback", "2028-02-24", "2028-03-02"),  # through the leap day
    ("bad_rating_callback", "2027-06-07", "2027-06-15"),  # 端午 2027
    ("bad_rating_callback", "2025-09-26", "2025-10-10"),  # 9-28 (Sunday) is worked
]


@pytest.mark.parametrize(("rule", "start", "expected"), CASES)
def test_rule_due_dates(rule, start, expected):
    period = due(rule, D(start), CALENDAR)
    assert period.due == D(expected)
    # provisional exactly when the period touches a year no notice covers
    assert period.provisional == (D(expected).year >= 2027 or period.nominal_end.year >= 2027)


def test_the_table_covers_every_rule_and_five_years():
    assert {case[0] for case in CASES} == set(RULES)
    assert len(CASES) >= 40
    assert {D(case[1]).year for case in CASES} == {2024, 2025, 2026, 2027, 2028}


def test_calendar_day_period_first_and_last_day():
    # 民法典 第201条: the start day is not counted; the last day is start + N
    period = calendar_days(D("2026-03-02"), 15, CALENDAR)
    assert period.due == D("2026-03-17") and period.skipped == ()
    assert calendar_days(D("2026-03-02"), 0, CALENDAR).due == D("2026-03-02")


def test_rest_day_end_lists_every_rolled_day():
    period = due("complaint_acceptance", D("2026-12-17"), CALENDAR)
    assert period.nominal_end == D("2027-01-01")
    assert [(s.day, s.reason) for s in period.skipped] == [
        (D("2027-01-01"), "元旦假期（暂按法定假日推算）"),
        (D("2027-01-02"), "星期六"),
        (D("2027-01-03"), "星期日"),
    ]


def test_working_day_period_counts_make_up_days_and_skips_holidays():
    period = working_days(D("2026-09-29"), 7, CALENDAR)
    skipped = [s.day for s in period.skipped]
    assert D("2026-10-10") not in skipped  # a Saturday worked (调休上班)
    assert skipped == [D(f"2026-10-0{n}") for n in range(1, 8)] + [D("2026-10-11")]
    assert period.skipped[0].reason == "国庆节假期"
    assert not period.provisional


def test_an_official_year_is_not_provisional():
    assert not due("complaint_acceptance", D("2026-03-01"), CALENDAR).provisional


def test_a_hand_built_calendar_without_computation_knows_only_weekends():
    bare = WorkingCalendar([], [])
    assert working_days(D("2026-12-24"), 7, bare).due == D("2027-01-04")
    assert not working_days(D("2026-12-24"), 7, bare).provisional


def test_unknown_rule():
    with pytest.raises(UnknownRule):
        due("acceptance", D("2026-01-05"), CALENDAR)


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        ("2028-02-29", 5, "2033-02-28"),  # no corresponding day: the month's last day (第202条)
        ("2028-02-29", 4, "2032-02-29"),
        ("2026-03-10", 5, "2031-03-10"),
        ("2026-12-31", 1, "2027-12-31"),
    ],
)
def test_year_periods(start, years, expected):
    assert add_years(D(start), years) == D(expected)


def test_month_periods_end_on_the_months_last_day():
    assert add_months(D("2027-01-31"), 1) == D("2027-02-28")
    assert add_months(D("2028-01-31"), 1) == D("2028-02-29")
    assert add_months(D("2027-03-31"), -1) == D("2027-02-28")
    assert add_months(D("2027-11-30"), 3) == D("2028-02-29")


def test_retention_of_five_years_from_a_leap_day():
    settings = DecisionSettings(retention_years=5)
    decided = D("2028-02-29")
    cutoffs = RetentionCutoffs.on
    assert cutoffs(D("2033-02-28"), settings).listed("organisation", decided)
    assert not cutoffs(D("2033-03-01"), settings).listed("organisation", decided)
    assert RetentionCutoffs.on(D("2033-02-28"), settings).listed_until(
        "organisation", decided, settings
    ) == D("2033-02-28")


def test_retention_on_a_leap_day_today_drops_the_decision_whose_period_ended():
    # decided 2027-02-28: five years end 2032-02-28, so on 2032-02-29 it is no longer listed
    settings = DecisionSettings(retention_years=5)
    on_leap_day = RetentionCutoffs.on(D("2032-02-29"), settings)
    assert not on_leap_day.listed("organisation", D("2027-02-28"))
    assert on_leap_day.listed("organisation", D("2027-03-01"))
    assert years_before(D("2032-02-29"), 5) == D("2027-03-01")
