"""Fixtures of the officer tests: a factory for officers, and photos to upload."""

import io
import itertools
from datetime import date, timedelta

import pytest
from PIL import Image

from portal.audit.services import CLI_ACTOR
from portal.core.models import local_today
from portal.disclosure.models import Unit
from portal.extensions import db
from portal.officers.services import change_status, create_officer

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
