"""Open311: integration keys, the open311 channel, complaint coordinates and service category

Revision ID: 0014_open311
Revises: 0013_kiosks
Create Date: 2026-12-04 21:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0014_open311"
down_revision = "0013_kiosks"
branch_labels = None
depends_on = None

OLD_CHANNELS = ("web", "kiosk", "hotline", "mailbox", "opinion_book", "email", "visit")
NEW_CHANNELS = (*OLD_CHANNELS, "open311")


def _channel_check(channels) -> str:
    return f"channel IN ({', '.join(repr(channel) for channel in channels)})"


def upgrade() -> None:
    op.create_table(
        "open311_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("key_prefix", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_open311_key")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_open311_key_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_open311_key_name")),
    )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("service_category", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("open311_key_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_complaint_open311_key_id_open311_key"),
            "open311_key",
            ["open311_key_id"],
            ["id"],
        )
        batch_op.drop_constraint(batch_op.f("ck_complaint_channel"), type_="check")
        batch_op.create_check_constraint("channel", _channel_check(NEW_CHANNELS))


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_complaint_channel"), type_="check")
        batch_op.create_check_constraint("channel", _channel_check(OLD_CHANNELS))
        batch_op.drop_constraint(
            batch_op.f("fk_complaint_open311_key_id_open311_key"), type_="foreignkey"
        )
        batch_op.drop_column("open311_key_id")
        batch_op.drop_column("service_category")
        batch_op.drop_column("longitude")
        batch_op.drop_column("latitude")
    op.drop_table("open311_key")
