"""complaint outcomes: published outcomes of closed complaints and their revisions

Revision ID: 0007_outcomes
Revises: 0006_complaint_answer_deadline
Create Date: 2026-11-30 11:27:01.683493
"""

from alembic import op
import sqlalchemy as sa


revision = "0007_outcomes"
down_revision = "0006_complaint_answer_deadline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaint_outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("public_id", sa.String(length=16), nullable=False),
        sa.Column("revision_count", sa.Integer(), nullable=False),
        sa.Column("first_published_at", sa.DateTime(), nullable=True),
        sa.Column("public_updated_at", sa.DateTime(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=False),
        sa.Column("review_requested_at", sa.DateTime(), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "category IN ('street_vending', 'noise', 'parking', 'conduct', 'construction', 'muck_transport', 'advertising', 'other')",
            name=op.f("ck_complaint_outcome_category"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'review', 'published', 'withdrawn')",
            name=op.f("ck_complaint_outcome_publication_status"),
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.id"],
            name=op.f("fk_complaint_outcome_complaint_id_complaint"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_complaint_outcome_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_outcome")),
        sa.UniqueConstraint("complaint_id", name=op.f("uq_complaint_outcome_complaint_id")),
        sa.UniqueConstraint("public_id", name=op.f("uq_complaint_outcome_public_id")),
    )
    with op.batch_alter_table("complaint_outcome", schema=None) as batch_op:
        batch_op.create_index(
            "ix_complaint_outcome_feed", ["public_updated_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_complaint_outcome_unit", ["unit_id", "status", "id"], unique=False
        )

    op.create_table(
        "complaint_outcome_revision",
        sa.Column("outcome_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("answered_on_time", sa.Boolean(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("rating_level", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_no", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("published_by_label", sa.String(length=80), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["outcome_id"],
            ["complaint_outcome.id"],
            name=op.f("fk_complaint_outcome_revision_outcome_id_complaint_outcome"),
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["staff_user.id"],
            name=op.f("fk_complaint_outcome_revision_published_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_outcome_revision")),
        sa.UniqueConstraint(
            "outcome_id", "revision_no", name=op.f("uq_complaint_outcome_revision_outcome_id")
        ),
    )
    with op.batch_alter_table("complaint_outcome_revision", schema=None) as batch_op:
        batch_op.create_index(
            "ix_complaint_outcome_revision_answered", ["answered_on", "outcome_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("complaint_outcome_revision", schema=None) as batch_op:
        batch_op.drop_index("ix_complaint_outcome_revision_answered")

    op.drop_table("complaint_outcome_revision")
    with op.batch_alter_table("complaint_outcome", schema=None) as batch_op:
        batch_op.drop_index("ix_complaint_outcome_unit")
        batch_op.drop_index("ix_complaint_outcome_feed")

    op.drop_table("complaint_outcome")
