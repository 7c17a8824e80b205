"""A process killed between the commit and the index update loses nothing.

Each case runs a real process that changes a unit through its service and commits — the
outbox entry commits with it — then starts the in-process indexer, exactly as after a request,
and is killed with SIGKILL at one point of the way: before the indexer runs, in the middle of
the Whoosh commit (segment files written, table of contents not), or after the index commit
but before the cursor is saved. Then a new process starts (as a restarted server or worker
would) and the index must match the database exactly.
"""

import json
import signal
import subprocess
import sys

import pytest

from tests.live_server import ROOT, portal_environment, run_cli

CHANGE_AND_DIE = r"""
import os, signal, sys
from sqlalchemy import select

point, word = sys.argv[1], sys.argv[2]


def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


import whoosh.index
import portal.search.indexer
from portal import create_app
from portal.audit.services import CLI_ACTOR
from portal.org.models import Unit
from portal.disclosure.services import update_unit_profile
from portal.extensions import db
from portal.search import inline

if point == "during_index_commit":
    whoosh.index.TOC.write = die
elif point == "before_cursor_saved":
    portal.search.indexer.write_state = die
elif point == "during_rebuild":
    portal.search.indexer.index_fields = die

app = create_app()
with app.app_context():
    unit = db.session.scalar(select(Unit).where(Unit.code == "lushan"))
    update_unit_profile(db.session, CLI_ACTOR, unit, {"jurisdiction": f"鲁山县{word}整治"})
    db.session.commit()
if point == "after_commit":
    die()
if point == "during_rebuild":
    from portal.search.operations import rebuild_index
    rebuild_index(app)
inline.catch_up(app)
print("not killed")
"""

RESTART_AND_CHECK = r"""
import json, sys
from portal import create_app
from portal.search import inline
from portal.search.operations import compare_with_database

app = create_app()
before = compare_with_database(app)
inline.catch_up(app)
after = compare_with_database(app)
client = app.test_client()
page = client.get("/search", query_string={"q": sys.argv[1]}).get_data(as_text=True)
print(json.dumps({
    "stale_before": bool(before),
    "differences": [after.missing, after.unexpected, after.outdated],
    "found": "/disclosure/units/lushan" in page,
}))
"""


@pytest.fixture(scope="module")
def portal_on_disk(new_database_url, tmp_path_factory):
    instance = tmp_path_factory.mktemp("crash-instance")
    environment = portal_environment(new_database_url(), instance)
    run_cli(environment, "setup", "--demo")  # builds the index
    return environment


def _python(environment, script, *args):
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "point, word",
    [
        ("after_commit", "梧桐巷夜市"),
        ("during_index_commit", "凤凰岭采石场"),
        ("before_cursor_saved", "白鹭湾码头"),
        ("during_rebuild", "青石桥菜场"),
    ],
)
def test_killed_between_commit_and_index_update_loses_nothing(portal_on_disk, point, word):
    killed = _python(portal_on_disk, CHANGE_AND_DIE, point, word)
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr

    restarted = _python(portal_on_disk, RESTART_AND_CHECK, word)
    assert restarted.returncode == 0, restarted.stderr
    outcome = json.loads(restarted.stdout)
    if point != "before_cursor_saved":  # there the index already had it; only the cursor lagged
        assert outcome["stale_before"], "the kill came too late to test anything"
    assert outcome["differences"] == [[], [], []]
    assert outcome["found"]
