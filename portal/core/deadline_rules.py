"""Every statutory period the portal counts, in one registry (the calculator on /calendar, the
JSON API ``/api/v1/deadlines``, complaints and decisions all use these).

Each rule names its start event, how many days and how they are counted:

- calendar days (日): the day after the event is day 1, and a last day that is a rest day
  rolls to the next working day (民法典 第201条, 第203条);
- working days (工作日): weekends and holidays are skipped, make-up working days count.

A rule whose length is a setting reads it from the app's config when one is passed
(``DECISION_PUBLICATION_WORKING_DAYS``, ``FILING_DAYS``, ``BAD_RATING_CALLBACK_DAYS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from portal.core.calendar import WorkingCalendar
from portal.core.periods import Period, calendar_days, working_days

CALENDAR_DAYS = "calendar_days"
WORKING_DAYS = "working_days"


@dataclass(frozen=True)
class DeadlineRule:
    name: str
    #: what is due, for people
    label: str
    #: the start event, for people ("作出处罚决定")
    start_event: str
    counting: str
    default_days: int
    #: the setting that overrides ``default_days`` (None: fixed by law)
    setting: str | None
    #: the legal basis, for people
    basis: str

    def days(self, config: Mapping | None = None) -> int:
        if self.setting and config is not None and config.get(self.setting) is not None:
            return int(config[self.setting])
        return self.default_days

    def period(
        self, start: date, calendar: WorkingCalendar, config: Mapping | None = None
    ) -> Period:
        days = self.days(config)
        if self.counting == WORKING_DAYS:
            return working_days(start, days, calendar)
        return calendar_days(start, days, calendar)

    def describe(self, config: Mapping | None = None) -> str:
        unit = "个工作日" if self.counting == WORKING_DAYS else "日"
        return f"自{self.start_event}之日起{self.days(config)}{unit}"


_RULES = (
    DeadlineRule(
        "decision_publication",
        "行政处罚决定公示期限",
        "作出处罚决定",
        WORKING_DAYS,
        7,
        "DECISION_PUBLICATION_WORKING_DAYS",
        "国办发〔2018〕118号：行政处罚决定作出之日起7个工作日内公示",
    ),
    DeadlineRule(
        "complaint_acceptance",
        "投诉受理期限",
        "收到投诉",
        CALENDAR_DAYS,
        15,
        None,
        "信访工作条例 第二十四条：收到之日起15日内决定是否受理并告知",
    ),
    DeadlineRule(
        "complaint_answer",
        "投诉办理答复期限",
        "受理",
        CALENDAR_DAYS,
        60,
        None,
        "信访工作条例 第三十二条：自受理之日起60日内办结",
    ),
    DeadlineRule(
        "extension",
        "延长后的办理答复期限",
        "受理",
        CALENDAR_DAYS,
        90,
        None,
        "信访工作条例 第三十二条：情况复杂的，经批准可延长，延长期限不得超过30日（60日＋30日）",
    ),
    DeadlineRule(
        "review_request",
        "复查申请期限",
        "收到书面答复",
        CALENDAR_DAYS,
        30,
        None,
        "信访工作条例 第三十五条：对处理意见不服的，可自收到书面答复之日起30日内请求上一级机关复查",
    ),
    DeadlineRule(
        "review_answer",
        "复查答复期限",
        "收到复查请求",
        CALENDAR_DAYS,
        30,
        None,
        "信访工作条例 第三十五条：复查机关自收到复查请求之日起30日内提出复查意见",
    ),
    DeadlineRule(
        "withdrawal",
        "撤回公示期限",
        "处罚决定被撤销、变更或确认违法",
        WORKING_DAYS,
        3,
        None,
        "行政处罚法 第四十八条、第八十五条：3个工作日内撤回公示信息",
    ),
    DeadlineRule(
        "filing",
        "重大行政处罚备案期限",
        "作出重大行政处罚决定",
        CALENDAR_DAYS,
        15,
        "FILING_DAYS",
        "河南省重大行政处罚备案审查办法：作出决定之日起15日内报送备案",
    ),
    DeadlineRule(
        "bad_rating_callback",
        "差评回访期限",
        "收到差评",
        WORKING_DAYS,
        5,
        "BAD_RATING_CALLBACK_DAYS",
        "本平台规定：实名差评在5个工作日内电话回访",
    ),
)

RULES: dict[str, DeadlineRule] = {rule.name: rule for rule in _RULES}


class UnknownRule(KeyError):
    pass


def get_rule(name: str) -> DeadlineRule:
    try:
        return RULES[name]
    except KeyError:
        raise UnknownRule(name) from None


def due(name: str, start: date, calendar: WorkingCalendar, config: Mapping | None = None) -> Period:
    """The period of rule ``name`` from ``start`` (raises ``UnknownRule``)."""
    return get_rule(name).period(start, calendar, config)


def decision_publication_due(
    decided_on: date, calendar: WorkingCalendar, config: Mapping | None = None
) -> Period:
    return due("decision_publication", decided_on, calendar, config)


def bad_rating_callback_due(
    rated_on: date, calendar: WorkingCalendar, config: Mapping | None = None
) -> Period:
    return due("bad_rating_callback", rated_on, calendar, config)
