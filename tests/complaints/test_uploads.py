"""Attachments: checked by content, stripped of EXIF and GPS, stored outside static/, served
only to staff who may see the case, and every view audited."""

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.complaints.models import ComplaintAttachment
from portal.complaints.uploads import UploadError, prepare_upload
from portal.extensions import db
from tests.complaints.conftest import complaint_by_number, valid_fields
from tests.complaints.factories import make_staff, png_bytes

MB = 1024 * 1024
STATIC = Path(__file__).resolve().parents[2] / "static"


def jpeg_with_gps() -> bytes:
    """A photo as a phone takes it: EXIF with camera, time and a GPS position."""
    image = Image.new("RGB", (64, 48), (30, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2026:01:15 09:30:00"  # DateTime
    exif[0x0112] = 6  # Orientation: rotate 90°
    gps = {1: "N", 2: (33.0, 44.0, 12.5), 3: "E", 4: (113.0, 11.0, 30.0)}
    exif[0x8825] = gps
    output = BytesIO()
    image.save(output, format="JPEG", exif=exif, comment=b"secret comment")
    data = output.getvalue()
    assert Image.open(BytesIO(data)).getexif().get_ifd(0x8825)  # the GPS really is there
    return data


def test_an_image_is_re_encoded_without_exif_or_gps_but_upright():
    upload = prepare_upload("IMG_0001.JPG", jpeg_with_gps(), 5 * MB)
    assert upload.media_type == "image/jpeg"
    assert b"Exif" not in upload.data and b"PhoneMaker" not in upload.data
    assert b"secret comment" not in upload.data
    with Image.open(BytesIO(upload.data)) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (48, 64)  # the orientation was applied before it was dropped


def test_png_text_chunks_are_dropped():
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    info = PngInfo()
    info.add_text("Location", "33.74N 113.19E")
    output = BytesIO()
    image.save(output, format="PNG", pnginfo=info)
    upload = prepare_upload("map.png", output.getvalue(), 5 * MB)
    assert upload.media_type == "image/png"
    assert b"33.74N" not in upload.data


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "无法识别"),
        ("photo.png", png_bytes()[:60], "无法识别"),
        ("empty.jpg", b"", "空文件"),
        (
            "doc.pdf",
            b"%PDF-1.7\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>\n%%EOF",
            "脚本",
        ),
        ("cut.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n", "不是完整的 PDF"),
        ("big.png", png_bytes(), "超过"),
    ],
)
def test_files_are_checked_by_content(name, data, message):
    limit = 100 if name == "big.png" else 5 * MB
    with pytest.raises(UploadError, match=message):
        prepare_upload(name, data, limit)


def test_a_plain_pdf_is_kept_as_sent():
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n"
    upload = prepare_upload("../../etc/收据.pdf", pdf, 5 * MB)
    assert (upload.media_type, upload.data, upload.filename) == ("application/pdf", pdf, "收据.pdf")


def _files(*items):
    return [(BytesIO(data), name) for name, data in items]


def test_attachments_are_stored_outside_static_and_listed_for_staff(app, client, submit, login):
    number, _code, _page = submit(
        attachments=_files(("现场.jpg", jpeg_with_gps()), ("材料.pdf", b"%PDF-1.4\n%%EOF\n"))
    )
    complaint = complaint_by_number(app, number)
    with app.app_context():
        stored = db.session.scalars(select(ComplaintAttachment)).all()
        assert [a.media_type for a in stored] == ["image/jpeg", "application/pdf"]
        paths = [Path(app.config["UPLOAD_DIR"]) / a.stored_name for a in stored]
    for path in paths:
        assert path.is_file() and STATIC not in path.resolve().parents
        assert "现场" not in path.name  # random names
    assert b"Exif" not in paths[0].read_bytes()

    make_staff(app, "xinhua_staff", unit_code="xinhua")
    login("xinhua_staff")
    detail = client.get(f"/admin/complaints/{complaint.id}").get_data(as_text=True)
    assert "现场.jpg" in detail and "材料.pdf" in detail


def test_attachment_download_is_scoped_and_audited(app, client, submit, login):
    number, _code, _page = submit(kind="tipoff", attachments=_files(("现场.png", png_bytes())))
    complaint = complaint_by_number(app, number)
    with app.app_context():
        attachment_id = db.session.scalars(select(ComplaintAttachment.id)).one()
    url = f"/admin/complaints/{complaint.id}/attachments/{attachment_id}"
    assert client.get(url).status_code == 302  # anonymous → login

    make_staff(app, "weidong_staff", unit_code="weidong")
    login("weidong_staff")
    assert client.get(url).status_code == 404
    client.post("/admin/logout")

    make_staff(app, "xinhua_staff", unit_code="xinhua")
    login("xinhua_staff")
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert Image.open(BytesIO(response.data)).size == (40, 30)
    with app.app_context():
        views = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "complaint.attachment_view")
        ).all()
        assert [(v.actor_label, v.object_id) for v in views] == [("xinhua_staff", number)]


def test_more_than_five_files_are_refused_and_the_text_kept(client, units):
    files = _files(*[(f"p{n}.png", png_bytes()) for n in range(6)])
    response = client.post("/complaints/new", data=valid_fields(attachments=files))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "最多上传5个附件" in page and "请重新选择附件" in page
    assert "执法人员在路口执法时态度粗暴" in page


def test_a_fake_image_is_refused_with_its_name(app, client, units):
    files = _files(("现场照片.jpg", b"MZ\x90\x00 not an image at all"))
    response = client.post("/complaints/new", data=valid_fields(attachments=files))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "“现场照片.jpg”无法识别" in page
    assert not list(Path(app.config["UPLOAD_DIR"]).rglob("*.*"))


@pytest.mark.app_config(COMPLAINT_ATTACHMENT_MAX_BYTES=1000)
def test_a_too_large_file_is_refused(client, units):
    files = _files(("大图.png", png_bytes(size=(400, 400))))
    page = client.post("/complaints/new", data=valid_fields(attachments=files)).get_data(
        as_text=True
    )
    assert "“大图.png”超过" in page
