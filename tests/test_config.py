"""Settings come from the environment with defaults under instance/."""

import multiprocessing

from portal.config import _from_environment, instance_secret_key


def test_environment_variables_override_defaults():
    settings = _from_environment(
        {
            "PORTAL_DATABASE_URL": "postgresql+psycopg://db/portal",
            "PORTAL_RATELIMIT_ENABLED": "0",
            "PORTAL_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
            "PORTAL_TRUSTED_PROXIES": "1",
            "PORTAL_SMTP_URL": "",
        }
    )
    assert settings == {
        "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://db/portal",
        "RATELIMIT_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
        "TRUSTED_PROXIES": 1,
    }


def test_secret_key_is_generated_once_and_kept(tmp_path):
    first = instance_secret_key(tmp_path)
    assert len(first) >= 40
    assert instance_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def _read_key(directory: str, results) -> None:
    from pathlib import Path

    results.put(instance_secret_key(Path(directory)))


def test_workers_starting_together_share_one_key(tmp_path):
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [context.Process(target=_read_key, args=(str(tmp_path), results)) for _ in range(8)]
    for worker in workers:
        worker.start()
    keys = {results.get(timeout=30) for _ in workers}
    for worker in workers:
        worker.join()
    assert len(keys) == 1
    assert list(tmp_path.iterdir()) == [tmp_path / "secret_key"]
