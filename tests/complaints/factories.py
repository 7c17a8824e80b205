"""Complaints for tests, made through the intake service (so they are exactly what a
submission makes), with one pre-computed query-code hash to keep tests fast."""

from datetime import datetime, timedelta
from functools import cache
from io import BytesIO

from flask import current_app
from PIL import Image
from sqlalchemy import select

from portal.audit.services import PUBLIC_ACTOR
from portal.complaints.intake import QueryCredentials, Submission, submit_complaint
from portal.complaints.tracking import hash_query_code
from portal.complaints.uploads import prepare_upload, store_upload
from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Unit
from portal.staff.models import StaffUser
from portal.staff.passwords import hash_password
from tests.factories import DEFAULT_PASSWORD

QUERY_CODE = "135790"


@cache
def _password_hash() -> str:
    return hash_password(DEFAULT_PASSWORD)


def make_staff(app, username: str, role: str = "staff", unit_code: str | None = None) -> int:
    """A back-office account that logs in with DEFAULT_PASSWORD — hashed once per test run
    (Argon2 is slow on purpose; tests make many accounts)."""
    with app.app_context():
        unit_id = None
        if unit_code:
            unit_id = db.session.scalars(select(Unit.id).where(Unit.code == unit_code)).one()
        user = StaffUser(
            username=username,
            display_name=f"{username}的姓名",
            password_hash=_password_hash(),
            role=role,
            unit_id=unit_id,
        )
        db.session.add(user)
        db.session.commit()
        return user.id


@cache
def credentials() -> QueryCredentials:
    return QueryCredentials(QUERY_CODE, hash_query_code(QUERY_CODE))


def png_bytes(size=(40, 30), color=(200, 30, 30)) -> bytes:
    output = BytesIO()
    Image.new("RGB", size, color).save(output, format="PNG")
    return output.getvalue()


def make_complaint(
    session,
    unit: Unit | None,
    *,
    kind: str = "complaint",
    submitted_at: datetime | None = None,
    with_attachment: bool = False,
    **fields,
):
    """A complaint about ``unit`` submitted through the web (defaults: named, with e-mail)."""
    submitted_at = submitted_at or utcnow() - timedelta(minutes=5)
    details = {
        "description": "执法人员在建设路执法时态度粗暴，推搡摊主。",
        "location": "建设路与中兴路交叉口",
        "contact_name": "测试投诉人",
        "contact_phone": "17000009999",
        "contact_email": "tester@example.invalid",
        **fields,
    }
    stored = []
    if with_attachment:
        prepared = prepare_upload("现场照片.png", png_bytes(), 5 * 1024 * 1024)
        stored = [store_upload(current_app.config["UPLOAD_DIR"], prepared, submitted_at)]
    submission = Submission(
        kind=kind,
        channel=details.pop("channel", "web"),
        subject_unit=unit,
        submitted_at=submitted_at,
        **details,
    )
    complaint = submit_complaint(
        session, PUBLIC_ACTOR, submission, credentials(), attachments=stored
    )
    session.commit()
    return complaint
