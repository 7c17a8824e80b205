"""Public pages' throughput as a fraction of a hello-world Flask route, warm cache and cold.

Three gunicorn servers with the same settings (``-w 2``) on 127.0.0.1: a one-line Flask app
(the baseline), the portal with its page cache (warm) and the portal with ``PORTAL_PAGE_CACHE=off``
(cold: every request rendered), on one demo database. Each page is measured right after
the baseline, alternating, and printed as a fraction of it. Then the peak RSS of every worker.

    .venv/bin/python bench/pages.py [--seconds 5] [--threads 8]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.officer_lookup import drive  # noqa: E402
from tests.live_server import VENV_BIN, LiveServer, portal_environment, run_cli  # noqa: E402

HELLO_APP = """
from flask import Flask
app = Flask(__name__)

@app.route("/")
def hello():
    return "Hello, World!"
"""


def pages(server: LiveServer) -> dict[str, str]:
    with urllib.request.urlopen(f"{server.url}/api/v1/decisions?limit=1") as response:
        decision = json.load(response)["items"][0]
    with urllib.request.urlopen(f"{server.url}/api/v1/officers?limit=1") as response:
        badge = json.load(response)["items"][0]["badge_no"]
    return {
        "/": "/",
        "/disclosure/": "/disclosure/",
        "/decisions/": "/decisions/",
        "a decision's permalink": f"/decisions/{decision['public_id']}",
        "/officers/lookup?badge=…": f"/officers/lookup?badge={badge}",
        "/outcomes/": "/outcomes/",
        "/stats/": "/stats/",
        "/search?q=占道经营": "/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5",
    }


def peak_rss_mb(server: LiveServer) -> list[float]:
    """VmHWM of each worker (the children of the gunicorn master)."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    figures = []
    for pid in children.read_text().split():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                figures.append(int(line.split()[1]) / 1024)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--threads", type=int, default=8)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        (instance / "hello.py").write_text(HELLO_APP)
        url = f"sqlite:///{instance / 'bench.sqlite3'}"
        environment = portal_environment(url, instance, PORTAL_RATELIMIT_ENABLED="0")
        run_cli(environment, "setup", "--demo")
        run_cli(environment, "search", "reindex")
        hello = start_hello(folder)
        warm = LiveServer(environment, workers=2).start()
        cold = LiveServer({**environment, "PORTAL_PAGE_CACHE": "off"}, workers=2).start()
        try:
            paths = pages(warm)
            rows = []
            for name, path in paths.items():
                drive(warm.port, lambda rng, p=path: p, 1, options.threads)  # fill the cache
                base = drive(hello.port, lambda rng: "/", options.seconds, options.threads)
                hot = drive(warm.port, lambda rng, p=path: p, options.seconds, options.threads)
                rendered = drive(cold.port, lambda rng, p=path: p, options.seconds, options.threads)
                rows.append((name, base, hot, rendered))
            memory = {"warm": peak_rss_mb(warm), "cold": peak_rss_mb(cold)}
        finally:
            for server in (hello, warm, cold):
                server.stop()
    print(f"gunicorn -w 2, {options.threads} client threads, {options.seconds:g} s per figure")
    print(
        f"  {'page':28s} {'hello req/s':>11s} {'warm':>8s} {'cold':>8s} {'warm÷hello':>10s}"
        f" {'cold÷hello':>10s}"
    )
    for name, base, hot, rendered in rows:
        print(
            f"  {name:28s} {base:11.0f} {hot:8.0f} {rendered:8.0f} {hot / base:10.2f}"
            f" {rendered / base:10.2f}"
        )
    for kind, figures in memory.items():
        print(f"  peak RSS per worker ({kind}): " + ", ".join(f"{mb:.0f} MB" for mb in figures))


def start_hello(folder: str) -> LiveServer:
    """gunicorn serving ``hello:app`` from ``folder``, ``-w 2`` like the portal."""
    server = LiveServer(dict(os.environ), workers=2)
    server.process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{server.port}",
            "--chdir",
            folder,
            "hello:app",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(server.url + "/", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the hello-world server did not start")


if __name__ == "__main__":
    main()
