"""The restore drill: demo-like data and new complaints → backup → wipe → restore → everything
a citizen or a clerk relies on still works. On SQLite and PostgreSQL (whichever is under test).
"""

import io
import json
import re
import tarfile

import pytest
from sqlalchemy import select

from portal import create_app
from portal.audit.services import CLI_ACTOR
from portal.complaints.models import ComplaintAttachment as Attachment
from portal.demo import DEMO_LOADERS
from portal.disclosure.models import DisclosureDocument
from portal.extensions import db
from portal.officers.models import Officer
from portal.results.media.models import MediaResponse
from portal.search.operations import count_public_documents
from portal.staff.services import create_user
from tests.complaints.conftest import QUERY_CODE, TRACKING_NO, valid_fields
from tests.complaints.factories import png_bytes
from tests.conftest import base_test_config, close_database
from tests.factories import DEFAULT_PASSWORD

#: the demo minus its 3,000 penalty decisions (their reindex is what would make this slow);
#: the complaints, outcomes, documents, officers with photos and media are all there
REPRESENTATIVE = [name for name in DEMO_LOADERS if name != "penalty decisions"]
PERMALINKS = [
    "/disclosure/units/xinhua",
    "/disclosure/documents/d-xinhua-4",
    "/disclosure/documents/d-zhidui-old",
    "/outcomes/demo-oc-correct",
    "/outcomes/demo-oc-correct/revisions/1",
    "/outcomes/demo-oc-withdraw",
    "/media/media-corrected",
    "/media/media-withdrawn",
    "/reviews/case-files/demo-review-2025",
    "/officers/lookup?badge=110001",
]


def instance_config(tmp_path, name: str, database_url: str) -> dict:
    root = tmp_path / name
    return {
        **base_test_config(root, database_url),
        "INSTANCE_SETTINGS_DIR": str(root / "instance"),
    }


def page_main(client, path: str) -> tuple[int, str]:
    response = client.get(path)
    body = response.get_data(as_text=True)
    main = re.search(r"<main.*?</main>", body, re.DOTALL)
    return response.status_code, main.group(0) if main else body


@pytest.fixture
def source(new_database_url, tmp_path):
    """A running instance made as production makes one: `setup`, demo data, real submissions."""
    config = instance_config(tmp_path, "source", new_database_url())
    app = create_app(config)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["setup"]).exit_code == 0
    (tmp_path / "source" / "instance").mkdir(parents=True)
    (tmp_path / "source" / "instance" / "config.py").write_text(
        'COMPLAINT_HOTLINE = "12319"\nSECRET_KEY = "kept-out-of-plain-backups"\n'
    )
    with app.app_context():
        for name in REPRESENTATIVE:
            DEMO_LOADERS[name](db.session)
        create_user(
            db.session, CLI_ACTOR, username="restorer", password=DEFAULT_PASSWORD, role="admin"
        )
        db.session.commit()
    client = app.test_client()
    receipts = []
    for n, kind in enumerate(["complaint", "tipoff", "suggestion"]):
        fields = valid_fields(kind=kind, description=f"恢复演练第{n}件：建设路夜间噪声扰民。")
        fields["attachments"] = (io.BytesIO(png_bytes(color=(10 * n, 90, 30))), f"现场{n}.png")
        response = client.post("/complaints/new", data=fields, content_type="multipart/form-data")
        assert response.status_code == 302, response.get_data(as_text=True)
        slip = client.get(response.headers["Location"]).get_data(as_text=True)
        receipts.append(
            (TRACKING_NO.search(slip).group(1), QUERY_CODE.search(slip).group(1), fields)
        )
    yield app, receipts
    close_database(app)


def test_a_backup_restores_into_a_wiped_instance(source, new_database_url, tmp_path):
    app, receipts = source
    client = app.test_client()
    before = {path: page_main(client, path) for path in PERMALINKS}
    assert all(status == 200 for status, _ in before.values()), before.keys()
    with app.app_context():
        photos = {
            officer.photo_key: None
            for officer in db.session.scalars(select(Officer).where(Officer.photo_key.is_not(None)))
        }
        attachment_ids = db.session.scalars(select(Attachment.id)).all()
        counts = {
            model.__name__: db.session.query(model).count()
            for model in (DisclosureDocument, MediaResponse, Officer)
        }
    for key in list(photos)[:5]:
        response = client.get(f"/officers/photos/{key}/photo.jpg")
        assert response.status_code == 200
        photos[key] = response.data
    public_documents = count_public_documents(app)

    archive = tmp_path / "copies" / "portal-backup.tar.gz"
    created = app.test_cli_runner().invoke(args=["backup", "create", str(archive)])
    assert created.exit_code == 0, created.output
    assert "no secret key" in created.output
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        config_copy = tar.extractfile("instance/config.py").read().decode()
    assert names[-1] == "manifest.json" and "instance/secret_key" not in names
    assert sum(name.startswith("uploads/complaints/") for name in names) == 3
    assert "kept-out-of-plain-backups" not in config_copy and "COMPLAINT_HOTLINE" in config_copy
    assert set(manifest["files"]) == set(names) - {"manifest.json"}
    if manifest["database"]["kind"] == "postgresql":
        assert manifest["database"]["pg_dump_major"] >= manifest["database"]["server_major"]
    assert (
        (archive.parent / "portal-backup.tar.gz.sha256")
        .read_text()
        .endswith("  portal-backup.tar.gz\n")
    )

    # the wipe: a new server with an empty database, no uploads, no index, no settings
    close_database(app)
    target = create_app(instance_config(tmp_path, "target", new_database_url()))
    runner = target.test_cli_runner()
    restored = runner.invoke(args=["backup", "restore", str(archive)])
    assert restored.exit_code == 0, restored.output
    assert "Audit log intact" in restored.output
    assert f"Search index rebuilt: {public_documents} documents." in restored.output
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
    assert (tmp_path / "target" / "instance" / "config.py").read_text() == config_copy

    client = target.test_client()
    for path, (status, main) in before.items():
        assert page_main(client, path) == (status, main), path
    for number, code, fields in receipts:
        response = client.post("/track", data={"tracking_no": number, "query_code": code})
        assert response.status_code == 302, number
        status_page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert fields["description"] in status_page
    for key, data in photos.items():
        if data is not None:
            assert client.get(f"/officers/photos/{key}/photo.jpg").data == data
    found = page_main(client, "/search?q=%E6%96%B0%E5%8D%8E%E5%8C%BA")[1]  # 新华区
    assert found.count('class="search-hit"') == 10, found
    with target.app_context():
        assert {
            model.__name__: db.session.query(model).count()
            for model in (DisclosureDocument, MediaResponse, Officer)
        } == counts
        complaint_id = db.session.get(Attachment, attachment_ids[0]).complaint_id
    client.post("/admin/login", data={"username": "restorer", "password": DEFAULT_PASSWORD})
    attachment = client.get(f"/admin/complaints/{complaint_id}/attachments/{attachment_ids[0]}")
    assert attachment.status_code == 200 and attachment.data.startswith(b"\x89PNG")

    # a second restore into the now full instance is refused, and says why
    again = runner.invoke(args=["backup", "restore", str(archive)])
    assert again.exit_code != 0 and "not empty" in again.output
    close_database(target)
