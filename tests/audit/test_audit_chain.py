"""The audit log is a hash chain: any edit or deletion in the database is found and named."""

import json

import pytest
from sqlalchemy import select, text

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR, record_change, verify_chain
from portal.extensions import db


@pytest.fixture
def five_entries(app_context):
    for number in range(1, 6):
        record_change(
            db.session,
            CLI_ACTOR,
            "unit.update",
            "unit",
            f"u{number}",
            before={"phone": "1"},
            after={"phone": str(number)},
        )
        db.session.commit()
    return db.session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)).all()


def run_verify(runner):
    return runner.invoke(args=["audit", "verify"])


def test_intact_log_verifies(five_entries, runner):
    result = run_verify(runner)
    assert result.exit_code == 0, result.output
    assert "5 entries verified" in result.output


def test_empty_log_verifies(app_context, runner):
    assert run_verify(runner).exit_code == 0


def test_each_entry_links_to_the_previous_hash(five_entries):
    entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert entries[0].prev_hash == ""
    for previous, current in zip(entries, entries[1:], strict=False):
        assert current.prev_hash == previous.entry_hash
    assert json.loads(entries[2].after_json) == {"phone": "3"}


def test_edited_entry_is_named(five_entries, runner):
    third = five_entries[2]
    db.session.execute(
        text("UPDATE audit_entry SET after_json = :value WHERE id = :id"),
        {"value": '{"phone": "999"}', "id": third},
    )
    db.session.commit()
    result = run_verify(runner)
    assert result.exit_code == 1
    assert f"BROKEN at entry {third}" in result.output
    assert verify_chain(db.session).first_bad_id == third


def test_entry_edited_together_with_its_hash_breaks_the_next_link(five_entries, runner):
    second = five_entries[1]
    db.session.execute(
        text("UPDATE audit_entry SET actor_label = 'someone-else', entry_hash = :h WHERE id = :id"),
        {"h": "0" * 64, "id": second},
    )
    db.session.commit()
    result = run_verify(runner)
    assert result.exit_code == 1
    assert f"BROKEN at entry {second}" in result.output


def test_deleted_middle_entry_is_found_at_the_next_one(five_entries, runner):
    db.session.execute(text("DELETE FROM audit_entry WHERE id = :id"), {"id": five_entries[1]})
    db.session.commit()
    result = run_verify(runner)
    assert result.exit_code == 1
    assert f"BROKEN at entry {five_entries[2]}" in result.output


def test_deleted_last_entry_is_found_by_the_chain_head(five_entries, runner):
    db.session.execute(text("DELETE FROM audit_entry WHERE id = :id"), {"id": five_entries[-1]})
    db.session.commit()
    result = run_verify(runner)
    assert result.exit_code == 1
    assert f"BROKEN at entry {five_entries[-1]}" in result.output


def test_audit_entries_cannot_be_changed_through_the_orm(five_entries):
    entry = db.session.get(AuditEntry, five_entries[0])
    entry.action = "tampered"
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()
