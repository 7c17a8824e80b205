"""statutory calendar: official holiday schedules imported into the database

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


def downgrade() -> None:
    op.drop_table("calendar_year")
