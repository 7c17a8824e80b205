"""The public roster (执法人员清单): pages, CSV and JSON share these queries and fields.

Only the public fields leave this module (``Officer.public_fields``): never a photo key, a
status reason, training records or anything else staff keep.
"""

import csv
import io
from collections.abc import Iterator

from flask import abort, url_for
from sqlalchemy import select

from portal.core.pagination import Page, keyset_page
from portal.officers.models import OFFICER_STATUSES, Officer
from portal.org.models import Unit

CSV_COLUMNS = [
    ("badge_no", "工号"),
    ("cert_no", "执法证号"),
    ("name", "姓名"),
    ("unit_code", "单位代码"),
    ("unit_name", "所属单位"),
    ("post", "职务岗位"),
    ("category", "执法类别"),
    ("area", "执法区域"),
    ("status", "状态"),
    ("cert_valid_from", "证件有效期起"),
    ("cert_valid_to", "证件有效期至"),
]


def roster_filters(session, unit_code: str | None, status: str | None) -> tuple[Unit | None, str]:
    """The unit and status asked for; 404 for an unknown unit, 400 for an unknown status."""
    unit = None
    if unit_code:
        unit = session.scalars(select(Unit).where(Unit.code == unit_code)).first()
        if unit is None:
            abort(404, "没有这个执法单位。")
    status = status or ""
    if status and status not in OFFICER_STATUSES:
        abort(400, "状态参数无效，可选 active、suspended、revoked、transferred。")
    return unit, status


def roster_select(unit: Unit | None, status: str):
    stmt = select(Officer)
    if unit is not None:
        stmt = stmt.where(Officer.unit_id == unit.id)
    if status:
        stmt = stmt.where(Officer.status == status)
    return stmt


def _order(unit: Unit | None) -> list:
    # within a unit, badge order (index unit_id, badge_no); across units, the same index
    return [Officer.badge_no] if unit is not None else [Officer.unit_id, Officer.badge_no]


def roster_page(session, unit: Unit | None, status: str, cursor: str | None, size: int) -> Page:
    order = _order(unit)
    return keyset_page(
        session,
        roster_select(unit, status),
        order,
        lambda officer: tuple(getattr(officer, column.key) for column in order),
        cursor,
        size,
    )


def officer_json(officer: Officer) -> dict:
    fields = officer.public_fields()
    fields["cert_valid_from"] = fields["cert_valid_from"].isoformat()
    fields["cert_valid_to"] = fields["cert_valid_to"].isoformat()
    fields["url"] = url_for("officers.lookup", badge=officer.badge_no, _external=True)
    return fields


def roster_csv(session, unit: Unit | None, status: str) -> Iterator[str]:
    """The whole filtered roster as CSV lines (UTF-8 with BOM, so that Excel reads Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([label for _, label in CSV_COLUMNS])
    yield "\ufeff" + flush()
    stmt = roster_select(unit, status).order_by(*_order(unit)).execution_options(yield_per=500)
    for officer in session.scalars(stmt):
        row = officer.public_fields()
        row["unit_name"] = officer.unit.name
        row["status"] = OFFICER_STATUSES[officer.status]
        writer.writerow([row[key] for key, _ in CSV_COLUMNS])
        yield flush()
