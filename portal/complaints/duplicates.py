"""重复件: cases of one unit about the same matter, linked so that one answer serves them all.

A matter is named by its first case: every other case of it points there (``duplicate_of``),
so a group never nests. Each case keeps its own person, reply, rating and deadlines; only
counting treats the group as one matter. Linking and unlinking are audited.
"""

from sqlalchemy import func, or_, select

from portal.audit.services import Actor, record_change
from portal.complaints.models import Complaint
from portal.complaints.workflow import WorkflowError
from portal.staff.models import StaffUser
from portal.staff.scoping import scope_to_unit, scoped_select


def matter_id(complaint: Complaint) -> int:
    return complaint.duplicate_of_id or complaint.id


def linked_cases(session, complaint: Complaint) -> list[Complaint]:
    """The other cases of the same matter, in the user's scope, oldest first."""
    root = matter_id(complaint)
    return list(
        session.scalars(
            scoped_select(Complaint)
            .where(
                or_(Complaint.id == root, Complaint.duplicate_of_id == root),
                Complaint.id != complaint.id,
            )
            .order_by(Complaint.id)
        )
    )


def _audit(session, user: StaffUser, complaint: Complaint, action: str, before, after) -> None:
    record_change(
        session,
        Actor.of_user(user),
        action,
        "complaint",
        complaint.tracking_no,
        before={"duplicate_of": before},
        after={"duplicate_of": after},
        unit_id=complaint.handling_unit_id,
    )


def _number(session, complaint_id: int | None) -> str | None:
    if complaint_id is None:
        return None
    return session.scalar(select(Complaint.tracking_no).where(Complaint.id == complaint_id))


def link_duplicate(session, user: StaffUser, complaint: Complaint, other: Complaint) -> None:
    """Mark ``complaint`` as a 重复件 of ``other``'s matter (both of one handling unit)."""
    if complaint.id == other.id:
        raise WorkflowError("不能与自己关联")
    if complaint.handling_unit_id != other.handling_unit_id or complaint.handling_unit_id is None:
        raise WorkflowError("只能关联同一办理单位的案件")
    root_id = matter_id(other)
    if matter_id(complaint) == root_id:
        raise WorkflowError("这两件已是同一事项的重复件")
    # the cases already linked to this one move with it, so that no group nests
    members = session.scalars(select(Complaint).where(Complaint.duplicate_of_id == complaint.id))
    for member in [complaint, *members]:
        before = _number(session, member.duplicate_of_id)
        member.duplicate_of_id = root_id if member.id != root_id else None
        session.flush()
        _audit(
            session, user, member, "complaint.duplicate_linked", before, _number(session, root_id)
        )


def unlink_duplicate(session, user: StaffUser, complaint: Complaint) -> None:
    """Take ``complaint`` out of its matter; if it named the matter, the next case does."""
    members = list(
        session.scalars(
            select(Complaint)
            .where(Complaint.duplicate_of_id == complaint.id)
            .order_by(Complaint.id)
        )
    )
    if complaint.duplicate_of_id is None and not members:
        raise WorkflowError("该件没有关联重复件")
    before = _number(session, complaint.duplicate_of_id) if complaint.duplicate_of_id else None
    if members:
        new_root, *rest = members
        new_root.duplicate_of_id = None
        for member in rest:
            member.duplicate_of_id = new_root.id
        session.flush()
        for member in members:
            after = None if member is new_root else new_root.tracking_no
            _audit(
                session, user, member, "complaint.duplicate_linked", complaint.tracking_no, after
            )
    complaint.duplicate_of_id = None
    session.flush()
    _audit(session, user, complaint, "complaint.duplicate_unlinked", before, None)


def count_people_and_matters(session, *conditions) -> tuple[int, int]:
    """Cases counted once per person, and once per matter (重复件 together), in scope."""
    stmt = scope_to_unit(
        select(
            func.count(Complaint.id),
            func.count(func.distinct(func.coalesce(Complaint.duplicate_of_id, Complaint.id))),
        ).select_from(Complaint),
        Complaint,
    ).where(*conditions)
    people, matters = session.execute(stmt).one()
    return people or 0, matters or 0
