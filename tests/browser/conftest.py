"""Playwright on Debian's Chromium against gunicorn serving the demo data.

The server and the browser are started once per session. Screenshots go to
``tests/browser/screenshots/`` (git-ignored) — look at them: a page can pass its asserts and
still show empty boxes instead of Chinese characters.
"""

import os
from pathlib import Path

import pytest

from tests.live_server import LiveServer, portal_environment, run_cli

CHROMIUM = os.environ.get("PORTAL_TEST_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
    "desktop": {"viewport": {"width": 1366, "height": 768}},
    "kiosk": {"viewport": {"width": 1080, "height": 1920}, "has_touch": True},
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture(scope="session")
def live_server(new_database_url, tmp_path_factory):
    instance = tmp_path_factory.mktemp("live-instance")
    environment = portal_environment(new_database_url(), instance, PORTAL_RATELIMIT_ENABLED="0")
    run_cli(environment, "setup", "--demo")
    run_cli(
        environment,
        "users",
        "create",
        "demo-admin",
        "--role",
        "admin",
        input_text="browser-test-pass-1\n",
    )
    server = LiveServer(environment, workers=2, log_path=instance / "gunicorn.log").start()
    yield server
    server.stop()


@pytest.fixture(params=["phone", "desktop"])
def viewport_name(request):
    return request.param


@pytest.fixture
def open_page(browser, viewport_name):
    """A callable opening ``path`` on the live server in a fresh zh-CN context."""
    contexts = []

    def open_path(server, path: str):
        context = browser.new_context(
            locale="zh-CN", timezone_id="Asia/Shanghai", **VIEWPORTS[viewport_name]
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(server.url + path)
        return page

    yield open_path
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(viewport_name):
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}-{viewport_name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script. Skipped without ``npm ci`` (a newcomer's run); .ci/run installs it
    and sets PORTAL_TEST_FORBID_SKIPS, so in CI a missing axe fails the run."""
    if not AXE.exists():
        pytest.skip("needs axe-core: run `npm ci` at the repository root")
    return AXE.read_text()
