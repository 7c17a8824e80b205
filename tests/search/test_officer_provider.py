"""Officers in search: found whole by name, badge or certificate number; status follows."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.core.models import local_today
from portal.extensions import db
from portal.officers.models import Officer
from portal.officers.services import change_status, create_officer
from portal.org.models import Unit


@pytest.fixture
def add_officer(app, demo_units):
    def add(name, badge, unit_code="xinhua", area="中兴路街道"):
        today = local_today()
        with app.app_context():
            unit = db.session.scalar(select(Unit).where(Unit.code == unit_code))
            create_officer(
                db.session,
                CLI_ACTOR,
                unit,
                {
                    "badge_no": badge,
                    "cert_no": f"41040225{badge}",
                    "name": name,
                    "post": "执法队员",
                    "category": "市容环境卫生",
                    "area": area,
                    "cert_valid_from": today - timedelta(days=30),
                    "cert_valid_to": today + timedelta(days=300),
                },
            )
            db.session.commit()

    return add


@pytest.fixture
def roster(add_officer, search_index):
    add_officer("邹海燕", "110201")
    add_officer("李海燕", "120202", unit_code="weidong")
    add_officer("邹建国", "110203", area="海燕路")
    search_index.sync()


def test_a_full_name_finds_that_officer_first(roster, search):
    page = search("邹海燕")
    assert page.hrefs[0] == "/officers/lookup?badge=110201"
    assert page.hits[0]["kind"] == "执法人员"


def test_badge_and_certificate_numbers_find_their_officer(roster, search):
    assert search("110201").hrefs == ["/officers/lookup?badge=110201"]
    assert search("41040225120202").hrefs == ["/officers/lookup?badge=120202"]


def test_filters_count_officers_by_unit(roster, search):
    page = search("执法队员")
    assert page.facet("kind") == {"执法人员": 3}
    assert page.facet("unit") == {"新华区": 2, "卫东区": 1}


def test_a_status_change_reaches_the_index(app, roster, search_index, search):
    with app.app_context():
        officer = db.session.scalar(select(Officer).where(Officer.badge_no == "110201"))
        change_status(db.session, CLI_ACTOR, officer, "suspended", "调查期间暂停执法")
        db.session.commit()
    search_index.sync()
    assert "暂停执法" in search("110201").hits[0]["snippet"]
