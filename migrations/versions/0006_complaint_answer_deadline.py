"""complaint answer deadline: answer_due_on and answered_on_time, for statistics

Revision ID: 0006_complaint_answer_deadline
Revises: 0002_disclosure
Create Date: 2026-11-30 11:22:17.499919
"""

from alembic import op
import sqlalchemy as sa

from portal.complaints.deadlines import answer_due_on
from portal.core.calendar import load_calendar
from portal.core.models import to_local


revision = "0006_complaint_answer_deadline"
down_revision = "0002_disclosure"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answer_due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("answered_on_time", sa.Boolean(), nullable=True))
    _backfill()


def _backfill() -> None:
    """Existing accepted complaints get the values ``schedule.refresh_due_on`` now stores
    (with the embedded holiday calendar)."""
    connection = op.get_bind()
    complaint = sa.table(
        "complaint",
        sa.column("id", sa.Integer),
        sa.column("accepted_at", sa.DateTime),
        sa.column("answered_at", sa.DateTime),
        sa.column("extension_days", sa.Integer),
        sa.column("answer_due_on", sa.Date),
        sa.column("answered_on_time", sa.Boolean),
    )
    calendar = load_calendar(None)
    rows = connection.execute(
        sa.select(
            complaint.c.id,
            complaint.c.accepted_at,
            complaint.c.answered_at,
            complaint.c.extension_days,
        ).where(complaint.c.accepted_at.is_not(None))
    ).all()
    for row in rows:
        due_on = answer_due_on(
            to_local(row.accepted_at).date(), row.extension_days or 0, calendar
        )
        on_time = None if row.answered_at is None else to_local(row.answered_at).date() <= due_on
        connection.execute(
            complaint.update()
            .where(complaint.c.id == row.id)
            .values(answer_due_on=due_on, answered_on_time=on_time)
        )


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_column("answered_on_time")
        batch_op.drop_column("answer_due_on")
