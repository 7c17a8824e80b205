"""HTTP hardening and error pages: Chinese for people, JSON for the API, never a traceback."""

import pytest
from flask import abort


def test_security_headers_on_pages(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_session_cookie_is_httponly_and_samesite(client, create_user, login):
    create_user("lin", role="admin")
    cookie = login("lin").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


@pytest.mark.app_config(SESSION_COOKIE_SECURE=True)
def test_session_cookie_is_secure_when_configured(client, create_user, login):
    create_user("lin", role="admin")
    assert "Secure" in login("lin").headers["Set-Cookie"]


def test_back_office_pages_are_not_cached(client):
    assert client.get("/admin/login").headers["Cache-Control"] == "private, no-store"


@pytest.fixture
def failing_app(app):
    """The app with routes that fail in each of the ways a client may meet."""

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals: password=hunter2")

    @app.route("/api/v1/boom")
    def api_boom():
        raise RuntimeError("secret internals")

    @app.route("/forbidden")
    def forbidden():
        abort(403)

    @app.route("/bad")
    def bad():
        abort(400)

    @app.route("/upload", methods=["POST"])
    def upload():
        from flask import request

        return str(len(request.get_data()))

    return app


@pytest.mark.parametrize(
    ("method", "path", "status", "title"),
    [
        ("GET", "/bad", 400, "请求有误"),
        ("GET", "/forbidden", 403, "无权访问"),
        ("GET", "/no-such-page", 404, "页面不存在"),
        ("POST", "/", 405, "请求方式不被允许"),
        ("GET", "/boom", 500, "系统暂时出现问题"),
    ],
)
def test_error_pages_are_chinese_html(failing_app, method, path, status, title):
    failing_app.config["PROPAGATE_EXCEPTIONS"] = False
    response = failing_app.test_client().open(path, method=method)
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert response.content_type.startswith("text/html")
    assert title in page and 'lang="zh-CN"' in page
    assert "Traceback" not in page and "hunter2" not in page and "RuntimeError" not in page


def test_413_for_too_large_a_body(failing_app):
    failing_app.config["MAX_CONTENT_LENGTH"] = 1000
    response = failing_app.test_client().post("/upload", data="x" * 5000, content_type="text/plain")
    assert response.status_code == 413
    assert "上传内容过大" in response.get_data(as_text=True)


@pytest.mark.parametrize(("path", "status"), [("/api/v1/nothing-here", 404), ("/api/v1/boom", 500)])
def test_api_errors_are_json(failing_app, path, status):
    failing_app.config["PROPAGATE_EXCEPTIONS"] = False
    response = failing_app.test_client().get(path)
    assert response.status_code == status
    body = response.get_json()
    assert body["error"]["status"] == status
    assert "secret internals" not in response.get_data(as_text=True)


def test_bad_cursor_is_a_400_not_a_500(client):
    response = client.get("/api/v1/units?cursor=%%%not-base64")
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "翻页参数无效"


@pytest.mark.app_config(WTF_CSRF_ENABLED=True)
def test_post_without_csrf_token_is_refused_in_chinese(client):
    response = client.post("/admin/login", data={"username": "a", "password": "b"})
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(as_text=True)


@pytest.mark.app_config(RATELIMIT_ENABLED=True, LOGIN_LIMIT_PER_CLIENT="1 per 15 minutes")
def test_429_page_is_chinese_with_retry_after(client):
    client.post("/admin/login", data={"username": "a", "password": "bbbbbbbbbb1"})
    response = client.post("/admin/login", data={"username": "a", "password": "bbbbbbbbbb1"})
    assert response.status_code == 429
    assert "操作过于频繁" in response.get_data(as_text=True)
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60


@pytest.mark.app_config(TODAY="2026-06-01")  # before November: no calendar warning yet
def test_healthz_reports_database_and_index(client, runner):
    runner.invoke(args=["search", "reindex", "--quiet"])
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "database": "ok",
        "search_index": "ok",
        "calendar": "ok",
        "search_lag": 0,
        "search_lag_seconds": 0.0,
        "integrity": None,  # no daily snapshot yet (tests/opendata: the latest root)
    }


@pytest.mark.app_config(SQLALCHEMY_DATABASE_URI="sqlite:////nonexistent-dir/portal.sqlite3")
def test_healthz_is_503_when_the_database_is_gone(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "unavailable"
    assert response.get_json()["database"] == "error"
