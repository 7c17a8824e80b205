"""officers: the roster, status and assignment history, training records

Revision ID: 0003_officers
Revises: 0005_results
Create Date: 2026-11-30 08:40:43.083042
"""

from alembic import op
import sqlalchemy as sa


revision = "0003_officers"
down_revision = "0005_results"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('officer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('badge_no', sa.String(length=12), nullable=False),
    sa.Column('cert_no', sa.String(length=24), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('post', sa.String(length=40), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('area', sa.String(length=100), nullable=False),
    sa.Column('cert_valid_from', sa.Date(), nullable=False),
    sa.Column('cert_valid_to', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(), nullable=False),
    sa.Column('photo_key', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('active', 'suspended', 'revoked', 'transferred')", name=op.f('ck_officer_status')),
    sa.CheckConstraint('cert_valid_from <= cert_valid_to', name=op.f('ck_officer_cert_validity')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_officer_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer')),
    sa.UniqueConstraint('badge_no', name=op.f('uq_officer_badge_no')),
    sa.UniqueConstraint('cert_no', name=op.f('uq_officer_cert_no')),
    sa.UniqueConstraint('photo_key', name=op.f('uq_officer_photo_key'))
    )
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.create_index('ix_officer_status_badge', ['status', 'badge_no'], unique=False)
        batch_op.create_index('ix_officer_unit_badge', ['unit_id', 'badge_no'], unique=False)

    op.create_table('officer_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('previous_status', sa.String(length=16), nullable=True),
    sa.Column('badge_no', sa.String(length=12), nullable=False),
    sa.Column('cert_no', sa.String(length=24), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('actor_label', sa.String(length=64), nullable=False),
    sa.CheckConstraint("kind IN ('created', 'status', 'assignment')", name=op.f('ck_officer_history_kind')),
    sa.CheckConstraint("status IN ('active', 'suspended', 'revoked', 'transferred')", name=op.f('ck_officer_history_status')),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_officer_history_officer_id_officer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_officer_history_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer_history'))
    )
    with op.batch_alter_table('officer_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_history_badge_no'), ['badge_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_officer_history_cert_no'), ['cert_no'], unique=False)
        batch_op.create_index('ix_officer_history_officer_at', ['officer_id', 'changed_at'], unique=False)

    op.create_table('officer_training',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('trained_on', sa.Date(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('organiser', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('hours > 0', name=op.f('ck_officer_training_hours')),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_officer_training_officer_id_officer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer_training'))
    )
    with op.batch_alter_table('officer_training', schema=None) as batch_op:
        batch_op.create_index('ix_officer_training_officer_on', ['officer_id', 'trained_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('officer_training', schema=None) as batch_op:
        batch_op.drop_index('ix_officer_training_officer_on')

    op.drop_table('officer_training')
    with op.batch_alter_table('officer_history', schema=None) as batch_op:
        batch_op.drop_index('ix_officer_history_officer_at')
        batch_op.drop_index(batch_op.f('ix_officer_history_cert_no'))
        batch_op.drop_index(batch_op.f('ix_officer_history_badge_no'))

    op.drop_table('officer_history')
    with op.batch_alter_table('officer', schema=None) as batch_op:
        batch_op.drop_index('ix_officer_unit_badge')
        batch_op.drop_index('ix_officer_status_badge')

    op.drop_table('officer')
