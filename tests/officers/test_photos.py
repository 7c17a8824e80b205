"""Officer photos: checked by content, stripped of metadata, served with caching headers."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.officers.models import Officer
from tests.officers.conftest import image_bytes


@pytest.fixture
def officer_id(sign_in_as, create_officer_record):
    sign_in_as("xh_staff", unit_code="xinhua")
    return create_officer_record(badge_no="110001", name="王建军")


def upload(client, officer_id, data: bytes, filename="photo.jpg"):
    return client.post(
        f"/admin/officers/{officer_id}/photo",
        data={"photo": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def photo_url(client) -> str:
    page = client.get("/officers/lookup?badge=110001").get_data(as_text=True)
    return re.search(r'src="(/officers/photos/[0-9a-f]{32}/photo\.jpg)"', page).group(1)


def test_upload_strips_exif_turns_upright_and_makes_a_thumbnail(app, client, officer_id):
    original = image_bytes(exif_gps=True)
    assert b"SecretCam" in original
    assert upload(client, officer_id, original).status_code == 302
    with app.app_context():
        key = db.session.get(Officer, officer_id).photo_key
        actions = db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.object_type == "officer")
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["officer.create", "officer.photo"]
    folder = Path(app.config["UPLOAD_DIR"]) / "officer-photos"
    photo, thumb = folder / f"{key}-photo.jpg", folder / f"{key}-thumb.jpg"
    for path in (photo, thumb):
        data = path.read_bytes()
        assert b"SecretCam" not in data and b"Exif" not in data
        with Image.open(path) as image:
            assert image.format == "JPEG"
            assert len(image.getexif()) == 0
    with Image.open(photo) as image:
        # 800×1000 shot with orientation 6 (rotated): upright it is 1000×800, scaled into 360×480
        assert image.size == (360, 288)
    with Image.open(thumb) as image:
        assert image.width <= 120 and image.height <= 160
    assert "static" not in str(folder.relative_to(app.config["UPLOAD_DIR"]))


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"GIF89a not really", "photo.jpg", "无法识别为图片"),
        (b"%PDF-1.7 a document", "photo.png", "无法识别为图片"),
        (image_bytes("GIF"), "photo.gif", "只接受 JPEG、PNG 或 WebP"),
        (image_bytes()[:400], "cut.jpg", "损坏"),
        (image_bytes(size=(40, 40)), "tiny.jpg", "照片太小"),
        (b"", "empty.jpg", "请选择要上传的照片文件"),
    ],
)
def test_uploads_that_are_not_acceptable_photos(app, client, officer_id, data, filename, message):
    response = upload(client, officer_id, data, filename)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Officer, officer_id).photo_key is None


@pytest.mark.app_config(OFFICER_PHOTO_MAX_BYTES=20_000)
def test_size_cap(client, officer_id):
    # under 500 kB, so that the test client keeps the request body in memory
    noise = Image.effect_noise((200, 200), 80).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    big = buffer.getvalue()
    assert len(big) > 20_000
    response = upload(client, officer_id, big, "big.png")
    assert "照片文件不能超过" in response.get_data(as_text=True)


def test_photo_is_served_with_cache_headers_and_revalidates(client, officer_id):
    upload(client, officer_id, image_bytes("PNG"), "photo.png")
    url = photo_url(client)
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    assert "public" in response.headers["Cache-Control"]
    assert "max-age=600" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    assert etag
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    thumb = client.get(url.replace("/photo.jpg", "/thumb.jpg"))
    assert thumb.status_code == 200 and len(thumb.data) < len(response.data)


def test_photo_only_of_officers_on_duty(client, officer_id):
    upload(client, officer_id, image_bytes())
    url = photo_url(client)
    client.post(
        f"/admin/officers/{officer_id}/status", data={"status": "revoked", "reason": "证件依规注销"}
    )
    assert client.get(url).status_code == 404
    page = client.get("/officers/lookup?badge=110001").get_data(as_text=True)
    assert "/officers/photos/" not in page
    # staff still see it in the back office
    assert client.get(f"/admin/officers/{officer_id}/photo.jpg").status_code == 200
    thumb_url = f"/admin/officers/{officer_id}/photo.jpg?size=thumb"
    assert thumb_url in client.get(f"/admin/officers/{officer_id}").get_data(as_text=True)
    with Image.open(io.BytesIO(client.get(thumb_url).data)) as thumb:
        assert thumb.size == (120, 150)  # 800×1000 scaled into 120×160


def test_unknown_or_malformed_photo_keys_are_404(client):
    assert client.get("/officers/photos/" + "0" * 32 + "/photo.jpg").status_code == 404
    assert client.get("/officers/photos/..%2F..%2Fsecret/photo.jpg").status_code == 404
    assert client.get("/officers/photos/abc/photo.jpg").status_code == 404


def test_replacing_and_removing_a_photo_deletes_the_old_files(app, client, officer_id):
    upload(client, officer_id, image_bytes())
    with app.app_context():
        first_key = db.session.get(Officer, officer_id).photo_key
    folder = Path(app.config["UPLOAD_DIR"]) / "officer-photos"
    assert (folder / f"{first_key}-photo.jpg").exists()
    upload(client, officer_id, image_bytes("PNG"), "photo.png")
    assert not (folder / f"{first_key}-photo.jpg").exists()
    client.post(f"/admin/officers/{officer_id}/photo", data={"remove-submit": "1"})
    with app.app_context():
        assert db.session.get(Officer, officer_id).photo_key is None
    assert list(folder.iterdir()) == []


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_upload_and_remove_forms_work_with_csrf_tokens(app, client, officer_id):
    def tokens() -> list[str]:
        page = client.get(f"/admin/officers/{officer_id}/photo").get_data(as_text=True)
        return re.findall(r'name="((?:remove-)?csrf_token)" type="hidden" value="([^"]+)"', page)

    (name, token), *_ = tokens()
    assert name == "csrf_token"
    response = client.post(
        f"/admin/officers/{officer_id}/photo",
        data={"csrf_token": token, "photo": (io.BytesIO(image_bytes()), "photo.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    found = dict(tokens())
    assert set(found) == {"csrf_token", "remove-csrf_token"}
    # without its token the remove button does nothing
    client.post(f"/admin/officers/{officer_id}/photo", data={"remove-submit": "1"})
    with app.app_context():
        assert db.session.get(Officer, officer_id).photo_key is not None
    client.post(
        f"/admin/officers/{officer_id}/photo",
        data={"remove-csrf_token": found["remove-csrf_token"], "remove-submit": "1"},
    )
    with app.app_context():
        assert db.session.get(Officer, officer_id).photo_key is None
