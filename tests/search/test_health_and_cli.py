"""/healthz reports the index and its lag; the search CLI rebuilds, follows, checks."""

from portal.search.store import current_generation, index_root


def test_healthz_without_an_index_is_503_missing(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["search_index"] == "missing"
    assert response.get_json()["database"] == "ok"


def test_healthz_reports_the_lag_until_the_outbox_is_applied(
    client, notices, search_index, monkeypatch
):
    notices.publish("1", "通告", "工地扬尘")
    notices.publish("2", "通告", "破坏绿地")
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok"  # a lagging index still answers
    assert body["search_lag"] == 2
    assert body["search_lag_seconds"] >= 0
    search_index.sync()
    body = client.get("/healthz").get_json()
    assert (body["search_lag"], body["search_lag_seconds"]) == (0, 0.0)


def test_healthz_is_503_when_the_index_is_broken(app, client, search_index):
    generation = current_generation(index_root(app))
    for toc in generation.glob("_MAIN_*.toc"):
        toc.unlink()
    assert client.get("/healthz").get_json()["search_index"] == "error"
    assert client.get("/healthz").status_code == 503


def test_reindex_says_a_dictionary_change_needs_it(runner):
    result = runner.invoke(args=["search", "reindex", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "A change of the user dictionary" in text and "needs a full reindex" in text


def test_reindex_builds_with_a_progress_bar(runner, demo_units, app):
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexing" in result.output
    assert "Indexed 13 documents" in result.output
    assert current_generation(index_root(app)) is not None


def test_worker_once_applies_the_outbox(runner, notices, search_index, search):
    notices.publish("w1", "通告", "噪声扰民")
    result = runner.invoke(args=["search", "worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "Applied 1 outbox entries: 1 indexed, 0 removed." in result.output
    assert search("噪声扰民").hrefs == ["/notices/w1"]


def test_worker_builds_an_index_on_a_new_host(runner, demo_units, app):
    result = runner.invoke(args=["search", "worker", "--once"])
    assert "Built the index: 13 documents." in result.output


def test_status_and_verify(runner, notices, search_index):
    notices.publish("v1", "通告", "乱张贴乱涂画")
    status = runner.invoke(args=["search", "status"]).output
    assert "state: ok" in status and "lag: 1 entries" in status
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 1
    assert "missing from the index: 1 (notice:v1)" in result.output
    runner.invoke(args=["search", "worker", "--once"])
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 0
    assert "The index matches the database." in result.output


def test_verify_without_an_index(runner):
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 1
    assert "no index on this host yet" in result.output
