"""the content generation: one number every committed change moves on (portal.pagecache)

Revision ID: 0019_content_generation
Revises: 0018_review_organ
Create Date: 2026-12-05 12:40:00
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0019_content_generation"
down_revision = "0018_review_organ"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "content_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_generation")),
    )
    now = datetime.now(UTC).replace(tzinfo=None)
    op.bulk_insert(table, [{"id": 1, "value": 0, "changed_at": now}])


def downgrade() -> None:
    op.drop_table("content_generation")
