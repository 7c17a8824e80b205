"""Badge checks per second against 50,000 officers, as a ratio of a trivial endpoint.

Builds a SQLite database with the demo units and 50,000 officers, serves it with
``gunicorn -w 2`` (rate limits off), and drives it from threads on 127.0.0.1:
/healthz (the baseline: two tiny queries, no template), random badge lookups (a verdict page),
random roster pages of a unit and the API list. Prints requests/s and the ratio to the baseline.

    .venv/bin/python bench/officer_lookup.py [--seconds 8] [--threads 8]
"""

import argparse
import http.client
import random
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live_server import LiveServer, portal_environment, run_cli  # noqa: E402

OFFICERS = 50_000


def build_database(url: str, instance: Path) -> None:
    from sqlalchemy import insert, select

    from portal import create_app
    from portal.extensions import db
    from portal.officers.models import Officer
    from portal.org.models import Unit

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "UPLOAD_DIR": str(instance / "uploads")})
    with app.app_context():
        unit_ids = list(db.session.scalars(select(Unit.id)))
        rows = [
            {
                "badge_no": f"{300000 + n}",
                "cert_no": f"4104{n:08d}",
                "name": f"人员{n}",
                "unit_id": unit_ids[n % len(unit_ids)],
                "post": "执法队员",
                "category": "市容环境卫生",
                "area": "中兴路街道",
                "cert_valid_from": date(2022, 1, 1),
                "cert_valid_to": date(2022 + n % 9, 12, 31),
                "status": "active",
            }
            for n in range(OFFICERS)
        ]
        db.session.execute(insert(Officer), rows)
        db.session.commit()
        db.session.execute(db.text("ANALYZE"))
        db.session.commit()
        db.engine.dispose()


def drive(port: int, paths, seconds: float, threads: int) -> float:
    """Requests per second over ``seconds`` with ``threads`` clients picking from ``paths``."""
    counts = [0] * threads
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        rng = random.Random(index)
        while time.monotonic() < stop:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", paths(rng))
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status >= 500:
                raise RuntimeError(f"status {response.status}")
            counts[index] += 1

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts) / seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--threads", type=int, default=8)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        instance = Path(folder)
        url = f"sqlite:///{instance / 'bench.sqlite3'}"
        environment = portal_environment(url, instance, PORTAL_RATELIMIT_ENABLED="0")
        run_cli(environment, "setup", "--demo")
        build_database(url, instance)
        server = LiveServer(environment, workers=2, log_path=instance / "gunicorn.log").start()
        try:
            scenarios = {
                "/healthz (baseline)": lambda rng: "/healthz",
                "lookup ?badge= (random, 50k)": lambda rng: (
                    f"/officers/lookup?badge={300000 + rng.randrange(OFFICERS)}"
                ),
                "lookup ?badge= (not found)": lambda rng: (
                    f"/officers/lookup?badge={900000 + rng.randrange(OFFICERS)}"
                ),
                "roster page of a unit": lambda rng: "/officers/?unit=xinhua",
                "API list, 50 items": lambda rng: "/api/v1/officers?limit=50",
            }
            drive(server.port, scenarios["/healthz (baseline)"], 2, options.threads)  # warm up
            results = {
                name: drive(server.port, paths, options.seconds, options.threads)
                for name, paths in scenarios.items()
            }
        finally:
            server.stop()
    baseline = results["/healthz (baseline)"]
    print(f"{OFFICERS} officers, gunicorn -w 2, {options.threads} client threads")
    for name, rate in results.items():
        print(f"  {name:32s} {rate:8.0f} req/s   {rate / baseline:5.2f} × baseline")


if __name__ == "__main__":
    main()
