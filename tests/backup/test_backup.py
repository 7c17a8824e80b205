"""Backups: secrets only when asked, damaged copies refused, pg_dump's version checked."""

import io
import shutil
import tarfile
from pathlib import Path

import pytest

from portal import create_app
from portal.backup.databases import version_problem
from tests.backup.test_drill import instance_config
from tests.conftest import close_database


@pytest.fixture(scope="module")
def backed_up(new_database_url, tmp_path_factory):
    """A small instance (schema, one upload) and two archives of it, made once (copy before
    changing one)."""
    tmp_path = tmp_path_factory.mktemp("backed-up")
    app = create_app(instance_config(tmp_path, "source", new_database_url()))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["setup"]).exit_code == 0
    upload = Path(app.config["UPLOAD_DIR"]) / "complaints" / "2026" / "12" / "a.png"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\x89PNG not really")
    plain, secret = tmp_path / "plain.tar.gz", tmp_path / "secret.tar.gz"
    assert runner.invoke(args=["backup", "create", str(plain)]).exit_code == 0
    result = runner.invoke(args=["backup", "create", "--with-secrets", str(secret)])
    assert result.exit_code == 0 and "secret key included" in result.output
    close_database(app)
    return plain, secret


def copy_of(archive: Path, tmp_path: Path) -> Path:
    copy = tmp_path / archive.name
    shutil.copyfile(archive, copy)
    shutil.copyfile(f"{archive}.sha256", f"{copy}.sha256")
    return copy


def restore_into_new_instance(new_database_url, tmp_path, archive: Path, name: str = "target"):
    app = create_app(instance_config(tmp_path, name, new_database_url()))
    result = app.test_cli_runner().invoke(args=["backup", "restore", str(archive)])
    close_database(app)
    return result, tmp_path / name


def test_the_secret_key_travels_only_with_secrets(backed_up, new_database_url, tmp_path):
    plain, secret = backed_up
    with tarfile.open(plain) as archive:
        assert "instance/secret_key" not in archive.getnames()
    with tarfile.open(secret) as archive:
        assert archive.extractfile("instance/secret_key").read() == b"test-secret-key"
    result, target = restore_into_new_instance(new_database_url, tmp_path, secret)
    assert result.exit_code == 0, result.output
    assert (target / "instance" / "secret_key").read_text() == "test-secret-key"
    assert (target / "instance" / "secret_key").stat().st_mode & 0o077 == 0
    restored_upload = target / "uploads" / "complaints" / "2026" / "12" / "a.png"
    assert restored_upload.read_bytes() == b"\x89PNG not really"


def test_a_damaged_copy_is_refused_before_anything_is_written(
    backed_up, new_database_url, tmp_path
):
    plain = copy_of(backed_up[0], tmp_path)
    data = bytearray(plain.read_bytes())
    data[len(data) // 2] ^= 0xFF
    plain.write_bytes(bytes(data))
    result, target = restore_into_new_instance(new_database_url, tmp_path, plain)
    assert result.exit_code != 0
    assert "damaged" in result.output
    assert not (target / "uploads").exists()


def test_a_copy_without_its_checksum_file_is_still_checked_member_by_member(
    backed_up, new_database_url, tmp_path
):
    plain = copy_of(backed_up[0], tmp_path)
    Path(f"{plain}.sha256").unlink()
    # swap the upload for another file of the same name: the manifest's checksum catches it
    rebuilt = tmp_path / "tampered.tar.gz"
    with tarfile.open(plain) as source, tarfile.open(rebuilt, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith("uploads/"):
                content = b"something else"
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    result, _ = restore_into_new_instance(new_database_url, tmp_path, rebuilt)
    assert result.exit_code != 0
    assert "uploads/complaints/2026/12/a.png is missing or damaged" in result.output


def test_pg_dump_older_than_the_server_is_refused_with_what_to_install():
    problem = version_problem("pg_dump", 15, 16)
    assert "postgresql-client-16" in problem and "PORTAL_PG_BIN_DIR" in problem
    assert version_problem("pg_dump", 16, 15) is None
    assert version_problem("pg_dump", 15, 15) is None
