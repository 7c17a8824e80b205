"""The access matrix with the deployment's default (admins and supervisors need TOTP): every
back-office route with no session, with a password-only session, and with both factors."""

import pytest
from flask import url_for

from portal.extensions import db
from portal.org.models import Unit
from tests.factories import DEFAULT_PASSWORD
from tests.staff.test_scoping_matrix import ACCEPTED, SCOPED_URLS
from tests.staff.totp_helpers import TOTP_DEFAULT, enrol, log_in_fully

pytestmark = pytest.mark.app_config(**TOTP_DEFAULT)

#: reachable without a session (the login form) and ending one (logout): checked on their own
OPEN = {"staff.login", "staff.logout"}
SECOND_STEP = {"staff.login_code", "staff.login_enrol"}


@pytest.fixture
def routes(app, create_unit, create_user):
    """(endpoint, method, url) of every back-office route, with records of one unit to show."""
    create_user("clerk", role="staff", unit_code=create_unit("unit-m").code)
    create_user("root", role="admin")
    create_user("office", role="supervisor")
    builders = sorted(set(SCOPED_URLS.values()), key=lambda builder: builder.__name__)
    # each kind of record made once, in a unit of its own (some builders share names)
    unit_codes = {builder: create_unit(f"unit-m{n}").code for n, builder in enumerate(builders)}
    for code in unit_codes.values():
        create_user(role="staff", unit_code=code)  # some records need a handler
    found, built = [], {}
    with app.app_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint):
            if not rule.rule.startswith("/admin") or rule.endpoint in OPEN:
                continue
            arguments = {}
            if rule.arguments:
                builder = SCOPED_URLS[rule.endpoint]
                if builder not in built:
                    own_unit = db.session.query(Unit).filter_by(code=unit_codes[builder]).one()
                    built[builder] = builder(own_unit)
                arguments = built[builder]
            with app.test_request_context():
                url = url_for(rule.endpoint, **arguments)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                found.append((rule.endpoint, method, url))
    assert len(found) > 100
    return found


def test_no_session_reaches_only_the_login(client, routes):
    for endpoint, method, url in routes:
        response = client.open(url, method=method)
        assert response.status_code == 302, (endpoint, method)
        assert "/admin/login?" in response.headers["Location"], (endpoint, method)


@pytest.mark.parametrize(("username", "enrolled"), [("root", True), ("office", False)])
def test_a_password_only_session_reaches_only_the_second_step(
    app, client, routes, username, enrolled
):
    if enrolled:
        enrol(app, username)
    step = "/admin/login/code" if enrolled else "/admin/login/enrol"
    response = client.post(
        "/admin/login", data={"username": username, "password": DEFAULT_PASSWORD}
    )
    assert response.headers["Location"].endswith(step)
    for endpoint, method, url in routes:
        response = client.open(url, method=method)
        if url == step:
            assert response.status_code == 200, (endpoint, method)
        else:
            assert response.status_code == 302, (endpoint, method)
            assert response.headers["Location"].endswith(step), (endpoint, method)
    assert "工作台" not in client.get("/admin/", follow_redirects=True).get_data(as_text=True)


def test_both_factors_open_every_route_for_the_admin(app, client, routes):
    secret, _ = enrol(app, "root")
    assert log_in_fully(client, "root", secret).status_code == 302
    for endpoint, method, url in routes:
        response = client.open(url, method=method)
        if endpoint in SECOND_STEP:
            assert response.headers["Location"].endswith("/admin/"), (endpoint, method)
        else:
            # let in: the view answers (a 404 for a slip this browser never made is the view's)
            assert response.status_code in (*ACCEPTED, 404), (endpoint, method)
            assert "/admin/login" not in response.headers.get("Location", ""), (endpoint, method)


def test_unit_staff_need_no_second_factor_by_default(client, routes):
    response = client.post("/admin/login", data={"username": "clerk", "password": DEFAULT_PASSWORD})
    assert response.headers["Location"].endswith("/admin/")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users/").status_code == 403
