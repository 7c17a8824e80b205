"""The index follows the database through the outbox: never misses, never keeps, never leaks."""

import logging
import time
from dataclasses import replace

import pytest

from portal.extensions import db
from portal.search import indexer
from portal.search.documents import SearchDocument
from portal.search.models import SearchOutboxEntry
from portal.search.operations import apply_outbox, compare_with_database, rebuild_index
from portal.search.readers import searchers
from portal.search.store import (
    IndexBusy,
    current_generation,
    index_root,
    read_state,
    writer_lock,
)


def test_published_content_is_found_changed_and_withdrawn(notices, search_index, search):
    notices.publish("1", "违法建设整治通告", "责令限期拆除彩钢板房")
    assert search("彩钢板").hrefs == []  # committed, not applied yet
    report = search_index.sync()
    assert (report.entries, report.indexed, report.removed) == (1, 1, 0)
    assert search("彩钢板").hrefs == ["/notices/1"]

    notices.edit("1", body="责令限期拆除违章搭建的雨棚")
    search_index.sync()
    assert search("彩钢板").hrefs == []
    assert search("雨棚").hrefs == ["/notices/1"]

    notices.withdraw("1")
    assert search_index.sync().removed == 1
    assert search("违法建设 整治").hrefs == []


def test_personal_data_never_reaches_the_index(notices, search_index, search, app):
    # A provider that forgot to mask: the index masks again on the way in.
    notices.publish(
        "p1",
        "关于张某某占道经营的行政处罚决定书",
        "当事人张某某，身份证号410402199001011234，电话13812345678，在新华区占道经营。",
    )
    search_index.sync()
    for raw in ("410402199001011234", "13812345678", "199001011234"):
        assert search(raw).hrefs == [], raw
    hit = search("占道经营").hits[0]
    assert "410402********1234" in hit["snippet"] and "138****5678" in hit["snippet"]
    with app.app_context(), searchers.searcher(index_root(app)) as opened:
        stored = [fields["body"] for fields in opened.searcher.all_stored_fields()]
    assert not any("13812345678" in body or "410402199001011234" in body for body in stored)


def test_applying_twice_changes_nothing(notices, search_index, app):
    notices.publish("1", "通告", "渣土车辆未密闭运输")
    search_index.sync()
    with app.app_context():
        db.session.add(SearchOutboxEntry(kind="notice", object_id="1"))
        db.session.commit()
    search_index.sync()
    assert not compare_with_database(app)
    with app.app_context(), searchers.searcher(index_root(app)) as opened:
        assert opened.searcher.doc_count() == 1


def _add_entry(app, entry_id: int, kind="notice", object_id="1"):
    with app.app_context():
        db.session.add(SearchOutboxEntry(id=entry_id, kind=kind, object_id=object_id))
        db.session.commit()


def _state(app):
    return read_state(current_generation(index_root(app)))


def test_an_id_committed_late_below_the_cursor_is_still_applied(notices, search_index, app, search):
    """PostgreSQL hands out ids at insert: id 3 may commit after id 5 is visible."""
    notices.items["late"] = SearchDocument("notice", "late", "迟到的通告", "户外广告整治", "late")
    notices.items["early"] = SearchDocument(
        "notice", "early", "先到的通告", "噪声扰民整治", "early"
    )
    _add_entry(app, 5, object_id="early")
    search_index.sync()
    state = _state(app)
    assert state.applied_through == 5
    assert set(state.open_gaps) == {1, 2, 3, 4}
    assert search("户外广告").hrefs == []

    _add_entry(app, 3, object_id="late")  # the slow transaction commits
    search_index.sync()
    assert search("户外广告").hrefs == ["/notices/late"]
    assert set(_state(app).open_gaps) == {1, 2, 4}


@pytest.mark.app_config(SEARCH_OUTBOX_GAP_SECONDS=0.05)
def test_gaps_that_never_fill_are_given_up(notices, search_index, app, caplog):
    _add_entry(app, 4, kind="unit", object_id="999")
    search_index.sync()
    assert set(_state(app).open_gaps) == {1, 2, 3}
    time.sleep(0.1)
    with caplog.at_level(logging.WARNING, logger="portal.search.indexer"):
        report = search_index.sync()
    assert sorted(report.expired_gaps) == [1, 2, 3]
    assert _state(app).open_gaps == {}
    assert "never committed" in caplog.text


def test_entries_of_an_unknown_kind_are_skipped_with_a_warning(search_index, app, caplog):
    _add_entry(app, 1, kind="from_a_newer_release", object_id="7")
    with caplog.at_level(logging.WARNING, logger="portal.search.indexer"):
        report = search_index.sync()
    assert report.entries == 1
    assert "no provider for kind 'from_a_newer_release'" in caplog.text
    assert _state(app).applied_through == 1


def test_one_writer_at_a_time(search_index, app):
    with writer_lock(index_root(app)), pytest.raises(IndexBusy):
        apply_outbox(app)


def test_a_rebuild_swaps_in_atomically_while_searches_go_on(
    notices, demo_units, search_index, app, search
):
    notices.publish("1", "工地扬尘通报", "施工工地未覆盖")
    search_index.sync()
    before = current_generation(index_root(app))
    with app.app_context(), searchers.searcher(index_root(app)) as old:
        name, count = rebuild_index(app)
        # the searcher opened before the swap still answers from the old generation
        assert old.searcher.doc_count() == 14
    assert count == 14
    after = current_generation(index_root(app))
    assert after != before and after.name == name
    assert before.exists()  # kept for searchers still reading it
    assert search("工地扬尘").hrefs == ["/notices/1"]
    rebuild_index(app)
    assert not before.exists()  # two rebuilds later it is gone
    assert _state(app).applied_through == 1


def test_a_rebuild_applies_what_changed_while_it_was_building(
    notices, search_index, app, monkeypatch
):
    notices.publish("1", "通告一", "露天烧烤")
    original_build = indexer._build

    def build_then_publish(session, generation, progress):
        count = original_build(session, generation, progress)
        notices.publish("2", "通告二", "噪声扰民")  # committed during the build
        return count

    monkeypatch.setattr(indexer, "_build", build_then_publish)
    rebuild_index(app)
    assert not compare_with_database(app)


def test_compare_finds_every_kind_of_difference(notices, search_index, app):
    notices.publish("1", "通告一", "露天烧烤")
    notices.publish("2", "通告二", "噪声扰民")
    search_index.sync()
    # changed without outbox entries: the bugs the check is there to reveal
    notices.items.pop("1")
    notices.items["2"] = replace(notices.items["2"], body="改")
    notices.items["3"] = SearchDocument("notice", "3", "通告三", "破坏绿地", "3")
    differences = compare_with_database(app)
    assert differences.missing == ["notice:3"]
    assert differences.unexpected == ["notice:1"]
    assert differences.outdated == ["notice:2"]
