"""The rules a penalty decision's publication follows, as plain functions of dates and amounts.

* 重大 (河南省重大行政处罚备案审查办法 第三条): a fine of at least 10,000 yuan for a natural
  person or 100,000 yuan for an organisation; 没收违法所得 or 没收非法财物 whose value (the two
  added up, counted apart from the fine) reaches the same amounts; an order to stop production
  or business (责令停产停业, 责令关闭); or a revoked licence (吊销许可证件). Staff may raise the
  flag; nobody may lower it below the rule. A 重大 decision needs 法制审核 *before* the decision
  (第五条: dated on or before the decision date) and before it is published, a supervisor
  reviews it before publication, and it is filed (备案) with the city bureau within
  ``FILING_DAYS`` (15) calendar days of the decision; a last day on a rest day moves to the next
  working day (民法典 第二百零三条).
* Publication is due within N working days of the decision (国办发〔2018〕118号: 7; the setting
  ``DECISION_PUBLICATION_WORKING_DAYS``), counted on the working-day calendar.
* A decision revoked, changed or found unlawful is withdrawn within 3 days of the day it was
  revoked or changed (行政处罚法 第48条) — not of the day staff record it; the law's "三日" are
  working days (同法 第85条).
* Public lists show a decision for ``DECISION_RETENTION_YEARS`` (5) after the decision date, or
  ``DECISION_RETENTION_YEARS_PERSON`` (2) when the party is a natural person. Counting from the
  decision date (publication follows within days) keeps the rule one range on the list's sort
  key, so a list never scans past the rows it may show.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask import current_app

from portal.core.calendar import WorkingCalendar
from portal.core.calendar_store import current_calendar
from portal.core.deadline_rules import RULES
from portal.core.periods import add_years

MAJOR_FINE_PERSON = Decimal("10000")
MAJOR_FINE_ORGANISATION = Decimal("100000")
WITHDRAWAL_WORKING_DAYS = RULES["withdrawal"].default_days
FILING_DAYS = RULES["filing"].default_days

STOP_OF_BUSINESS_RE = re.compile(
    r"责令(?:[^，。；,;]{0,6})?(?:停产停业|停业整顿|停止营业|停产整顿|关闭)"
)
LICENCE_REVOKED_RE = re.compile(
    r"吊销[^，。；,;]{0,20}(?:许可证|执照|资格证|资质证书|资质|证书|许可)"
)


@dataclass(frozen=True)
class DecisionSettings:
    publication_working_days: int = 7
    retention_years: int = 5
    retention_years_person: int = 2
    filing_days: int = FILING_DAYS

    @classmethod
    def of(cls, config) -> "DecisionSettings":
        return cls(
            publication_working_days=int(config["DECISION_PUBLICATION_WORKING_DAYS"]),
            retention_years=int(config["DECISION_RETENTION_YEARS"]),
            retention_years_person=int(config["DECISION_RETENTION_YEARS_PERSON"]),
            filing_days=int(config.get("FILING_DAYS", FILING_DAYS)),
        )


def current_settings() -> DecisionSettings:
    return DecisionSettings.of(current_app.config)


def working_calendar() -> WorkingCalendar:
    """The app's calendar: imported notices, ``HOLIDAYS_FILE``, computed years (see
    ``portal.core.calendar_store``)."""
    return current_calendar()


def detect_measures(penalty: str) -> tuple[bool, bool]:
    """(orders a stop of production or business, revokes a licence) as the penalty text says."""
    text = penalty or ""
    return bool(STOP_OF_BUSINESS_RE.search(text)), bool(LICENCE_REVOKED_RE.search(text))


def major_reasons(
    party_type: str,
    fine_amount: Decimal,
    orders_stop_of_business: bool,
    revokes_licence: bool,
    confiscated_income: Decimal = Decimal("0"),
    confiscated_property_value: Decimal = Decimal("0"),
) -> list[str]:
    """Why the thresholds make a decision 重大 (empty when they do not)."""
    reasons = []
    threshold = MAJOR_FINE_PERSON if party_type == "person" else MAJOR_FINE_ORGANISATION
    who = "自然人" if party_type == "person" else "法人或其他组织"
    if fine_amount is not None and Decimal(fine_amount) >= threshold:
        reasons.append(f"对{who}罚款{threshold:,.0f}元以上")
    confiscated = Decimal(confiscated_income or 0) + Decimal(confiscated_property_value or 0)
    if confiscated >= threshold:
        reasons.append(f"对{who}没收违法所得、非法财物价值{threshold:,.0f}元以上")
    if orders_stop_of_business:
        reasons.append("责令停产停业或关闭")
    if revokes_licence:
        reasons.append("吊销许可证件")
    return reasons


def publication_due_on(decided_on: date, calendar: WorkingCalendar, working_days: int) -> date:
    """The last day on which publishing the decision is on time."""
    return calendar.add_working_days(decided_on, working_days)


def withdrawal_due_on(revoked_on: date, calendar: WorkingCalendar) -> date:
    """The last day for withdrawing a decision revoked or changed on ``revoked_on``."""
    return calendar.add_working_days(revoked_on, WITHDRAWAL_WORKING_DAYS)


def filing_due_on(decided_on: date, calendar: WorkingCalendar, days: int = FILING_DAYS) -> date:
    """The last day for filing (备案) a 重大 decision: ``days`` calendar days after the
    decision, moved to the next working day when it is a rest day (民法典 第二百零三条)."""
    return calendar.first_working_day_on_or_after(decided_on + timedelta(days=days))


def years_before(day: date, years: int) -> date:
    """The earliest decision date whose ``years``-year period (民法典 第202条) still includes
    ``day``: on 29 February the period of a 28 February decision ended the day before."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February, in a year without one
        return date(day.year - years, 3, 1)


@dataclass(frozen=True)
class RetentionCutoffs:
    """Decisions on or after these dates are still in the public lists."""

    organisation: date
    person: date

    @classmethod
    def on(cls, today: date, settings: DecisionSettings) -> "RetentionCutoffs":
        return cls(
            organisation=years_before(today, settings.retention_years),
            person=years_before(today, settings.retention_years_person),
        )

    @property
    def earliest(self) -> date:
        return min(self.organisation, self.person)

    def listed(self, party_type: str, decided_on: date) -> bool:
        cutoff = self.person if party_type == "person" else self.organisation
        return decided_on >= cutoff

    def listed_until(self, party_type: str, decided_on: date, settings: DecisionSettings) -> date:
        years = (
            settings.retention_years_person if party_type == "person" else settings.retention_years
        )
        return add_years(decided_on, years)
