"""a second factor for back-office accounts (TOTP, recovery codes)

Revision ID: 0017_totp_and_queue
Revises: 0009_review_round_lifecycle
Create Date: 2026-12-04 20:50:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0017_totp_and_queue"
down_revision = "0009_review_round_lifecycle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("totp_enabled_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))
    op.create_table(
        "staff_recovery_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["staff_user.id"],
            name=op.f("fk_staff_recovery_code_user_id_staff_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_recovery_code")),
    )
    with op.batch_alter_table("staff_recovery_code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_staff_recovery_code_user_id"), ["user_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("staff_recovery_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_recovery_code_user_id"))
    op.drop_table("staff_recovery_code")
    with op.batch_alter_table("staff_user", schema=None) as batch_op:
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_enabled_at")
        batch_op.drop_column("totp_secret")
