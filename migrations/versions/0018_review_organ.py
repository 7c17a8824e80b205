"""each unit's 复查机关 (信访工作条例 第35条): another unit, or the name of an outside organ

Revision ID: 0018_review_organ
Revises: 0017_totp_and_queue
Create Date: 2026-12-04 22:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0018_review_organ"
down_revision = "0017_totp_and_queue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review_unit_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("review_organ_name", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_unit_review_unit_id_unit"),
            "unit",
            ["review_unit_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_unit_review_unit_id_unit"), type_="foreignkey")
        batch_op.drop_column("review_organ_name")
        batch_op.drop_column("review_unit_id")
