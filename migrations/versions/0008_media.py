"""media responses (舆论回应), each with its published revisions

Revision ID: 0008_media
Revises: 0007_outcomes
Create Date: 2026-11-30 11:24:19.569440
"""

from alembic import op
import sqlalchemy as sa


revision = "0008_media"
down_revision = "0007_outcomes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('media_response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('outlet', sa.String(length=100), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('headline', sa.String(length=200), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('report_summary', sa.Text(), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('action_taken', sa.Text(), nullable=False),
    sa.Column('named_persons', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('public_id', sa.String(length=16), nullable=False),
    sa.Column('revision_count', sa.Integer(), nullable=False),
    sa.Column('first_published_at', sa.DateTime(), nullable=True),
    sa.Column('public_updated_at', sa.DateTime(), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
    sa.Column('withdrawal_reason', sa.Text(), nullable=False),
    sa.Column('review_requested_at', sa.DateTime(), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'review', 'published', 'withdrawn')", name=op.f('ck_media_response_publication_status')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_media_response_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_response')),
    sa.UniqueConstraint('public_id', name=op.f('uq_media_response_public_id'))
    )
    with op.batch_alter_table('media_response', schema=None) as batch_op:
        batch_op.create_index('ix_media_response_feed', ['public_updated_at', 'id'], unique=False)
        batch_op.create_index('ix_media_response_listing', ['status', 'reported_on', 'id'], unique=False)
        batch_op.create_index('ix_media_response_unit', ['unit_id', 'id'], unique=False)
        batch_op.create_index('ix_media_response_unit_listing', ['unit_id', 'status', 'reported_on', 'id'], unique=False)

    op.create_table('media_response_revision',
    sa.Column('media_response_id', sa.Integer(), nullable=False),
    sa.Column('outlet', sa.String(length=100), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('headline', sa.String(length=200), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('report_summary', sa.Text(), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('action_taken', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision_no', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('published_by_label', sa.String(length=80), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['media_response_id'], ['media_response.id'], name=op.f('fk_media_response_revision_media_response_id_media_response')),
    sa.ForeignKeyConstraint(['published_by_id'], ['staff_user.id'], name=op.f('fk_media_response_revision_published_by_id_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media_response_revision')),
    sa.UniqueConstraint('media_response_id', 'revision_no', name=op.f('uq_media_response_revision_media_response_id'))
    )


def downgrade() -> None:
    op.drop_table('media_response_revision')
    with op.batch_alter_table('media_response', schema=None) as batch_op:
        batch_op.drop_index('ix_media_response_unit_listing')
        batch_op.drop_index('ix_media_response_unit')
        batch_op.drop_index('ix_media_response_listing')
        batch_op.drop_index('ix_media_response_feed')

    op.drop_table('media_response')
