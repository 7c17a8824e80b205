"""Reply templates: which a user may use, and saving them (audited)."""

from sqlalchemy import select

from portal.audit.services import Actor, record_change
from portal.complaints.models import ReplyTemplate
from portal.staff.models import StaffUser
from portal.staff.scoping import scoped_select


def usable_templates(session, user: StaffUser) -> list[ReplyTemplate]:
    """The user's unit's templates (every unit's, for supervisors) and the shared ones."""
    by_title = ReplyTemplate.title
    scoped = session.scalars(scoped_select(ReplyTemplate, user).order_by(by_title)).all()
    if user.sees_all_units:
        return sorted(scoped, key=lambda template: (template.unit_id is not None, template.title))
    # shared templates (no unit) belong to no unit, so they are not unit-bound data
    shared = session.scalars(
        select(ReplyTemplate).where(ReplyTemplate.unit_id.is_(None)).order_by(by_title)
    ).all()
    return shared + scoped


def save_template(
    session, actor: Actor, user: StaffUser, template: ReplyTemplate | None, data: dict
) -> ReplyTemplate:
    """Create (``template`` None) or change a template. A new one belongs to the user's unit;
    one made by a supervisor without a unit is shared by every unit."""
    before = template.audit_snapshot() if template else None
    if template is None:
        template = ReplyTemplate(unit_id=None if user.sees_all_units else user.unit_id)
        session.add(template)
    template.title = data["title"].strip()
    template.body = data["body"].strip()
    session.flush()
    record_change(
        session,
        actor,
        "reply_template.create" if before is None else "reply_template.update",
        "reply_template",
        template.id,
        before=before,
        after=template.audit_snapshot(),
        unit_id=template.unit_id,
    )
    return template
