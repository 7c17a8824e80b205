"""A minimal browser for tests against a live server: cookies, CSRF tokens, redirects."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
TRACKING_NO = re.compile(r'id="tracking-no"[^>]*>(\d{16})<')
QUERY_CODE = re.compile(r'id="query-code"[^>]*>(\d{6})<')


class Browser:
    def __init__(self, base_url: str, timeout: float = 120):
        self.base_url = base_url
        self.timeout = timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=self.timeout) as reply:
                return reply.status, reply.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode("utf-8")

    def token(self, path: str) -> str:
        status, page = self.open(path)
        assert status == 200, (path, status)
        return CSRF.search(page).group(1)

    def submit(self, fields: dict) -> tuple[str, str]:
        """Submit the complaint form; returns the tracking number and query code received."""
        token = self.token("/complaints/new")
        status, page = self.open("/complaints/new", {"csrf_token": token, **fields})
        assert status == 200, (status, page[:2000])
        return TRACKING_NO.search(page).group(1), QUERY_CODE.search(page).group(1)

    def login(self, username: str, password: str) -> None:
        token = self.token("/admin/login")
        status, page = self.open(
            "/admin/login", {"csrf_token": token, "username": username, "password": password}
        )
        assert status == 200 and "工作台" in page, page[:2000]

    def post_form(self, path: str, data: dict, form_page: str | None = None) -> tuple[int, str]:
        token = self.token(form_page or path)
        return self.open(path, {"csrf_token": token, **data})
