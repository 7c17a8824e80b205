"""daily integrity snapshots of the public record; e-mail subscriptions

Revision ID: 0015_integrity_and_subscriptions
Revises: 0014_open311
Create Date: 2026-12-04 20:50:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0015_integrity_and_subscriptions"
down_revision = "0014_open311"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "integrity_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("previous_root", sa.String(length=64), nullable=False),
        sa.Column("merkle_root", sa.String(length=64), nullable=False),
        sa.Column("root", sa.String(length=64), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("audit_entry_id", sa.Integer(), nullable=False),
        sa.Column("audit_head", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integrity_snapshot")),
        sa.UniqueConstraint("day", name=op.f("uq_integrity_snapshot_day")),
    )
    op.create_table(
        "subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("kinds", sa.String(length=200), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("digest_through", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_subscription_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscription")),
        sa.UniqueConstraint("token", name=op.f("uq_subscription_token")),
    )
    op.create_index(
        "ix_subscription_confirmed", "subscription", ["confirmed_at", "id"], unique=False
    )


def downgrade():
    op.drop_index("ix_subscription_confirmed", table_name="subscription")
    op.drop_table("subscription")
    op.drop_table("integrity_snapshot")
