"""城管执法公示与监督平台 — the application factory."""

import logging

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import (
    api,
    audit,
    complaints,
    disclosure,
    holidays,
    kiosk,
    officers,
    opendata,
    pages,
    results,
    search,
    staff,
    subscriptions,
)
from portal.api import open311
from portal.backup import backup_cli
from portal.config import load_settings
from portal.core.database import configure_engine
from portal.core.documented import init_checks
from portal.core.headers import init_headers
from portal.core.templating import init_templating
from portal.core.text_input import init_text_input
from portal.errors import init_errors
from portal.extensions import csrf, db, limiter, login_manager
from portal.masking import masking_cli
from portal.pagecache import init_page_cache
from portal.schema import db_cli, setup_command
from portal.search import providers as search_providers  # noqa: F401  (registers every kind)

BLUEPRINTS = [
    pages.bp,
    disclosure.bp,
    officers.bp,
    complaints.bp,
    results.bp,
    results.stats_bp,
    results.media_bp,
    results.outcomes_bp,
    search.bp,
    kiosk.bp,
    holidays.bp,
    api.bp,
    api.feeds_bp,
    staff.bp,
    disclosure.admin_bp,
    disclosure.documents_admin_bp,
    disclosure.decisions_admin_bp,
    results.admin_bp,
    results.media_admin_bp,
    results.outcomes_admin_bp,
    results.annual_admin_bp,
    officers.admin_bp,
    officers.api_bp,
    audit.bp,
    complaints.admin_bp,
    opendata.bp,
    subscriptions.bp,
    kiosk.admin_bp,
    open311.bp,
    open311.admin_views.admin_bp,
]


def create_app(config: dict | None = None) -> Flask:
    """Build the portal. ``config`` overrides every other setting (tests pass one)."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    init_text_input(app)  # before anything reads a request: one normalisation for all text
    load_settings(app, config)
    if app.config["TRUSTED_PROXIES"]:
        count = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    if not app.debug:
        app.logger.setLevel(logging.INFO)

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    csrf.init_app(app)
    limiter.init_app(app)
    init_page_cache(app)  # after the limiter (a kept badge check still counts), before the rest
    login_manager.init_app(app)
    login_manager.login_view = "staff.login"
    login_manager.login_message = "请先登录。"
    login_manager.session_protection = "basic"

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    csrf.exempt(api.bp)  # read-only GET endpoints, no cookies needed
    csrf.exempt(open311.bp)  # integrations authenticate by api_key, not by a cookie

    init_templating(app)
    init_headers(app)
    init_errors(app)
    init_checks(app)
    search.init_app(app)

    app.cli.add_command(setup_command)
    app.cli.add_command(db_cli)
    app.cli.add_command(staff.users_cli)
    app.cli.add_command(audit.audit_cli)
    app.cli.add_command(disclosure.decisions_cli)
    app.cli.add_command(officers.officers_cli)
    app.cli.add_command(complaints.complaints_cli)
    app.cli.add_command(search.search_cli)
    app.cli.add_command(opendata.integrity_cli)
    app.cli.add_command(subscriptions.subscriptions_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(masking_cli)
    app.cli.add_command(holidays.calendar_cli)
    app.cli.add_command(open311.open311_cli)
    return app
