"""Importing officers from a CSV file (``flask --app portal officers import FILE.csv``).

Columns (a header row is required; English or Chinese names, any order, other columns are
ignored, so the roster's own CSV download can be edited and imported back):

| column | Chinese header | required | what |
|---|---|---|---|
| unit_code | 单位代码 | yes | the unit's code, e.g. ``xinhua`` |
| badge_no | 工号 | yes | 4–12 digits; an existing badge updates that officer |
| cert_no | 执法证号 | yes | 6–24 letters or digits |
| name | 姓名 | yes | |
| post | 职务岗位 | yes | e.g. 执法队员 |
| category | 执法类别 | yes | e.g. 市容环境卫生 |
| area | 执法区域 | yes | e.g. 中兴路街道 |
| cert_valid_from | 证件有效期起 | yes | 2024-01-01 (also 2024/1/1, 2024.1.1) |
| cert_valid_to | 证件有效期至 | yes | |
| status | 状态 | no | active/suspended/revoked/transferred or 在岗/暂停执法/注销/调离 |
| reason | 变更原因 | no | recorded when the row changes an officer's status |

Files in UTF-8 (with or without BOM) or GBK (as Excel saves them in China) are read. Each row
is imported in its own savepoint: a bad row is reported with its line number and skipped.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from portal.audit.services import Actor
from portal.core.text_input import normalise_text
from portal.officers.lookup import normalise_number
from portal.officers.models import OFFICER_STATUSES, Officer
from portal.officers.services import (
    OFFICER_FIELDS,
    OfficerError,
    change_status,
    create_officer,
    update_officer,
)
from portal.org.models import Unit

HEADER_ALIASES = {
    "单位代码": "unit_code",
    "工号": "badge_no",
    "执法证号": "cert_no",
    "姓名": "name",
    "职务岗位": "post",
    "职务": "post",
    "执法类别": "category",
    "执法区域": "area",
    "证件有效期起": "cert_valid_from",
    "证件有效期至": "cert_valid_to",
    "状态": "status",
    "变更原因": "reason",
}
REQUIRED_COLUMNS = ("unit_code", *OFFICER_FIELDS)
STATUS_NAMES = {
    **{key: key for key in OFFICER_STATUSES},
    **{label: key for key, label in OFFICER_STATUSES.items()},
}
DATE_PATTERN = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
DEFAULT_REASON = "批量导入"


class ImportFileError(ValueError):
    """The file as a whole cannot be read (encoding, header)."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: (line number in the file, message)
    errors: list[tuple[int, str]] = field(default_factory=list)


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("文件编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV。")


def read_rows(text: str) -> list[tuple[int, dict]]:
    """(line number, row keyed by column name) for every non-empty data row."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("文件是空的。") from None
    columns = [HEADER_ALIASES.get(name.strip(), name.strip().lower()) for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportFileError("缺少列：" + "、".join(missing))
    rows = []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        # decoded strictly (UTF-8 or GB18030): no lone surrogate; NUL and controls go, NFC
        values = [normalise_text(value) for value in values]
        rows.append((reader.line_num, dict(zip(columns, values, strict=False))))
    return rows


def parse_date(text: str, label: str) -> date:
    match = DATE_PATTERN.fullmatch((text or "").strip())
    try:
        if match:
            return date(*(int(part) for part in match.groups()))
    except ValueError:
        pass
    raise OfficerError(f"{label}“{text}”不是有效日期，应写作 2025-01-31。")


def import_row(session, actor: Actor, row: dict, units: dict[str, Unit]) -> str:
    """Create or update one officer; returns ``created``, ``updated`` or ``unchanged``."""
    unit = units.get((row.get("unit_code") or "").strip())
    if unit is None:
        raise OfficerError(f"单位代码“{row.get('unit_code', '')}”不存在。")
    fields = {name: row.get(name, "") for name in OFFICER_FIELDS}
    fields["cert_valid_from"] = parse_date(row.get("cert_valid_from", ""), "证件有效期起")
    fields["cert_valid_to"] = parse_date(row.get("cert_valid_to", ""), "证件有效期至")
    status_text = (row.get("status") or "").strip()
    status = STATUS_NAMES.get(status_text or "active", STATUS_NAMES.get(status_text.lower()))
    if status is None:
        raise OfficerError(f"状态“{status_text}”无效，应为在岗、暂停执法、注销或调离。")
    badge_no = normalise_number(fields["badge_no"])
    officer = session.scalars(select(Officer).where(Officer.badge_no == badge_no)).first()
    if officer is None:
        create_officer(session, actor, unit, fields, status=status)
        return "created"
    changed = update_officer(session, actor, officer, fields, unit)
    if officer.status != status:
        reason = (row.get("reason") or "").strip() or DEFAULT_REASON
        change_status(session, actor, officer, status, reason)
        changed = True
    return "updated" if changed else "unchanged"


def import_officers(session, actor: Actor, rows, progress=None) -> ImportReport:
    """Import ``rows`` (from ``read_rows``), each in a savepoint; the caller commits."""
    report = ImportReport()
    units = {unit.code: unit for unit in session.scalars(select(Unit))}
    seen_badges: dict[str, int] = {}
    for line, row in progress if progress is not None else rows:
        badge = normalise_number(row.get("badge_no", ""))
        if badge and badge in seen_badges:
            report.errors.append((line, f"工号 {badge} 与第{seen_badges[badge]}行重复。"))
            continue
        seen_badges[badge] = line
        try:
            with session.begin_nested():
                outcome = import_row(session, actor, row, units)
        except OfficerError as error:
            report.errors.append((line, str(error)))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report
