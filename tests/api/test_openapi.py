"""The OpenAPI document covers every /api/v1/ and /open311/v2/ route, and schemathesis (all
checks) finds no disagreement between it and the code, against gunicorn over the demo data."""

import subprocess
import sys
from pathlib import Path

from portal.core.documented import undocumented_rules

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
CONFIG = Path(__file__).with_name("schemathesis.toml")


def test_every_api_route_is_in_the_document(app, client):
    assert undocumented_rules(app) == []
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    documented_rules = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(("/api/v1/", "/open311/v2/"))
    }
    assert len(paths) >= len(documented_rules) - 2  # GET and POST share /requests.{fmt}
    assert "/open311/v2/requests.{fmt}" in paths
    assert set(paths["/open311/v2/requests.{fmt}"]) == {"servers", "get", "post"}


def test_schema_forbidden_arguments_are_refused(client):
    assert client.get("/api/v1/outcomes?limit=1&limit=1").status_code == 400
    assert client.get("/api/v1/outcomes?kind=").status_code == 400
    assert client.get("/api/v1/decisions?major=yes").status_code == 400
    assert client.get("/open311/v2/requests.json?status=pending").get_json()[0]["code"] == 400


def test_schemathesis_finds_nothing(api_server, tmp_path):
    result = subprocess.run(
        [
            str(SCHEMATHESIS),
            "--config-file",
            str(CONFIG),
            "run",
            f"{api_server.url}/api/v1/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            "5",
            "--seed",
            "17",
            "--workers",
            "2",
            "--generation-deterministic",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp_path,  # schemathesis keeps a cache folder in its working directory
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
