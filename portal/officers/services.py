"""State changes of the officer domain.

Each one writes its audit entry (and, when a public roster field changes, a search-outbox
entry) in the caller's transaction, which the caller commits; none reads ``request``.
"""

from datetime import date

from sqlalchemy import select

from portal.audit.services import Actor, record_change
from portal.core.models import utcnow
from portal.officers.lookup import MalformedNumber, parse_number
from portal.officers.models import OFFICER_STATUSES, Officer, OfficerHistoryEntry, OfficerTraining
from portal.org.models import Unit
from portal.search.outbox import record_index_change

#: the fields staff edit on the officer form (the unit and the status have their own rules)
OFFICER_FIELDS = (
    "badge_no",
    "cert_no",
    "name",
    "post",
    "category",
    "area",
    "cert_valid_from",
    "cert_valid_to",
)
TEXT_LIMITS = {"name": 32, "post": 40, "category": 60, "area": 100}
FIELD_LABELS = {
    "badge_no": "工号",
    "cert_no": "执法证号",
    "name": "姓名",
    "post": "职务岗位",
    "category": "执法类别",
    "area": "执法区域",
    "cert_valid_from": "证件有效期起",
    "cert_valid_to": "证件有效期至",
    "unit": "所属单位",
    "status": "状态",
}


class OfficerError(ValueError):
    """A change that cannot be made; ``field`` names the form field it concerns."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def clean_fields(fields: dict) -> dict:
    """The officer fields normalised and checked, or ``OfficerError`` on the first problem."""
    cleaned = {}
    for name in ("badge_no", "cert_no"):
        try:
            cleaned[name] = parse_number("badge" if name == "badge_no" else "cert", fields[name])
        except MalformedNumber as error:
            raise OfficerError(str(error), name) from None
    for name, limit in TEXT_LIMITS.items():
        value = " ".join((fields.get(name) or "").split())
        if not value:
            raise OfficerError(f"请填写{FIELD_LABELS[name]}。", name)
        if len(value) > limit:
            raise OfficerError(f"{FIELD_LABELS[name]}不能超过{limit}个字。", name)
        cleaned[name] = value
    for name in ("cert_valid_from", "cert_valid_to"):
        if not isinstance(fields.get(name), date):
            raise OfficerError(f"请填写{FIELD_LABELS[name]}。", name)
        cleaned[name] = fields[name]
    if cleaned["cert_valid_from"] > cleaned["cert_valid_to"]:
        raise OfficerError("证件有效期的结束日期不能早于开始日期。", "cert_valid_to")
    return cleaned


def _check_numbers_free(session, fields: dict, officer_id: int | None) -> None:
    for name, column in (("badge_no", Officer.badge_no), ("cert_no", Officer.cert_no)):
        holder = session.scalars(select(Officer.id).where(column == fields[name])).first()
        if holder is not None and holder != officer_id:
            raise OfficerError(f"{FIELD_LABELS[name]} {fields[name]} 已被其他执法人员使用。", name)


def _add_history(session, officer: Officer, kind: str, actor: Actor, **extra) -> None:
    session.add(
        OfficerHistoryEntry(
            officer_id=officer.id,
            kind=kind,
            changed_at=utcnow(),
            status=officer.status,
            badge_no=officer.badge_no,
            cert_no=officer.cert_no,
            unit_id=officer.unit_id,
            actor_label=actor.label,
            **extra,
        )
    )


def create_officer(session, actor: Actor, unit: Unit, fields: dict, status: str = "active"):
    """Add an officer to ``unit``'s roster (audited, indexed)."""
    cleaned = clean_fields(fields)
    if status not in OFFICER_STATUSES:
        raise OfficerError("状态无效。", "status")
    _check_numbers_free(session, cleaned, None)
    officer = Officer(unit_id=unit.id, status=status, status_changed_at=utcnow(), **cleaned)
    officer.unit = unit
    session.add(officer)
    session.flush()
    _add_history(session, officer, "created", actor)
    record_change(
        session,
        actor,
        "officer.create",
        "officer",
        officer.id,
        after=officer.audit_snapshot(),
        unit_id=unit.id,
    )
    record_index_change(session, "officer", officer.id)
    return officer


def update_officer(
    session, actor: Actor, officer: Officer, fields: dict, unit: Unit | None = None
) -> bool:
    """Apply edited fields (and a new unit, for supervisors); False when nothing changed.

    A new badge, certificate or unit is kept as an assignment row, so the old numbers are
    recognised in lookups as no longer valid.
    """
    cleaned = clean_fields(fields)
    _check_numbers_free(session, cleaned, officer.id)
    before = officer.audit_snapshot()
    before_unit_id = officer.unit_id
    for name, value in cleaned.items():
        setattr(officer, name, value)
    if unit is not None and unit.id != officer.unit_id:
        officer.unit_id = unit.id
        officer.unit = unit
    after = officer.audit_snapshot()
    if after == before:
        return False
    session.flush()
    if any(before[key] != after[key] for key in ("badge_no", "cert_no", "unit_code")):
        _add_history(session, officer, "assignment", actor)
    record_change(
        session,
        actor,
        "officer.update",
        "officer",
        officer.id,
        before=before,
        after=after,
        unit_id=officer.unit_id,
    )
    if before_unit_id != officer.unit_id:
        # the unit that lost the officer sees the move in its own audit list too
        record_change(
            session,
            actor,
            "officer.transfer_out",
            "officer",
            officer.id,
            before={"unit_code": before["unit_code"]},
            after={"unit_code": after["unit_code"]},
            unit_id=before_unit_id,
        )
    record_index_change(session, "officer", officer.id)
    return True


def change_status(session, actor: Actor, officer: Officer, status: str, reason: str) -> None:
    """Set the officer's status with a reason; the public verdict follows at once."""
    reason = " ".join((reason or "").split())
    if status not in OFFICER_STATUSES:
        raise OfficerError("请选择新的状态。", "status")
    if status == officer.status:
        raise OfficerError(f"该人员当前已是“{OFFICER_STATUSES[status]}”状态。", "status")
    if len(reason) < 4:
        raise OfficerError("请写明变更原因（至少4个字）。", "reason")
    if len(reason) > 500:
        raise OfficerError("变更原因不能超过500个字。", "reason")
    previous = officer.status
    officer.status = status
    officer.status_changed_at = utcnow()
    session.flush()
    _add_history(session, officer, "status", actor, previous_status=previous, reason=reason)
    record_change(
        session,
        actor,
        "officer.status",
        "officer",
        officer.id,
        before={"badge_no": officer.badge_no, "status": previous},
        after={"badge_no": officer.badge_no, "status": status, "reason": reason},
        unit_id=officer.unit_id,
    )
    record_index_change(session, "officer", officer.id)


def set_photo(session, actor: Actor, officer: Officer, key: str | None) -> str | None:
    """Attach a stored photo (``key``) or remove it (None); returns the replaced key, whose
    files the caller deletes once the change is committed."""
    previous = officer.photo_key
    officer.photo_key = key
    session.flush()
    record_change(
        session,
        actor,
        "officer.photo" if key else "officer.photo_remove",
        "officer",
        officer.id,
        before={"badge_no": officer.badge_no, "photo_key": previous},
        after={"badge_no": officer.badge_no, "photo_key": key},
        unit_id=officer.unit_id,
    )
    return previous


def add_training(session, actor: Actor, officer: Officer, fields: dict) -> OfficerTraining:
    """Record a training the officer attended."""
    title = " ".join((fields.get("title") or "").split())
    if not title:
        raise OfficerError("请填写培训名称。", "title")
    trained_on = fields.get("trained_on")
    if not isinstance(trained_on, date):
        raise OfficerError("请填写培训日期。", "trained_on")
    hours = fields.get("hours")
    if not isinstance(hours, int) or not 1 <= hours <= 200:
        raise OfficerError("学时应为1至200之间的整数。", "hours")
    training = OfficerTraining(
        officer_id=officer.id,
        trained_on=trained_on,
        title=title[:120],
        hours=hours,
        organiser=" ".join((fields.get("organiser") or "").split())[:100],
    )
    session.add(training)
    session.flush()
    record_change(
        session,
        actor,
        "officer.training_add",
        "officer",
        officer.id,
        after={"badge_no": officer.badge_no, **training.audit_snapshot()},
        unit_id=officer.unit_id,
    )
    return training


def delete_training(session, actor: Actor, officer: Officer, training: OfficerTraining) -> None:
    record_change(
        session,
        actor,
        "officer.training_delete",
        "officer",
        officer.id,
        before={"badge_no": officer.badge_no, **training.audit_snapshot()},
        unit_id=officer.unit_id,
    )
    session.delete(training)
    session.flush()
