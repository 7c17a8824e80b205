"""masking overrides: spans staff masked or names they unmasked in the preview

Revision ID: 0012_masking_overrides
Revises: 0011_decision_rules_and_annual
Create Date: 2026-12-04 21:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0012_masking_overrides"
down_revision = "0011_decision_rules_and_annual"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "masking_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_kind", sa.String(length=20), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("text", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "action IN ('mask', 'unmask')", name=op.f("ck_masking_override_action")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_user.id"],
            name=op.f("fk_masking_override_created_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_masking_override")),
        sa.UniqueConstraint(
            "item_kind",
            "item_id",
            "action",
            "text",
            name=op.f("uq_masking_override_item_kind"),
        ),
    )
    with op.batch_alter_table("masking_override", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_masking_override_item_id"), ["item_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("masking_override", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_masking_override_item_id"))
    op.drop_table("masking_override")
