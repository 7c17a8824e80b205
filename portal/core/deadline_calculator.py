"""The deadline calculator behind /calendar and /api/v1/deadlines: rule + start → due date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask import current_app

from portal.core.calendar_store import current_calendar
from portal.core.deadline_rules import RULES, DeadlineRule
from portal.core.periods import Period

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: a period's start this far from today is refused (nothing the portal counts needs more)
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099


class CalculatorError(ValueError):
    """Bad input; the message is for people, in Chinese."""


@dataclass(frozen=True)
class Calculation:
    rule: DeadlineRule
    period: Period
    days: int

    def as_json(self) -> dict:
        return {
            "rule": self.rule.name,
            "label": self.rule.label,
            "start": self.period.start.isoformat(),
            "due": self.period.due.isoformat(),
            "provisional": self.period.provisional,
            "counting": self.rule.counting,
            "days": self.days,
            "skipped": [
                {"date": skipped.day.isoformat(), "reason": skipped.reason}
                for skipped in self.period.skipped
            ],
        }


def parse_start(value: str | None) -> date:
    text = (value or "").strip()
    if not text:
        raise CalculatorError("请填写起算日期（格式：YYYY-MM-DD）。")
    if not _ISO_DATE.fullmatch(text):
        raise CalculatorError(f"起算日期“{text[:20]}”格式不对，应为 YYYY-MM-DD，例如 2027-01-04。")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise CalculatorError(f"日期 {text} 不存在，请检查月份和日期。") from None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise CalculatorError(f"只能计算 {EARLIEST_YEAR}—{LATEST_YEAR} 年的期限。")
    return day


def parse_rule(value: str | None) -> DeadlineRule:
    name = (value or "").strip()
    if not name:
        raise CalculatorError("请选择要计算的期限。")
    rule = RULES.get(name)
    if rule is None:
        known = "、".join(RULES)
        raise CalculatorError(f"没有名为“{name[:40]}”的期限规则。可用的规则：{known}。")
    return rule


def calculate(rule_name: str | None, start: str | None) -> Calculation:
    rule = parse_rule(rule_name)
    day = parse_start(start)
    config = current_app.config
    return Calculation(rule, rule.period(day, current_calendar(), config), rule.days(config))
