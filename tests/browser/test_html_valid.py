"""Every page is valid HTML according to the W3C Nu validator (vnu.jar, one batched run)."""

import http.cookiejar
import json
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.browser.pages import ADMIN_PAGES, PUBLIC_PAGES

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def fetch_pages(server, paths, opener) -> dict[str, str]:
    pages = {}
    for path in paths:
        try:
            with opener.open(server.url + path) as response:
                pages[path] = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:  # error pages are pages too
            pages[path] = error.read().decode("utf-8")
    return pages


def logged_in_opener(server):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with opener.open(server.url + "/admin/login") as response:
        token = re.search(
            r'name="csrf_token" type="hidden" value="([^"]+)"', response.read().decode()
        ).group(1)
    form = urllib.parse.urlencode(
        {"csrf_token": token, "username": "demo-admin", "password": "browser-test-pass-1"}
    ).encode()
    opener.open(server.url + "/admin/login", data=form).close()
    return opener


def test_all_pages_are_valid_html(live_server, tmp_path):
    if not VNU.exists() or shutil.which("java") is None:
        pytest.skip("needs Java and vnu-jar: run `npm ci` at the repository root")
    pages = fetch_pages(live_server, PUBLIC_PAGES, urllib.request.build_opener())
    pages |= fetch_pages(live_server, ADMIN_PAGES, logged_in_opener(live_server))
    files = {}
    for number, (path, html) in enumerate(pages.items()):
        file = tmp_path / f"page{number}.html"
        file.write_text(html, encoding="utf-8")
        files[file.name] = path
    result = subprocess.run(
        [
            "java",
            "-Dnu.validator.servlet.allow-forbidden-hosts=true",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *[str(tmp_path / f"page{n}.html") for n in range(len(pages))],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(Path(m.get('url', '')).name)}: {m.get('message')} (line {m.get('lastLine')})"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []
