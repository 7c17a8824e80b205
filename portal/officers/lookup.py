"""The badge check: what a typed number means, and the verdict on the officer it names.

Every query here is an equality on an indexed column (``officer.badge_no``/``cert_no``, both
unique; ``officer_history.badge_no``/``cert_no``), so a lookup touches a handful of rows
whatever the size of the roster.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from limits import parse_many
from sqlalchemy import select

from portal.officers.models import Officer, OfficerHistoryEntry

BADGE_PATTERN = re.compile(r"[0-9]{4,12}")
#: letters and digits, optionally after a province's one-character abbreviation (豫…)
CERT_PATTERN = re.compile(r"[\u4e00-\u9fff]?[0-9A-Z]{6,23}")
#: separators people type or copy along with a number
SEPARATORS = re.compile(r"[\s\-_.·/]+")
#: labels people type in front of a number ("工号 100234", "NO.100234")
PREFIXES = ("执法证号", "执法证", "证号", "工号", "编号", "NO")

QUERY_KINDS = {"badge": "工号", "cert": "执法证号"}

#: verdict kind → its headline
VERDICT_TITLES = {
    "valid": "有效",
    "expired": "证件已过期",
    "not_yet_valid": "证件尚未生效",
    "suspended": "暂停执法",
    "revoked": "已注销",
    "transferred": "已调离",
    "retired": "号码已停用",
    "not_found": "未查到",
}


class MalformedNumber(ValueError):
    """The typed text cannot be a badge or certificate number; the message says why, in Chinese."""


def normalise_number(raw: str | None) -> str:
    """Full-width characters to ASCII, separators and a leading label removed, upper case."""
    text = unicodedata.normalize("NFKC", raw or "").upper()
    text = SEPARATORS.sub("", text)
    for prefix in PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :].lstrip(":：")
            break
    return text


def _shown(raw: str) -> str:
    raw = raw.strip()
    return raw if len(raw) <= 30 else raw[:30] + "…"


def parse_number(kind: str, raw: str | None) -> str:
    """The normalised badge (``kind="badge"``) or certificate number, or ``MalformedNumber``."""
    number = normalise_number(raw)
    if not number:
        raise MalformedNumber(f"请输入{QUERY_KINDS[kind]}。")
    if kind == "badge":
        if not BADGE_PATTERN.fullmatch(number):
            raise MalformedNumber(
                f"“{_shown(raw)}”不是有效的工号。工号是4至12位数字，"
                "印在执法人员胸前或臂章的工号牌上。"
            )
    elif not CERT_PATTERN.fullmatch(number):
        raise MalformedNumber(
            f"“{_shown(raw)}”不是有效的执法证号。执法证号由6至24位数字或字母组成"
            "（前面可带省份简称，如“豫”），印在执法证内页。"
        )
    return number


@dataclass
class Verdict:
    #: one of ``VERDICT_TITLES``
    kind: str
    #: ``badge`` or ``cert``: what the person typed
    query_kind: str
    number: str
    officer: Officer | None = None

    @property
    def title(self) -> str:
        return VERDICT_TITLES[self.kind]

    @property
    def is_valid(self) -> bool:
        return self.kind == "valid"

    @property
    def query_label(self) -> str:
        return QUERY_KINDS[self.query_kind]

    @property
    def complaint_badge(self) -> str | None:
        """The badge to fill into the complaint form."""
        if self.officer is not None:
            return self.officer.badge_no
        return self.number if self.query_kind == "badge" else None


def verdict_for(officer: Officer, today: date) -> str:
    """The kind of verdict on an officer found by number; the status outranks the dates."""
    if officer.status != "active":
        return officer.status
    if officer.cert_valid_to < today:
        return "expired"
    if officer.cert_valid_from > today:
        return "not_yet_valid"
    return "valid"


def look_up(session, query_kind: str, number: str, today: date) -> Verdict:
    """The verdict on a normalised number (``parse_number``)."""
    officer_column = Officer.badge_no if query_kind == "badge" else Officer.cert_no
    officer = session.scalars(select(Officer).where(officer_column == number)).first()
    if officer is not None:
        return Verdict(verdict_for(officer, today), query_kind, number, officer)
    history_column = (
        OfficerHistoryEntry.badge_no if query_kind == "badge" else OfficerHistoryEntry.cert_no
    )
    held_once = session.scalars(
        select(OfficerHistoryEntry.id).where(history_column == number).limit(1)
    ).first()
    return Verdict("retired" if held_once else "not_found", query_kind, number)


GRANULARITY_NAMES = {
    "second": "秒",
    "minute": "分钟",
    "hour": "小时",
    "day": "天",
    "month": "个月",
    "year": "年",
}


def describe_limit(limit_text: str) -> str:
    """A Flask-Limiter limit string in plain Chinese: "10 per minute;100 per hour" →
    "每分钟最多10次、每小时最多100次"."""
    parts = []
    for item in parse_many(limit_text):
        unit = GRANULARITY_NAMES.get(item.GRANULARITY.name, item.GRANULARITY.name)
        every = f"每{item.multiples}{unit}" if item.multiples > 1 else f"每{unit}"
        parts.append(f"{every}最多{item.amount}次")
    return "、".join(parts)
