"""Fixtures of the kiosk tests: kiosks enrolled through the service, a browser that is one."""

import pytest

from portal.audit.services import CLI_ACTOR
from portal.extensions import db
from portal.kiosk.identity import COOKIE_NAME
from portal.kiosk.services import enrol_kiosk
from portal.org.models import Unit
from tests.complaints.conftest import units  # noqa: F401, F811  (the fixture, shared)
from tests.officers.conftest import create_officer_record  # noqa: F401, F811  (the fixture, shared)


@pytest.fixture
def enrol(app, units):  # noqa: F811
    """A callable enrolling a kiosk of ``unit_code``; returns its token."""

    def enrol_one(name: str, unit_code: str = "xinhua") -> str:
        with app.app_context():
            unit = db.session.query(Unit).filter_by(code=unit_code).one()
            enrolment = enrol_kiosk(db.session, CLI_ACTOR, name=name, location="一楼", unit=unit)
            db.session.commit()
            return enrolment.token

    return enrol_one


@pytest.fixture
def kiosk_client(app, enrol):
    """A callable giving a test client that carries an enrolled kiosk's cookie."""

    def client_for(name: str, unit_code: str = "xinhua"):
        client = app.test_client()
        client.set_cookie(COOKIE_NAME, enrol(name, unit_code), domain="portal.test")
        return client

    return client_for
