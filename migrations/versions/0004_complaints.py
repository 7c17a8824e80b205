"""complaints: complaints, history, attachments, ratings, reply templates

Revision ID: 0004_complaints
Revises: 0003_officers
Create Date: 2026-11-30 08:45:10.558277
"""

from alembic import op
import sqlalchemy as sa


revision = "0004_complaints"
down_revision = "0003_officers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('complaint_reply_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=60), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_complaint_reply_template_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_reply_template'))
    )
    with op.batch_alter_table('complaint_reply_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_reply_template_unit_id'), ['unit_id'], unique=False)

    op.create_table('complaint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tracking_no', sa.String(length=16), nullable=False),
    sa.Column('query_code_hash', sa.String(length=160), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('subject_unit_id', sa.Integer(), nullable=True),
    sa.Column('handling_unit_id', sa.Integer(), nullable=True),
    sa.Column('handler_id', sa.Integer(), nullable=True),
    sa.Column('badge', sa.String(length=20), nullable=False),
    sa.Column('badge_on_roster', sa.Boolean(), nullable=True),
    sa.Column('occurred_at', sa.DateTime(), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('requested_outcome', sa.Text(), nullable=False),
    sa.Column('is_anonymous', sa.Boolean(), nullable=False),
    sa.Column('contact_name', sa.String(length=50), nullable=False),
    sa.Column('contact_phone', sa.String(length=30), nullable=False),
    sa.Column('contact_email', sa.String(length=120), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.Column('rejected_at', sa.DateTime(), nullable=True),
    sa.Column('reject_reason', sa.Text(), nullable=False),
    sa.Column('extension_days', sa.Integer(), nullable=False),
    sa.Column('extension_reason', sa.Text(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('reply', sa.Text(), nullable=False),
    sa.Column('rehandling_requested_at', sa.DateTime(), nullable=True),
    sa.Column('rehandling_reason', sa.Text(), nullable=False),
    sa.Column('rehandling_answered_at', sa.DateTime(), nullable=True),
    sa.Column('rehandling_reply', sa.Text(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('follow_up_due', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("channel IN ('web', 'kiosk', 'hotline', 'mailbox', 'opinion_book', 'email', 'visit')", name=op.f('ck_complaint_channel')),
    sa.CheckConstraint("kind IN ('complaint', 'tipoff', 'suggestion', 'praise')", name=op.f('ck_complaint_kind')),
    sa.CheckConstraint("state IN ('submitted', 'accepted', 'in_progress', 'answered', 'rehandling', 'closed', 'rejected')", name=op.f('ck_complaint_state')),
    sa.CheckConstraint('extension_days BETWEEN 0 AND 30', name=op.f('ck_complaint_extension_days')),
    sa.ForeignKeyConstraint(['handler_id'], ['staff_user.id'], name=op.f('fk_complaint_handler_id_staff_user')),
    sa.ForeignKeyConstraint(['handling_unit_id'], ['unit.id'], name=op.f('fk_complaint_handling_unit_id_unit')),
    sa.ForeignKeyConstraint(['subject_unit_id'], ['unit.id'], name=op.f('fk_complaint_subject_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint')),
    sa.UniqueConstraint('tracking_no', name=op.f('uq_complaint_tracking_no'))
    )
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_handling_unit_id'), ['handling_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaint_state'), ['state'], unique=False)

    op.create_table('complaint_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=120), nullable=False),
    sa.Column('filename', sa.String(length=120), nullable=False),
    sa.Column('media_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_attachment_complaint_id_complaint')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_attachment')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_complaint_attachment_stored_name'))
    )
    with op.batch_alter_table('complaint_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_attachment_complaint_id'), ['complaint_id'], unique=False)

    op.create_table('complaint_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('state_after', sa.String(length=16), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('by_public', sa.Boolean(), nullable=False),
    sa.Column('public_note', sa.Text(), nullable=False),
    sa.Column('internal_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['staff_user.id'], name=op.f('fk_complaint_event_actor_id_staff_user')),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_event_complaint_id_complaint')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_complaint_event_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_event'))
    )
    with op.batch_alter_table('complaint_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_event_complaint_id'), ['complaint_id'], unique=False)

    op.create_table('complaint_rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('answer_round', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('rated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("source IN ('web', 'phone')", name=op.f('ck_complaint_rating_source')),
    sa.CheckConstraint('level BETWEEN 1 AND 5', name=op.f('ck_complaint_rating_level')),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaint.id'], name=op.f('fk_complaint_rating_complaint_id_complaint')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['staff_user.id'], name=op.f('fk_complaint_rating_recorded_by_id_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaint_rating'))
    )
    with op.batch_alter_table('complaint_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaint_rating_complaint_id'), ['complaint_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('complaint_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_rating_complaint_id'))

    op.drop_table('complaint_rating')
    with op.batch_alter_table('complaint_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_event_complaint_id'))

    op.drop_table('complaint_event')
    with op.batch_alter_table('complaint_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_attachment_complaint_id'))

    op.drop_table('complaint_attachment')
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_state'))
        batch_op.drop_index(batch_op.f('ix_complaint_handling_unit_id'))
        batch_op.drop_index(batch_op.f('ix_complaint_due_on'))

    op.drop_table('complaint')
    with op.batch_alter_table('complaint_reply_template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaint_reply_template_unit_id'))

    op.drop_table('complaint_reply_template')
