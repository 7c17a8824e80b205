"""Fixtures for the complaint tests: two units, a valid form, submitting it as a person would."""

import re

import pytest

from portal.complaints.models import Complaint
from portal.extensions import db
from portal.org.models import Unit

TRACKING_NO = re.compile(r'id="tracking-no"[^>]*>(\d{16})<')
QUERY_CODE = re.compile(r'id="query-code"[^>]*>(\d{6})<')


def valid_fields(**overrides) -> dict:
    fields = {
        "kind": "complaint",
        "unit": "xinhua",
        "badge": "",
        "occurred_at": "2026-01-15T09:30",
        "location": "新华区建设路与中兴路交叉口",
        "description": "执法人员在路口执法时态度粗暴，推搡摊主，未出示执法证件。",
        "request": "希望调查处理并给予答复。",
        "contact_name": "李四",
        "contact_phone": "13912345678",
        "contact_email": "lisi@example.invalid",
    }
    fields.update(overrides)
    return {key: value for key, value in fields.items() if value is not None}


@pytest.fixture
def units(app, create_unit):
    xinhua = create_unit("xinhua", name="平顶山市新华区城市管理和综合执法局", short_name="新华区")
    weidong = create_unit("weidong", name="平顶山市卫东区城市管理和综合执法局", short_name="卫东区")
    return xinhua, weidong


@pytest.fixture
def submit(client, units):
    """Submit the form like a browser and return (tracking number, query code, receipt page)."""

    def submit_form(**overrides):
        response = client.post("/complaints/new", data=valid_fields(**overrides))
        assert response.status_code == 302, response.get_data(as_text=True)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        return TRACKING_NO.search(page).group(1), QUERY_CODE.search(page).group(1), page

    return submit_form


@pytest.fixture
def open_status(client):
    """Open /track with a number and code; returns the status page's text."""

    def open_with(number: str, code: str) -> str:
        response = client.post("/track", data={"tracking_no": number, "query_code": code})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client.get(response.headers["Location"]).get_data(as_text=True)

    return open_with


def complaint_by_number(app, number: str) -> Complaint:
    """The complaint row, detached (its plain columns stay readable)."""
    with app.app_context():
        complaint = db.session.query(Complaint).filter_by(tracking_no=number).one()
        db.session.expunge(complaint)
        return complaint


def unit_id(app, code: str) -> int:
    with app.app_context():
        return db.session.query(Unit).filter_by(code=code).one().id
