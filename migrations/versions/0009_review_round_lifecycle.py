"""review rounds on the publication lifecycle: status, permalink and revisions

Revision ID: 0009_review_round_lifecycle
Revises: 0008_media
Create Date: 2026-11-30 11:28:45.017084

A round published before this migration becomes revision 1 holding its findings as they stand
(an earlier correction's reason is kept on that revision).
"""

import secrets
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = "0009_review_round_lifecycle"
down_revision = "0008_media"
branch_labels = None
depends_on = None

PROBLEM_COLUMNS = (
    "problems_subject",
    "problems_facts",
    "problems_evidence",
    "problems_legal_basis",
    "problems_procedure",
    "problems_discretion",
    "problems_criminal_transfer",
    "problems_file_keeping",
)
_PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def upgrade() -> None:
    op.create_table(
        "review_round_revision",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_no", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("published_by_label", sa.String(length=80), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["staff_user.id"],
            name=op.f("fk_review_round_revision_published_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["review_round.id"],
            name=op.f("fk_review_round_revision_round_id_review_round"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_round_revision")),
        sa.UniqueConstraint(
            "round_id", "revision_no", name=op.f("uq_review_round_revision_round_id")
        ),
    )
    with op.batch_alter_table("review_round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column("public_id", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("revision_count", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("first_published_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("public_updated_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("withdrawal_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("review_requested_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("review_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    _backfill()

    with op.batch_alter_table("review_round", schema=None) as batch_op:
        for column, kind in [
            ("status", sa.String(length=12)),
            ("public_id", sa.String(length=16)),
            ("revision_count", sa.Integer()),
            ("withdrawal_reason", sa.Text()),
            ("review_note", sa.Text()),
            ("updated_at", sa.DateTime()),
        ]:
            batch_op.alter_column(column, existing_type=kind, nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_review_round_public_id"), ["public_id"])
        batch_op.create_check_constraint(
            op.f("ck_review_round_publication_status"), "status IN ('draft', 'review', 'published', 'withdrawn')"
        )
        batch_op.drop_column("published_at")
        batch_op.drop_column("correction_reason")
        batch_op.drop_column("corrected_at")


def _backfill() -> None:
    connection = op.get_bind()
    review_round = sa.table(  # typed, so that SQLite hands back dates and datetimes
        "review_round",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("held_on", sa.Date),
        sa.column("summary", sa.Text),
        sa.column("published_at", sa.DateTime),
        sa.column("corrected_at", sa.DateTime),
        sa.column("correction_reason", sa.Text),
        sa.column("created_at", sa.DateTime),
    )
    rounds = connection.execute(sa.select(review_round)).all()
    for row in rounds:
        published = row.published_at is not None
        connection.execute(
            sa.text(
                "UPDATE review_round SET status = :status, public_id = :public_id, "
                "revision_count = :count, first_published_at = :published_at, "
                "public_updated_at = :updated, withdrawal_reason = '', review_note = '', "
                "updated_at = :created_at WHERE id = :id"
            ),
            {
                "status": "published" if published else "draft",
                "public_id": "".join(secrets.choice(_PUBLIC_ID_ALPHABET) for _ in range(10)),
                "count": 1 if published else 0,
                "published_at": row.published_at,
                "updated": row.corrected_at or row.published_at,
                "created_at": row.created_at,
                "id": row.id,
            },
        )
        if published:
            _first_revision(connection, row)
            # the index links a round by its new permalink: re-index it
            connection.execute(
                sa.text(
                    "INSERT INTO search_outbox (kind, object_id, created_at) "
                    "VALUES ('review_round', :id, :now)"
                ),
                {"id": str(row.id), "now": datetime.now(timezone.utc).replace(tzinfo=None)},
            )


def _first_revision(connection, row) -> None:
    results = connection.execute(
        sa.text(
            "SELECT r.unit_id, u.code, u.name, u.short_name, r.files_reviewed, r.score, r.grade, "
            f"{', '.join('r.' + column for column in PROBLEM_COLUMNS)} "
            "FROM review_result r JOIN unit u ON u.id = r.unit_id "
            "WHERE r.round_id = :id ORDER BY u.sort_order, u.id"
        ),
        {"id": row.id},
    ).all()
    findings = [
        {
            "unit_id": result.unit_id,
            "unit_code": result.code,
            "unit_name": result.name,
            "unit_short_name": result.short_name,
            "files_reviewed": result.files_reviewed,
            "score": result.score,
            "grade": result.grade,
            **{column: getattr(result, column) for column in PROBLEM_COLUMNS},
        }
        for result in results
    ]
    revision = sa.table(
        "review_round_revision",
        sa.column("round_id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("held_on", sa.Date),
        sa.column("summary", sa.Text),
        sa.column("findings", sa.JSON),
        sa.column("revision_no", sa.Integer),
        sa.column("published_at", sa.DateTime),
        sa.column("reason", sa.Text),
        sa.column("published_by_label", sa.String),
    )
    connection.execute(
        revision.insert().values(
            round_id=row.id,
            name=row.name,
            held_on=row.held_on,
            summary=row.summary,
            findings=findings,
            revision_no=1,
            published_at=row.published_at,
            reason=row.correction_reason or "",
            published_by_label="数据迁移",
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("review_round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("corrected_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("correction_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("published_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE review_round SET published_at = first_published_at")
    with op.batch_alter_table("review_round", schema=None) as batch_op:
        batch_op.drop_constraint("ck_review_round_publication_status", type_="check")
        batch_op.drop_constraint(batch_op.f("uq_review_round_public_id"), type_="unique")
        for column in (
            "updated_at",
            "review_note",
            "review_requested_at",
            "withdrawal_reason",
            "withdrawn_at",
            "public_updated_at",
            "first_published_at",
            "revision_count",
            "public_id",
            "status",
        ):
            batch_op.drop_column(column)
    op.drop_table("review_round_revision")
