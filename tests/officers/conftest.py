"""Fixtures of the officer tests: a factory for officers, and photos to upload."""

import io
import itertools
from datetime import date, timedelta

import pytest
from PIL import Image

from portal.audit.services import CLI_ACTOR
from portal.core.models import local_today
from portal.extensions import db
from portal.officers.services import change_status, create_officer
from portal.org.models import Unit

_serials = itertools.count(1)


@pytest.fixture
def create_officer_record(app, create_unit):
    """A callable adding an officer (through the audited service) and returning its id."""

    def create(unit_code: str = "xinhua", status: str = "active", **fields) -> int:
        serial = next(_serials)
        create_unit(unit_code)
        today = local_today()
        values = {
            "badge_no": f"{500000 + serial}",
            "cert_no": f"41040225{500000 + serial}",
            "name": f"测试员{serial}",
            "post": "执法队员",
            "category": "市容环境卫生",
            "area": "中兴路街道",
            "cert_valid_from": today - timedelta(days=365),
            "cert_valid_to": today + timedelta(days=365),
            **fields,
        }
        with app.app_context():
            unit = db.session.query(Unit).filter_by(code=unit_code).one()
            officer = create_officer(db.session, CLI_ACTOR, unit, values)
            if status != "active":
                change_status(db.session, CLI_ACTOR, officer, status, "测试用状态变更")
            db.session.commit()
            return officer.id

    return create


def image_bytes(format_: str = "JPEG", size=(800, 1000), exif_gps: bool = False) -> bytes:
    """A real image; with ``exif_gps`` a JPEG carrying a camera model and GPS position."""
    image = Image.new("RGB", size, (200, 120, 40))
    buffer = io.BytesIO()
    if exif_gps:
        exif = Image.Exif()
        exif[0x0110] = "SecretCam 3000"  # Model
        exif[0x0112] = 6  # Orientation: rotate 90° to display upright
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = "N", (33.0, 44.0, 55.0)  # GPSLatitudeRef, GPSLatitude
        gps[3], gps[4] = "E", (113.0, 11.0, 22.0)
        image.save(buffer, format_, exif=exif)
    else:
        image.save(buffer, format_)
    return buffer.getvalue()


def a_date(days_from_today: int) -> date:
    return local_today() + timedelta(days=days_from_today)


@pytest.fixture
def sign_in_as(app, client, create_unit):
    """A callable that creates a back-office account and signs the client in as it.

    It skips the password (hashing it twice per test costs about a second on a busy machine);
    logging in itself is tested in tests/staff.
    """
    from datetime import datetime

    from portal.staff.models import StaffUser

    def sign_in(username: str, role: str = "staff", unit_code: str | None = "xinhua") -> None:
        with app.app_context():
            unit = create_unit(unit_code) if unit_code else None
            user = StaffUser(
                username=username,
                password_hash="not-a-hash: signed in by the test",
                role=role,
                unit_id=unit.id if unit else None,
            )
            db.session.add(user)
            db.session.commit()
            session_id = user.get_id()
        now = datetime.now().timestamp()
        with client.session_transaction() as session:
            session["_user_id"] = session_id
            session["_fresh"] = True
            session["login_at"] = now
            session["seen_at"] = now
            session.permanent = True

    return sign_in
