"""The migrations build exactly the models' schema, and ``setup`` can run any number of times."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from portal import create_app
from portal.audit.models import AuditChainHead
from portal.disclosure.demo import DEMO_UNITS
from portal.disclosure.models import Unit
from portal.extensions import db
from portal.schema import upgrade_schema
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
