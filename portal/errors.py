"""One error shape: a Chinese HTML page for people, JSON for /api/ and /open311/.

No stack trace or exception text ever reaches a client; the traceback goes to the log.
"""

import math
import time
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, tostring

import click
from flask import Flask, current_app, jsonify, make_response, render_template, request
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from limits.errors import StorageError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from portal.core import outages
from portal.extensions import limiter

#: status → (title, explanation) shown to people
MESSAGES = {
    400: ("请求有误", "提交的内容无法处理，请返回检查后重试。"),
    401: ("需要登录", "请先登录后再访问。"),
    403: ("无权访问", "您没有访问此页面的权限。"),
    404: ("页面不存在", "您访问的页面不存在或已移动，请检查网址，或从首页重新进入。"),
    405: ("请求方式不被允许", "此页面不接受这种请求方式。"),
    414: ("网址过长", "网址过长，无法处理。请检查网址是否完整、正确，或从首页重新进入。"),
    413: ("上传内容过大", "提交的文件或内容超过了大小限制，请压缩或减少附件后重试。"),
    429: ("操作过于频繁", "您的请求次数过多，请稍后再试。"),
    500: ("系统暂时出现问题", "服务器处理请求时出错，我们已记录此问题。请稍后再试。"),
    503: (outages.TITLE, outages.MESSAGE),
}
#: the pages nginx (and gunicorn's worker) serve when the app cannot answer, as
#: static/errors/<status>.html; all made from templates/errors/static.html by
#: ``flask errors static-pages`` (they must not need the app, or a database, to be shown)
STATIC_PAGES = {
    413: (
        "上传内容过大",
        "提交的文件或内容超过了大小限制，请压缩或减少附件后重试。"
        "您填写的文字请先复制保存，返回上一页后重新提交。",
    ),
    414: ("网址过长", "您访问的网址过长，无法处理。请检查网址是否完整、正确，或从首页重新进入。"),
    431: ("请求头过大", "浏览器发送的信息过多。请在浏览器设置中清除本站的浏览数据后重试。"),
    502: (
        "系统正在维护，请稍后重试",
        "网站暂时无法访问，通常几分钟内即可恢复。请稍后刷新页面重试；"
        "如果刚才提交了表单，请返回上一页，您填写的内容通常仍在页面中。",
    ),
    503: ("系统繁忙，请稍后重试", "网站暂时无法处理您的请求，请稍等片刻后刷新页面重试。"),
    504: (
        "系统响应超时，请稍后重试",
        "网站处理您的请求用时过长。请稍后重试；"
        "如果刚才提交了投诉举报，请先用受理编号查询，确认是否已经提交成功，避免重复提交。",
    ),
}
CSRF_MESSAGE = "页面已过期或表单校验失败，请刷新页面后重新提交。"


def wants_json() -> bool:
    return request.path.startswith(("/api/", "/open311/"))


def open311_error(status: int, message: str, fmt: str):
    """GeoReport v2's error: ``[{"code": 400, "description": "…"}]`` or its XML form."""
    if fmt != "xml":
        return make_response(jsonify([{"code": status, "description": message}]), status)
    errors = Element("errors")
    error = SubElement(errors, "error")
    SubElement(error, "code").text = str(status)
    SubElement(error, "description").text = message
    body = '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(errors, encoding="unicode")
    response = make_response(body, status)
    response.headers["Content-Type"] = "text/xml; charset=utf-8"
    return response


def error_response(status: int, detail: str | None = None, retry_after: int | None = None):
    title, explanation = MESSAGES.get(status, MESSAGES[500 if status >= 500 else 400])
    message = detail or explanation
    if request.path.startswith("/open311/"):
        # GeoReport v2's own shape, in the format the suffix asks for
        fmt = "xml" if request.path.endswith(".xml") else "json"
        response = open311_error(status, message, fmt)
    elif wants_json():
        body = {"error": {"status": status, "title": title, "message": message}}
        response = make_response(jsonify(body), status)
    else:
        # the kiosk's own error screen: no links that leave the kiosk
        template = "kiosk/error.html" if request.path.startswith("/kiosk") else "errors/error.html"
        page = render_template(
            template,
            status=status,
            title=title,
            message=message,
            retry_after=retry_after,
        )
        response = make_response(page, status)
    if retry_after:
        response.headers["Retry-After"] = str(retry_after)
    return response


def _rate_limit_details(error: RateLimitExceeded) -> tuple[str, int | None]:
    message = error.description if error.limit.error_message else MESSAGES[429][1]
    current = limiter.current_limit
    if current is None:
        return message, None
    seconds = max(1, math.ceil(current.reset_at - time.time()))
    wait = f"{seconds}秒" if seconds < 60 else f"{math.ceil(seconds / 60)}分钟"
    return f"{message}请约{wait}后再试。", seconds


def handle_http_exception(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    detail, retry_after = None, None
    if isinstance(error, CSRFError):
        detail = CSRF_MESSAGE
    elif isinstance(error, RateLimitExceeded):
        detail, retry_after = _rate_limit_details(error)
    elif error.description != type(error).description:
        detail = error.description  # our own Chinese message, given to abort()
    response = error_response(error.code, detail, retry_after)
    if error.code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def handle_unexpected(error: Exception):
    current_app.logger.exception(
        "unhandled %s on %s %s", type(error).__name__, request.method, request.path
    )
    return error_response(500)


def handle_unavailable(reason: str):
    outages.end_transaction(reason)
    if wants_json():
        return error_response(503, retry_after=outages.RETRY_AFTER_SECONDS)
    return outages.unavailable_page()


def handle_database_error(error: SQLAlchemyError):
    if not outages.is_database_outage(error):
        return handle_unexpected(error)
    return handle_unavailable(f"database: {type(error).__name__}")


def handle_rate_limit_storage_error(error: Exception):
    # only with RATELIMIT_FAIL = "closed"; "open" lets the request through
    return handle_unavailable(f"rate-limit storage: {type(error).__name__}")


def static_error_page(status: int) -> str:
    """The static page for ``status`` as it belongs in static/errors/ (no request needed)."""
    title, message = STATIC_PAGES[status]
    template = current_app.jinja_env.get_template("errors/static.html")
    config = current_app.config
    page = template.render(
        status=status,
        title=title,
        message=message,
        portal_name=config["PORTAL_NAME"],
        hotline=config["COMPLAINT_HOTLINE"],
    )
    return page + "\n"


@click.group("errors", help="The static error pages.")
def errors_cli():
    pass


@errors_cli.command("static-pages")
def write_static_pages():
    """Write static/errors/<status>.html from templates/errors/static.html."""
    folder = Path(current_app.static_folder) / "errors"
    for status in STATIC_PAGES:
        (folder / f"{status}.html").write_text(static_error_page(status), encoding="utf-8")
        click.echo(f"static/errors/{status}.html")


def init_errors(app: Flask) -> None:
    app.cli.add_command(errors_cli)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(SQLAlchemyError, handle_database_error)
    app.register_error_handler(StorageError, handle_rate_limit_storage_error)
    app.register_error_handler(Exception, handle_unexpected)
    outages.configure_rate_limit_failure(app, limiter)
