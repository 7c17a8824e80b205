"""kiosks: enrolled touch screens, and the kiosk's name on complaints filed there

Revision ID: 0013_kiosks
Revises: 0012_masking_overrides
Create Date: 2026-12-04 20:50:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0013_kiosks"
down_revision = "0012_masking_overrides"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kiosk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_kiosk_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kiosk")),
        sa.UniqueConstraint("name", name=op.f("uq_kiosk_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_kiosk_token_hash")),
    )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kiosk_name", sa.String(length=60), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_column("kiosk_name")
    op.drop_table("kiosk")
