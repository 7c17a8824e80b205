"""The migrations build exactly the models' schema, and ``setup`` can run any number of times."""

from datetime import date, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from portal import create_app
from portal.audit.models import AuditChainHead
from portal.disclosure.demo import DEMO_UNITS
from portal.extensions import db
from portal.org.models import Unit
from portal.results.models import REVIEW_ITEMS, ReviewRound
from portal.results.reviews import REVIEW_ROUND_LIFECYCLE
from portal.schema import alembic_config, upgrade_schema
from tests.conftest import base_test_config, close_database


def test_migrations_match_the_models(new_database_url, tmp_path):
    app = create_app(base_test_config(tmp_path, new_database_url()))
    with app.app_context():
        upgrade_schema()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, db.metadata)
        tables = set(inspect(db.engine).get_table_names())
    close_database(app)
    assert differences == []
    assert {"unit", "staff_user", "audit_entry", "audit_chain_head"} <= tables


def test_setup_twice_adds_nothing_the_second_time(new_database_url, tmp_path):
    app = create_app(base_test_config(tmp_path, new_database_url()))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["setup", "--demo"])
    second = runner.invoke(args=["setup", "--demo"])
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert f"Demo units: {len(DEMO_UNITS)} added" in first.output
    assert "Demo units: 0 added, 13 in all" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Unit)) == 13
        assert db.session.scalar(select(func.count()).select_from(AuditChainHead)) == 1
        names = set(db.session.scalars(select(Unit.name)))
    close_database(app)
    assert "平顶山市城市管理执法支队" in names
    assert "汝州市城市管理和综合执法局" in names


def test_review_rounds_published_before_the_lifecycle_keep_their_findings(
    new_database_url, tmp_path
):
    """Migration 0009 rebuilds review_round while results point at it (SQLite: with the keys
    off, checked before the commit) and turns each published round into revision 1."""
    app = create_app(base_test_config(tmp_path, new_database_url()))
    with app.app_context():
        with db.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0008_media")
        with db.engine.begin() as connection:
            # raw SQL: the ORM's Unit has columns of later revisions
            connection.execute(
                text(
                    "INSERT INTO unit (code, name, short_name, level, division_code, address, "
                    "postcode, phone, complaint_phone, complaint_email, mailbox_location, "
                    "visit_address, visit_hours, jurisdiction, sort_order, created_at, "
                    "updated_at) VALUES ('xh', '新华区城管局', '新华区', 'district', '410402', "
                    "'地址', '', '0375-1', '0375-2', '', '', '', '', '', 0, :at, :at)"
                ),
                {"at": datetime(2025, 1, 1)},
            )
            connection.execute(
                text(
                    "INSERT INTO review_round (id, name, held_on, summary, published_at, "
                    "corrected_at, correction_reason, created_at) VALUES (1, '2025年度评查', "
                    ":held_on, '', :published_at, NULL, '', :published_at)"
                ),
                {"held_on": date(2025, 11, 20), "published_at": datetime(2025, 12, 5)},
            )
            connection.execute(
                text(
                    "INSERT INTO review_result (round_id, unit_id, files_reviewed, score, grade, "
                    + ", ".join(REVIEW_ITEMS)
                    + ", rectification, rectification_note) VALUES "
                    "(1, (SELECT id FROM unit WHERE code = 'xh'), 12, 86.5, 'pass', "
                    "0, 1, 2, 0, 0, 0, 0, 3, 'in_progress', '')"
                )
            )
        upgrade_schema()
        review_round = db.session.get(ReviewRound, 1)
        revision = REVIEW_ROUND_LIFECYCLE.revision(db.session, review_round)
        assert (review_round.status, review_round.revision_count) == ("published", 1)
        assert review_round.first_published_at == datetime(2025, 12, 5)
        assert len(review_round.public_id) == 10 and len(review_round.results) == 1
        assert revision.findings[0]["unit_code"] == "xh"
        assert revision.findings[0]["score"] == 86.5
        assert revision.findings[0]["problems_file_keeping"] == 3
    close_database(app)
