"""What every template may use: the site's names, the navigation, date filters."""

from datetime import date, datetime

from flask import Flask, request

from portal.core.models import to_local
from portal.core.safe_urls import safe_http_url
from portal.core.sanitize import sanitize_html

#: the public navigation: (endpoint, label, path prefixes that mark it current)
PUBLIC_NAVIGATION = [
    ("pages.home", "首页", ("/",)),
    ("disclosure.index", "执法公示", ("/disclosure",)),
    ("disclosure.decisions", "处罚决定", ("/decisions",)),
    ("officers.lookup", "亮证查询", ("/officers",)),
    ("complaints.new", "投诉举报", ("/complaints",)),
    ("complaints.track", "进度查询", ("/track",)),
    ("outcomes.outcomes", "结果公示", ("/outcomes", "/stats", "/reviews", "/media")),
    ("search.search", "站内检索", ("/search",)),
]


def nav_is_current(prefixes: tuple[str, ...]) -> bool:
    path = request.path
    if prefixes == ("/",):
        return path == "/"
    return any(path == prefix or path.startswith(prefix + "/") for prefix in prefixes)


def format_local_datetime(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return to_local(moment).strftime("%Y-%m-%d %H:%M")


def format_chinese_date(day: date | datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = to_local(day).date()
    return f"{day.year}年{day.month}月{day.day}日"


def init_templating(app: Flask) -> None:
    app.jinja_env.filters["local_datetime"] = format_local_datetime
    app.jinja_env.filters["chinese_date"] = format_chinese_date
    app.jinja_env.filters["sanitize_html"] = sanitize_html
    app.jinja_env.filters["safe_url"] = safe_http_url  # every link to elsewhere goes through it
    app.jinja_env.globals["nav_is_current"] = nav_is_current

    @app.context_processor
    def site_context():
        config = app.config
        return {
            "bureau_name": config["BUREAU_NAME"],
            "portal_name": config["PORTAL_NAME"],
            "complaint_hotline": config["COMPLAINT_HOTLINE"],
            "city_hotline": config["CITY_HOTLINE"],
            "supervision_email": config["SUPERVISION_EMAIL"],
            "supervision_address": config["SUPERVISION_ADDRESS"],
            "public_navigation": PUBLIC_NAVIGATION,
        }
