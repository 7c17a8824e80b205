"""Enrolling a test account for TOTP and logging in with both factors."""

import re
from datetime import UTC, datetime, timedelta

import pyotp
from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.extensions import db
from portal.staff.models import StaffUser
from portal.staff.second_factor import enrol_directly
from tests.factories import DEFAULT_PASSWORD

#: the settings of a deployment: admins and supervisors must have a second factor
TOTP_DEFAULT = {"REQUIRE_TOTP": "admin,supervisor"}


def enrol(app, username: str) -> tuple[str, list[str]]:
    """Enrol ``username`` (as the CLI does): its secret and recovery codes."""
    with app.app_context():
        user = db.session.scalars(select(StaffUser).where(StaffUser.username == username)).one()
        secret, codes = enrol_directly(db.session, CLI_ACTOR, user)
        db.session.commit()
    return secret, codes


def code_for(secret: str, steps_ahead: int = 0) -> str:
    """The code the user's phone shows now (or ``steps_ahead`` 30-second steps later)."""
    return pyotp.TOTP(secret).at(datetime.now(UTC) + timedelta(seconds=30 * steps_ahead))


def log_in_fully(client, username: str, secret: str, steps_ahead: int = 0):
    first = client.post("/admin/login", data={"username": username, "password": DEFAULT_PASSWORD})
    assert first.headers["Location"].endswith("/admin/login/code"), first.headers.get("Location")
    return client.post("/admin/login/code", data={"code": code_for(secret, steps_ahead)})


def secret_in_page(page: str) -> str:
    return re.search(r'class="totp-secret">([A-Z2-7]+)<', page).group(1)
