"""decisions: confiscation, non-disclosure, revocation recorded date; the frozen annual report

Revision ID: 0011_decision_rules_and_annual
Revises: 0010_statutory_calendar
Create Date: 2026-12-04 20:45:00

A revocation recorded before this migration keeps its date as both the revocation date and the
recording date (the only date known).
"""

from alembic import op
import sqlalchemy as sa


revision = "0011_decision_rules_and_annual"
down_revision = "0010_statutory_calendar"
branch_labels = None
depends_on = None

AMOUNT = sa.Numeric(precision=12, scale=2)


def upgrade() -> None:
    with op.batch_alter_table("penalty_decision", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confiscated_income", AMOUNT, nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("confiscated_property_value", AMOUNT, nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column(
                "nondisclosure_reason", sa.String(length=16), nullable=False, server_default=""
            )
        )
        batch_op.add_column(sa.Column("revocation_recorded_on", sa.Date(), nullable=True))
    op.execute("UPDATE penalty_decision SET revocation_recorded_on = revoked_on")
    with op.batch_alter_table("penalty_decision", schema=None) as batch_op:
        batch_op.alter_column("confiscated_income", server_default=None)
        batch_op.alter_column("confiscated_property_value", server_default=None)
        batch_op.alter_column("nondisclosure_reason", server_default=None)
        batch_op.create_check_constraint(
            op.f("ck_penalty_decision_confiscation_not_negative"),
            "confiscated_income >= 0 AND confiscated_property_value >= 0",
        )
        batch_op.create_check_constraint(
            op.f("ck_penalty_decision_withheld_never_published"),
            "nondisclosure_reason = '' OR status IN ('draft', 'review')",
        )

    with op.batch_alter_table("decision_revision", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("confiscated_income", AMOUNT, nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("confiscated_property_value", AMOUNT, nullable=False, server_default="0")
        )
    with op.batch_alter_table("decision_revision", schema=None) as batch_op:
        batch_op.alter_column("confiscated_income", server_default=None)
        batch_op.alter_column("confiscated_property_value", server_default=None)

    op.create_table(
        "annual_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
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
            "status IN ('draft', 'review', 'published', 'withdrawn')",
            name=op.f("ck_annual_report_publication_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_report")),
        sa.UniqueConstraint("public_id", name=op.f("uq_annual_report_public_id")),
        sa.UniqueConstraint("year", name=op.f("uq_annual_report_year")),
    )
    op.create_table(
        "annual_report_revision",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("computed_at", sa.DateTime(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_no", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("published_by_label", sa.String(length=80), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["staff_user.id"],
            name=op.f("fk_annual_report_revision_published_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["annual_report.id"],
            name=op.f("fk_annual_report_revision_report_id_annual_report"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annual_report_revision")),
        sa.UniqueConstraint(
            "report_id", "revision_no", name=op.f("uq_annual_report_revision_report_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("annual_report_revision")
    op.drop_table("annual_report")
    with op.batch_alter_table("decision_revision", schema=None) as batch_op:
        batch_op.drop_column("confiscated_property_value")
        batch_op.drop_column("confiscated_income")
    with op.batch_alter_table("penalty_decision", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("ck_penalty_decision_withheld_never_published"), type_="check"
        )
        batch_op.drop_constraint(
            op.f("ck_penalty_decision_confiscation_not_negative"), type_="check"
        )
        batch_op.drop_column("revocation_recorded_on")
        batch_op.drop_column("nondisclosure_reason")
        batch_op.drop_column("confiscated_property_value")
        batch_op.drop_column("confiscated_income")
