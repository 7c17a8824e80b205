"""results: evaluations, case-file reviews, supervisors

Revision ID: 0005_results
Revises: 0001_foundation
Create Date: 2026-11-30 08:40:55.249890
"""

from alembic import op
import sqlalchemy as sa


revision = "0005_results"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('evaluation_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('closes_on', sa.Date(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_period')),
    sa.UniqueConstraint('name', name=op.f('uq_evaluation_period_name'))
    )
    op.create_table('review_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('corrected_at', sa.DateTime(), nullable=True),
    sa.Column('correction_reason', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_round')),
    sa.UniqueConstraint('name', name=op.f('uq_review_round_name'))
    )
    op.create_table('supervisor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('affiliation', sa.String(length=20), nullable=False),
    sa.Column('organisation', sa.String(length=100), nullable=False),
    sa.Column('term_from', sa.Date(), nullable=False),
    sa.Column('term_to', sa.Date(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervisor'))
    )
    op.create_table('evaluation_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('fairness', sa.Integer(), nullable=False),
    sa.Column('attitude', sa.Integer(), nullable=False),
    sa.Column('quality', sa.Integer(), nullable=False),
    sa.Column('efficiency', sa.Integer(), nullable=False),
    sa.Column('integrity', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('attitude BETWEEN 1 AND 5', name=op.f('ck_evaluation_answer_attitude_range')),
    sa.CheckConstraint('efficiency BETWEEN 1 AND 5', name=op.f('ck_evaluation_answer_efficiency_range')),
    sa.CheckConstraint('fairness BETWEEN 1 AND 5', name=op.f('ck_evaluation_answer_fairness_range')),
    sa.CheckConstraint('integrity BETWEEN 1 AND 5', name=op.f('ck_evaluation_answer_integrity_range')),
    sa.CheckConstraint('quality BETWEEN 1 AND 5', name=op.f('ck_evaluation_answer_quality_range')),
    sa.ForeignKeyConstraint(['period_id'], ['evaluation_period.id'], name=op.f('fk_evaluation_answer_period_id_evaluation_period')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_evaluation_answer_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_answer'))
    )
    with op.batch_alter_table('evaluation_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_answer_period_id'), ['period_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluation_answer_unit_id'), ['unit_id'], unique=False)

    op.create_table('review_result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('files_reviewed', sa.Integer(), nullable=False),
    sa.Column('score', sa.Double(), nullable=False),
    sa.Column('grade', sa.String(length=10), nullable=False),
    sa.Column('problems_subject', sa.Integer(), nullable=False),
    sa.Column('problems_facts', sa.Integer(), nullable=False),
    sa.Column('problems_evidence', sa.Integer(), nullable=False),
    sa.Column('problems_legal_basis', sa.Integer(), nullable=False),
    sa.Column('problems_procedure', sa.Integer(), nullable=False),
    sa.Column('problems_discretion', sa.Integer(), nullable=False),
    sa.Column('problems_criminal_transfer', sa.Integer(), nullable=False),
    sa.Column('problems_file_keeping', sa.Integer(), nullable=False),
    sa.Column('rectification', sa.String(length=16), nullable=False),
    sa.Column('rectified_on', sa.Date(), nullable=True),
    sa.Column('rectification_note', sa.Text(), nullable=False),
    sa.CheckConstraint("grade IN ('excellent', 'pass', 'fail')", name=op.f('ck_review_result_grade')),
    sa.CheckConstraint("rectification IN ('none_needed', 'in_progress', 'done')", name=op.f('ck_review_result_rectification')),
    sa.CheckConstraint('score BETWEEN 0 AND 100', name=op.f('ck_review_result_score_range')),
    sa.ForeignKeyConstraint(['round_id'], ['review_round.id'], name=op.f('fk_review_result_round_id_review_round')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_review_result_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_result')),
    sa.UniqueConstraint('round_id', 'unit_id', name='round_unit')
    )
    with op.batch_alter_table('review_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_result_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_result_unit_id'), ['unit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('review_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_result_unit_id'))
        batch_op.drop_index(batch_op.f('ix_review_result_round_id'))

    op.drop_table('review_result')
    with op.batch_alter_table('evaluation_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_answer_unit_id'))
        batch_op.drop_index(batch_op.f('ix_evaluation_answer_period_id'))

    op.drop_table('evaluation_answer')
    op.drop_table('supervisor')
    op.drop_table('review_round')
    op.drop_table('evaluation_period')
