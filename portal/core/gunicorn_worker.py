"""gunicorn's sync worker with the pages it writes itself in Chinese.

A request line longer than gunicorn's ``limit_request_line`` never reaches the app: gunicorn
answers it with an English "URI Too Long" page. This worker answers it with
``static/errors/414.html`` instead (the page nginx serves for its own 414, see the README).
"""

from contextlib import suppress
from pathlib import Path

from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.workers.sync import SyncWorker

ERROR_PAGES = Path(__file__).resolve().parent.parent.parent / "static" / "errors"
#: gunicorn's own refusals → (status line, page)
PAGES = {
    LimitRequestLine: ("414 URI Too Long", "414.html"),
    LimitRequestHeaders: ("431 Request Header Fields Too Large", "431.html"),
}


def error_page(error: Exception) -> tuple[str, bytes] | None:
    for kind, (status, name) in PAGES.items():
        if isinstance(error, kind):
            return status, (ERROR_PAGES / name).read_bytes()
    return None


class ChineseErrorPagesWorker(SyncWorker):
    def handle_error(self, req, client, addr, exc):
        page = error_page(exc)
        if page is None:
            return super().handle_error(req, client, addr, exc)
        status, body = page
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        head = (
            f"HTTP/1.1 {status}\r\nConnection: close\r\n"
            f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        with suppress(OSError):  # the client went away
            client.sendall(head.encode("ascii") + body)
