"""A real server for browser, load and fault tests: gunicorn in a subprocess on a free port."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def portal_environment(database_url: str, instance_dir: Path, **extra: str) -> dict:
    environment = {
        **os.environ,
        "PORTAL_DATABASE_URL": database_url,
        "PORTAL_SECRET_KEY": "live-server-secret",
        "PORTAL_SEARCH_INDEX_DIR": str(instance_dir / "search-index"),
        "PORTAL_UPLOAD_DIR": str(instance_dir / "uploads"),
        "PORTAL_OPEN_DATA_CACHE_DIR": str(instance_dir / "open-data-cache"),
        # browser and load tests log in with a password only (tests/staff/test_totp*.py
        # check the second factor)
        "PORTAL_REQUIRE_TOTP": "none",
        **extra,
    }
    return environment


def run_cli(environment: dict, *args: str, input_text: str | None = None) -> str:
    result = subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "portal", *args],
        cwd=ROOT,
        env=environment,
        input=input_text,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"flask {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


class LiveServer:
    """gunicorn serving ``wsgi:app`` with the given environment."""

    def __init__(
        self,
        environment: dict,
        workers: int = 2,
        log_path: Path | None = None,
        extra_args: tuple[str, ...] = (),
    ):
        self.environment = environment
        self.workers = workers
        self.extra_args = extra_args
        self.log_path = log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> "LiveServer":
        if self.log_path and self._log is None:
            self._log = open(self.log_path, "ab")  # noqa: SIM115  (closed in stop())
        log = self._log or subprocess.DEVNULL
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--preload",
                "--graceful-timeout",
                "2",
                *self.extra_args,
                "wsgi:app",
            ],
            cwd=ROOT,
            env=self.environment,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz in time")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Kill gunicorn and its workers at once (SIGKILL: no clean shutdown)."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)
        if self._log:
            self._log.close()
            self._log = None
