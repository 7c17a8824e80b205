"""disclosure: documents and penalty decisions, each with its published revisions

Revision ID: 0002_disclosure
Revises: 0004_complaints (re-chained after merging main; written against 0001_foundation)
Create Date: 2026-11-30 08:49:10.637985
"""

from alembic import op
import sqlalchemy as sa


revision = "0002_disclosure"
down_revision = "0004_complaints"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('disclosure_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
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
    sa.CheckConstraint("kind IN ('responsibilities', 'legal_basis', 'procedure', 'discretion', 'random_inspection', 'remedies', 'other')", name=op.f('ck_disclosure_document_kind')),
    sa.CheckConstraint("status IN ('draft', 'review', 'published', 'withdrawn')", name=op.f('ck_disclosure_document_publication_status')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_disclosure_document_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosure_document')),
    sa.UniqueConstraint('public_id', name=op.f('uq_disclosure_document_public_id'))
    )
    op.create_index('ix_disclosure_document_unit_kind', 'disclosure_document', ['unit_id', 'kind', 'status'])
    op.create_index('ix_disclosure_document_updated', 'disclosure_document', ['status', 'public_updated_at'])

    op.create_table('penalty_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('doc_no', sa.String(length=100), nullable=False),
    sa.Column('party_name', sa.String(length=200), nullable=False),
    sa.Column('party_type', sa.String(length=12), nullable=False),
    sa.Column('party_is_minor', sa.Boolean(), nullable=False),
    sa.Column('related_names', sa.Text(), nullable=False),
    sa.Column('violation_type', sa.String(length=32), nullable=False),
    sa.Column('violation', sa.Text(), nullable=False),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('penalty', sa.Text(), nullable=False),
    sa.Column('fine_amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('orders_stop_of_business', sa.Boolean(), nullable=False),
    sa.Column('revokes_licence', sa.Boolean(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('publication_due_on', sa.Date(), nullable=False),
    sa.Column('is_major', sa.Boolean(), nullable=False),
    sa.Column('major_raised', sa.Boolean(), nullable=False),
    sa.Column('major_raise_reason', sa.Text(), nullable=False),
    sa.Column('legal_reviewed_on', sa.Date(), nullable=True),
    sa.Column('filed_on', sa.Date(), nullable=True),
    sa.Column('filing_note', sa.String(length=200), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('revocation_kind', sa.String(length=12), nullable=False),
    sa.Column('revocation_reason', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
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
    sa.CheckConstraint("NOT party_is_minor OR status IN ('draft', 'review')", name=op.f('ck_penalty_decision_minor_never_published')),
    sa.CheckConstraint("party_type IN ('person', 'organisation')", name=op.f('ck_penalty_decision_party_type')),
    sa.CheckConstraint("status IN ('draft', 'review', 'published', 'withdrawn')", name=op.f('ck_penalty_decision_publication_status')),
    sa.CheckConstraint("violation_type IN ('street_vending', 'illegal_construction', 'posting_graffiti', 'muck_transport', 'outdoor_advertising', 'open_air_barbecue', 'noise', 'green_space', 'shared_bicycles', 'construction_dust', 'other')", name=op.f('ck_penalty_decision_violation_type')),
    sa.CheckConstraint('fine_amount >= 0', name=op.f('ck_penalty_decision_fine_not_negative')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_penalty_decision_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_penalty_decision')),
    sa.UniqueConstraint('public_id', name=op.f('uq_penalty_decision_public_id')),
    sa.UniqueConstraint('unit_id', 'doc_no', name='uq_penalty_decision_unit_doc_no')
    )
    op.create_index('ix_penalty_decision_due', 'penalty_decision', ['status', 'publication_due_on'])
    op.create_index('ix_penalty_decision_feed', 'penalty_decision', ['public_updated_at', 'id'])
    op.create_index('ix_penalty_decision_listing', 'penalty_decision', ['status', 'decided_on', 'id'])
    op.create_index('ix_penalty_decision_major_listing', 'penalty_decision', ['is_major', 'status', 'decided_on', 'id'])
    op.create_index('ix_penalty_decision_unit', 'penalty_decision', ['unit_id', 'id'])
    op.create_index('ix_penalty_decision_unit_listing', 'penalty_decision', ['unit_id', 'status', 'decided_on', 'id'])
    op.create_index('ix_penalty_decision_violation_listing', 'penalty_decision', ['violation_type', 'status', 'decided_on', 'id'])
    op.create_index('ix_penalty_decision_unit_violation_listing', 'penalty_decision', ['unit_id', 'violation_type', 'status', 'decided_on', 'id'])

    op.create_table('decision_revision',
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('doc_no', sa.String(length=100), nullable=False),
    sa.Column('party', sa.String(length=200), nullable=False),
    sa.Column('party_type', sa.String(length=12), nullable=False),
    sa.Column('violation_type', sa.String(length=32), nullable=False),
    sa.Column('violation', sa.Text(), nullable=False),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('penalty', sa.Text(), nullable=False),
    sa.Column('fine_amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('is_major', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision_no', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('published_by_label', sa.String(length=80), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['penalty_decision.id'], name=op.f('fk_decision_revision_decision_id_penalty_decision')),
    sa.ForeignKeyConstraint(['published_by_id'], ['staff_user.id'], name=op.f('fk_decision_revision_published_by_id_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_revision')),
    sa.UniqueConstraint('decision_id', 'revision_no', name=op.f('uq_decision_revision_decision_id'))
    )
    op.create_table('document_revision',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision_no', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('published_by_label', sa.String(length=80), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['disclosure_document.id'], name=op.f('fk_document_revision_document_id_disclosure_document')),
    sa.ForeignKeyConstraint(['published_by_id'], ['staff_user.id'], name=op.f('fk_document_revision_published_by_id_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_revision')),
    sa.UniqueConstraint('document_id', 'revision_no', name=op.f('uq_document_revision_document_id'))
    )


def downgrade() -> None:
    op.drop_table('document_revision')
    op.drop_table('decision_revision')
    op.drop_index('ix_penalty_decision_violation_listing', table_name='penalty_decision')
    op.drop_index('ix_penalty_decision_unit_violation_listing', table_name='penalty_decision')
    op.drop_index('ix_penalty_decision_unit_listing', table_name='penalty_decision')
    op.drop_index('ix_penalty_decision_unit', table_name='penalty_decision')
    op.drop_index('ix_penalty_decision_major_listing', table_name='penalty_decision')
    op.drop_index('ix_penalty_decision_listing', table_name='penalty_decision')
    op.drop_index('ix_penalty_decision_feed', table_name='penalty_decision')
    op.drop_index('ix_penalty_decision_due', table_name='penalty_decision')

    op.drop_table('penalty_decision')
    op.drop_index('ix_disclosure_document_updated', table_name='disclosure_document')
    op.drop_index('ix_disclosure_document_unit_kind', table_name='disclosure_document')

    op.drop_table('disclosure_document')
