"""statutory calendar: official holiday schedules in the database; complaint extension requests

Revision ID: 0010_statutory_calendar
Revises: 0009_review_round_lifecycle
Create Date: 2026-12-04 21:15:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0010_statutory_calendar"
down_revision = "0009_review_round_lifecycle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_year",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("holidays_json", sa.Text(), nullable=False),
        sa.Column("makeup_workdays_json", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_year")),
    )
    # the unit's extension request, decided by a supervisor
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extension_requested_days", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("extension_requested_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("extension_requested_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("extension_status", sa.String(length=16), nullable=False, server_default="")
        )
    # an extension recorded before this migration was granted
    op.execute("UPDATE complaint SET extension_status = 'approved' WHERE extension_days > 0")


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_column("extension_status")
        batch_op.drop_column("extension_requested_at")
        batch_op.drop_column("extension_requested_reason")
        batch_op.drop_column("extension_requested_days")
    op.drop_table("calendar_year")
