"""A journalist's check over HTTP: the README's standalone script (standard library only) and
`integrity verify --from URL`, against a real server, before and after a silent edit."""

import re
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from werkzeug.serving import make_server

from portal.core.models import local_today
from portal.extensions import db
from portal.opendata.snapshots import take_snapshot

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def script(tmp_path) -> Path:
    readme = README.read_text(encoding="utf-8")
    code = re.search(r"<!-- integrity-verify-script -->\n```python\n(.*?)```", readme, re.S)
    path = tmp_path / "verify.py"
    path.write_text(code.group(1), encoding="utf-8")
    return path


def _run(script: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-I", str(script), url], capture_output=True, text=True, timeout=60
    )


# the record now is cached for a minute by default; a journalist checking again later sees
# the edit, this test checks again at once
@pytest.mark.app_config(SERVER_NAME=None, INTEGRITY_CURRENT_CACHE_SECONDS=0)
def test_the_readme_script_and_verify_from_url_catch_a_silent_edit(
    app, records, served, script, runner
):
    with app.app_context():
        take_snapshot(db.session, local_today() - timedelta(days=1))
        take_snapshot(db.session, local_today())
    intact = _run(script, served)
    assert intact.returncode == 0, intact.stdout + intact.stderr
    assert "intact: 2 day(s) verified" in intact.stdout
    result = runner.invoke(args=["integrity", "verify", "--from", served])
    assert result.exit_code == 0 and "2 day(s) verified" in result.output

    with app.app_context():  # bypassing the services
        db.session.execute(
            text("UPDATE document_revision SET title = '另一个标题' WHERE revision_no = 1")
        )
        db.session.commit()
    changed = _run(script, served)
    assert changed.returncode == 1
    assert f"('document', '{records.document}', 'revision', 1) differs" in changed.stdout
    result = runner.invoke(args=["integrity", "verify", "--from", served])
    assert result.exit_code == 1
    assert f"document {records.document} revision 1 differs" in result.output
