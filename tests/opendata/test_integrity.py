"""The daily integrity chain: snapshots, roots, the chain between days, and `integrity verify`
naming a record whose published text was changed behind the services' back."""

import gzip
import json
from datetime import date, timedelta

from sqlalchemy import select, text

from portal.core.models import local_today
from portal.extensions import db
from portal.opendata.merkle import merkle_root
from portal.opendata.models import IntegritySnapshot
from portal.opendata.snapshots import snapshot_lines, take_snapshot


def _snapshot(runner, day: date):
    result = runner.invoke(args=["integrity", "snapshot", "--day", day.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def test_snapshot_has_one_line_per_public_revision_and_withdrawal(app, records, runner):
    output = _snapshot(runner, date(2026, 12, 1))
    assert "Snapshot 2026-12-01 taken: 6 records" in output
    with app.app_context():
        snapshot = db.session.scalars(select(IntegritySnapshot)).one()
        header, *lines = snapshot_lines(snapshot)
    keys = [(line["id"], line["event"], line.get("revision")) for line in lines]
    assert sorted(keys, key=str) == sorted(
        [
            (records.plain, "revision", 1),
            (records.corrected, "revision", 1),
            (records.corrected, "revision", 2),
            (records.withdrawn, "revision", 1),
            (records.withdrawn, "withdrawal", None),
            (records.document, "revision", 1),
        ],
        key=str,
    )
    assert header["records"] == 6 and header["previous_root"] == ""
    assert header["merkle_root"] == merkle_root([line["sha256"] for line in lines])
    # the withdrawn decision's text is no longer public: its hash stays, its text does not
    withdrawn = next(
        line for line in lines if line["id"] == records.withdrawn and line["event"] == "revision"
    )
    assert withdrawn["fields"] is None and len(withdrawn["fields_sha256"]) == 64
    plain = next(line for line in lines if line["id"] == records.plain)
    assert plain["fields"]["party"] == "张某某"  # masked, as published
    assert "张三" not in gzip.decompress(snapshot.content).decode()


def test_snapshot_is_idempotent_and_chains_to_the_day_before(app, records, runner):
    _snapshot(runner, date(2026, 12, 1))
    assert "already taken" in _snapshot(runner, date(2026, 12, 1))
    _snapshot(runner, date(2026, 12, 2))
    with app.app_context():
        first, second = db.session.scalars(
            select(IntegritySnapshot).order_by(IntegritySnapshot.day)
        ).all()
        head = db.session.execute(text("SELECT last_hash FROM audit_chain_head")).scalar()
    assert second.previous_root == first.root != second.root
    assert second.audit_head == head  # the audit log's head is anchored publicly
    result = runner.invoke(args=["integrity", "snapshot", "--day", "2026-11-30"])
    assert result.exit_code != 0 and "only grows forward" in result.output


def test_verify_passes_on_an_untouched_record(records, runner):
    _snapshot(runner, date(2026, 12, 1))
    _snapshot(runner, date(2026, 12, 2))
    result = runner.invoke(args=["integrity", "verify"])
    assert result.exit_code == 0, result.output
    assert "2 day(s) verified" in result.output


def test_verify_names_a_published_record_edited_directly_in_the_database(app, records, runner):
    _snapshot(runner, date(2026, 12, 1))
    with app.app_context():  # bypassing the services: no revision, no audit entry
        db.session.execute(
            text("UPDATE decision_revision SET facts = '已被改写' WHERE decision_id = :id"),
            {"id": records.plain_id},
        )
        db.session.commit()
    result = runner.invoke(args=["integrity", "verify"])
    assert result.exit_code == 1
    assert f"decision {records.plain} revision 1 differs from what was anchored on 2026-12-01" in (
        result.output
    )
    assert records.corrected not in result.output  # only the edited record is named


def test_verify_names_a_deleted_revision_and_a_tampered_stored_snapshot(app, records, runner):
    _snapshot(runner, date(2026, 12, 1))
    _snapshot(runner, date(2026, 12, 2))
    with app.app_context():
        db.session.execute(
            text("DELETE FROM decision_revision WHERE revision_no = 2"),
        )
        first = db.session.scalars(
            select(IntegritySnapshot).order_by(IntegritySnapshot.day)
        ).first()
        first.root = "0" * 64
        db.session.commit()
    result = runner.invoke(args=["integrity", "verify"])
    assert result.exit_code == 1
    assert f"now: decision {records.corrected} revision 2 was anchored and is gone" in result.output
    assert "2026-12-01: the listed root is not the file's" in result.output


def test_verify_from_a_downloaded_file(app, records, runner, client, tmp_path):
    with app.app_context():
        take_snapshot(db.session, local_today())
    response = client.get(f"/open-data/snapshots/{local_today().isoformat()}.jsonl")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/jsonl")
    downloaded = tmp_path / "day.jsonl"
    downloaded.write_bytes(response.data)
    assert runner.invoke(args=["integrity", "verify", "--from", str(downloaded)]).exit_code == 0
    # a journalist's copy that someone edited no longer matches its own root
    lines = [json.loads(line) for line in response.data.splitlines()]
    lines[1]["reason"] = "后加的说明"
    downloaded.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines))
    result = runner.invoke(args=["integrity", "verify", "--from", str(downloaded)])
    assert result.exit_code == 1 and "line hash does not match" in result.output


def test_open_data_page_and_index_list_the_days(app, records, client):
    with app.app_context():
        take_snapshot(db.session, local_today() - timedelta(days=1))
    page = client.get("/open-data/")  # takes today's lazily
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    index = client.get("/open-data/integrity.json").get_json()
    days = [item["day"] for item in index["items"]]
    assert days == [local_today().isoformat(), (local_today() - timedelta(days=1)).isoformat()]
    assert index["items"][0]["previous_root"] == index["items"][1]["root"]
    for item in index["items"]:
        assert item["root"] in html
        assert client.get(item["snapshot_url"]).status_code == 200
    health = client.get("/healthz").get_json()
    assert health["integrity"] == {"day": days[0], "root": index["items"][0]["root"]}


def test_bad_days_are_chinese_4xx(records, client):
    unknown = client.get("/open-data/snapshots/2020-01-01.jsonl")
    assert unknown.status_code == 404 and "没有 2020-01-01 的快照" in unknown.get_data(as_text=True)
    for bad in ("2026-13-01", "2026-02-30", "yesterday", "2026-1-1"):
        response = client.get(f"/open-data/snapshots/{bad}.jsonl")
        assert response.status_code == 400, bad
        assert "日期" in response.get_data(as_text=True)


def test_a_snapshot_file_hides_the_text_of_a_record_withdrawn_after_its_day(app, records, client):
    with app.app_context():
        take_snapshot(db.session, local_today())
    url = f"/open-data/snapshots/{local_today().isoformat()}.jsonl"
    assert "当事人在建设路摆摊经营水果" in client.get(url).get_data(as_text=True)
    with app.app_context():
        from portal.audit.services import CLI_ACTOR
        from portal.disclosure.decisions.services import withdraw_decision
        from tests.opendata.conftest import decision_by_public_id

        withdraw_decision(db.session, CLI_ACTOR, decision_by_public_id(records.plain), "误发")
        db.session.commit()
    later = client.get(url).get_data(as_text=True)  # not the cached file of before
    assert "当事人在建设路摆摊经营水果" not in later
    lines = [json.loads(line) for line in later.splitlines()]
    plain = next(line for line in lines[1:] if line["id"] == records.plain)
    assert plain["fields"] is None and plain["fields_sha256"]
    assert (
        lines[0]["root"] == client.get("/open-data/integrity.json").get_json()["items"][0]["root"]
    )


def test_the_record_now_is_built_at_most_once_a_minute(records, client):
    first = client.get("/open-data/current.jsonl").get_data(as_text=True)
    assert client.get("/open-data/current.jsonl").get_data(as_text=True) == first
    header = json.loads(first.splitlines()[0])
    assert header["records"] == 6 and len(header["merkle_root"]) == 64
