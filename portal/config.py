"""Settings: embedded defaults → instance/config.py → PORTAL_* environment → test mapping.

Every setting a deployment needs has a default that works on one machine with everything
under ``instance/``; the environment variables of the spec override them.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

#: environment variable → config key; values are strings, converted in ``_from_environment``
ENVIRONMENT_SETTINGS = {
    "PORTAL_DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "PORTAL_SECRET_KEY": "SECRET_KEY",
    "PORTAL_RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    "PORTAL_RATELIMIT_ENABLED": "RATELIMIT_ENABLED",
    "PORTAL_RATELIMIT_KEY_PREFIX": "RATELIMIT_KEY_PREFIX",
    "PORTAL_RATELIMIT_FAIL": "RATELIMIT_FAIL",
    "PORTAL_MAX_URL_LENGTH": "MAX_URL_LENGTH",
    "PORTAL_SEARCH_INDEX_DIR": "SEARCH_INDEX_DIR",
    "PORTAL_SEARCH_INDEXER": "SEARCH_INDEXER",
    "PORTAL_UPLOAD_DIR": "UPLOAD_DIR",
    "PORTAL_OPEN_DATA_CACHE_DIR": "OPEN_DATA_CACHE_DIR",
    "PORTAL_PUBLIC_URL": "PUBLIC_URL",
    "PORTAL_SMTP_URL": "SMTP_URL",
    "PORTAL_HOLIDAYS_FILE": "HOLIDAYS_FILE",
    "PORTAL_SESSION_COOKIE_SECURE": "SESSION_COOKIE_SECURE",
    "PORTAL_TRUSTED_PROXIES": "TRUSTED_PROXIES",
    "PORTAL_DECISION_PUBLICATION_DAYS": "DECISION_PUBLICATION_WORKING_DAYS",
    "PORTAL_DECISION_RETENTION_YEARS": "DECISION_RETENTION_YEARS",
    "PORTAL_DECISION_RETENTION_YEARS_PERSON": "DECISION_RETENTION_YEARS_PERSON",
    "PORTAL_EVALUATION_MIN_ANSWERS": "EVALUATION_MIN_ANSWERS",
    "PORTAL_OFFICER_LOOKUP_LIMIT": "OFFICER_LOOKUP_LIMIT",
    "PORTAL_STATS_CACHE_SECONDS": "STATS_CACHE_SECONDS",
    "PORTAL_PAGE_CACHE_SECONDS": "PAGE_CACHE_SECONDS",
    "PORTAL_PAGE_CACHE": "PAGE_CACHE",
    "PORTAL_CACHE_URL": "CACHE_URL",
    "PORTAL_CACHE_KEY_PREFIX": "CACHE_KEY_PREFIX",
    "PORTAL_REQUIRE_TOTP": "REQUIRE_TOTP",
    "PORTAL_PG_BIN_DIR": "PG_BIN_DIR",
    "PORTAL_FILING_DAYS": "FILING_DAYS",
    "PORTAL_BAD_RATING_CALLBACK_DAYS": "BAD_RATING_CALLBACK_DAYS",
}
BOOLEAN_SETTINGS = {"RATELIMIT_ENABLED", "SESSION_COOKIE_SECURE"}
INTEGER_SETTINGS = {
    "MAX_URL_LENGTH",
    "TRUSTED_PROXIES",
    "DECISION_PUBLICATION_WORKING_DAYS",
    "DECISION_RETENTION_YEARS",
    "DECISION_RETENTION_YEARS_PERSON",
    "EVALUATION_MIN_ANSWERS",
    "STATS_CACHE_SECONDS",
    "PAGE_CACHE_SECONDS",
    "FILING_DAYS",
    "BAD_RATING_CALLBACK_DAYS",
}


def default_settings(instance_path: str) -> dict:
    instance = Path(instance_path)
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance / 'portal.sqlite3'}",
        # a database error's text must never carry a statement's values (contact details of a
        # complaint, for one) into the log
        "SQLALCHEMY_ENGINE_OPTIONS": {"hide_parameters": True},
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_STRATEGY": "fixed-window",
        #: keeps the counters of several portals (or test runs) apart in one Redis
        "RATELIMIT_KEY_PREFIX": "portal",
        #: when the rate-limit store (Redis) cannot be reached: ``open`` lets requests through
        #: (and logs each), ``closed`` answers the limited routes with 503 请稍后重试
        "RATELIMIT_FAIL": "open",
        #: a longer request target (path and query) gets the Chinese 414 page
        "MAX_URL_LENGTH": 4096,
        "SEARCH_INDEX_DIR": str(instance / "search-index"),
        #: who writes this host's index: ``inline`` (the web workers, after a request that
        #: changed public content) or ``worker`` (only ``flask search worker``)
        "SEARCH_INDEXER": "inline",
        #: inline: how often a worker looks for outbox entries committed elsewhere
        "SEARCH_CHECK_SECONDS": 10,
        #: an outbox id missing for this long belonged to a transaction that rolled back
        "SEARCH_OUTBOX_GAP_SECONDS": 3600,
        "SEARCH_RATE_LIMIT": "60 per minute",
        "UPLOAD_DIR": str(instance / "uploads"),
        #: the yearly bulk downloads, built on first request (portal.opendata.bulk)
        "OPEN_DATA_CACHE_DIR": str(instance / "open-data-cache"),
        #: take today's integrity snapshot on the first visit to /open-data/ if cron has not
        "INTEGRITY_LAZY_SNAPSHOT": True,
        #: /open-data/current.jsonl is rebuilt at most this often (0: on every request)
        "INTEGRITY_CURRENT_CACHE_SECONDS": 60,
        #: the site's public address, for links in mail sent from the command line (digests)
        "PUBLIC_URL": "",
        #: subscription sign-ups per client address
        "SUBSCRIBE_LIMIT": "5 per hour;20 per day",
        #: where ``backup`` finds pg_dump and pg_restore (empty: on the PATH)
        "PG_BIN_DIR": "",
        "SMTP_URL": "",
        "HOLIDAYS_FILE": "",
        "TRUSTED_PROXIES": 0,
        # Cookies: HttpOnly and SameSite always; Secure when served over HTTPS.
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_NAME": "portal_session",
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        #: back-office sessions end after this long without a request
        "ADMIN_IDLE_TIMEOUT": timedelta(minutes=30),
        #: and after this long in any case
        "ADMIN_ABSOLUTE_TIMEOUT": timedelta(hours=12),
        #: roles that must log in with a TOTP code besides the password (comma-separated;
        #: ``none`` for no role); anyone else may enrol
        "REQUIRE_TOTP": "admin,supervisor",
        #: how long the second step may take after the password
        "SECOND_STEP_TIMEOUT": timedelta(minutes=5),
        "LOGIN_LIMIT_PER_CLIENT": "20 per 15 minutes",
        "LOGIN_LIMIT_PER_ACCOUNT": "5 per 15 minutes",
        "MAX_CONTENT_LENGTH": 30 * 1024 * 1024,
        #: badge checks per client (Flask-Limiter syntax); shown on the lookup page
        "OFFICER_LOOKUP_LIMIT": "10 per minute;100 per hour",
        "OFFICER_PHOTO_MAX_BYTES": 5 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # the session lifetime bounds the token
        #: a unit's social-evaluation result is shown only from this many answers on
        "EVALUATION_MIN_ANSWERS": 30,
        #: soft limit on questionnaire answers from one client address
        "EVALUATION_LIMIT_PER_CLIENT": "20 per day",
        #: how long each worker keeps a computed statistics report (0: compute every time)
        "STATS_CACHE_SECONDS": 300,
        #: rendered public pages for anonymous readers (portal.pagecache): ``on`` or ``off``
        "PAGE_CACHE": "on",
        #: where they are kept: empty for each process's memory, or a Redis URL shared by
        #: every worker and host
        "CACHE_URL": "",
        #: keeps several portals' pages apart in one Redis
        "CACHE_KEY_PREFIX": "portal",
        #: Redis: a page is dropped after this long (pages of older generations expire so)
        "PAGE_CACHE_SECONDS": 3600,
        #: memory: the most each process keeps (bodies); Redis: a page larger than a quarter
        #: of it is not kept
        "PAGE_CACHE_MAX_BYTES": 64 * 1024 * 1024,
        "BUREAU_NAME": "平顶山市城市管理局",
        "PORTAL_NAME": "城管执法公示与监督平台",
        "COMPLAINT_HOTLINE": "12319",
        "CITY_HOTLINE": "12345",
        "SUPERVISION_EMAIL": "cgjd@pds.gov.cn",
        "SUPERVISION_ADDRESS": "平顶山市新华区建设路中段116号 平顶山市城市管理局综合监督科",
        #: penalty decisions are published within this many working days of the decision
        #: (国办发〔2018〕118号: 7; some local rules say 20)
        "DECISION_PUBLICATION_WORKING_DAYS": 7,
        #: published decisions stay in the public lists this many years after the decision …
        "DECISION_RETENTION_YEARS": 5,
        #: … or this many when the party is a natural person; the permalink stays either way
        "DECISION_RETENTION_YEARS_PERSON": 2,
        #: a 重大 decision is filed (备案) with the city bureau within this many calendar days
        "FILING_DAYS": 15,
        #: a named 差评 is called back within this many working days
        "BAD_RATING_CALLBACK_DAYS": 5,
    }


def load_settings(app, test_config: dict | None) -> None:
    """Fill ``app.config`` in the documented order of precedence."""
    app.config.update(default_settings(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(_from_environment(os.environ))
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))
    _survive_outages(app.config)


def _survive_outages(config) -> None:
    """Settings that let a restart of PostgreSQL or Redis pass without a restart of the app."""
    if not config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # a connection killed by a server restart is noticed at checkout and replaced
        options = dict(config["SQLALCHEMY_ENGINE_OPTIONS"])
        options.setdefault("pool_pre_ping", True)
        config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    if config["PAGE_CACHE"] not in ("on", "off"):
        raise ValueError("PORTAL_PAGE_CACHE must be on or off")
    if config["RATELIMIT_FAIL"] not in ("open", "closed"):
        raise ValueError("PORTAL_RATELIMIT_FAIL must be open or closed")
    if str(config["RATELIMIT_STORAGE_URI"]).startswith(("redis://", "rediss://", "unix://")):
        # a Redis that is gone must fail a request in a second, not hang the worker
        options = dict(config.get("RATELIMIT_STORAGE_OPTIONS") or {})
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 1)
        # its errors arrive as limits' StorageError, which portal.errors turns into the 503
        options.setdefault("wrap_exceptions", True)
        config["RATELIMIT_STORAGE_OPTIONS"] = options


def _from_environment(environ) -> dict:
    settings = {}
    for variable, key in ENVIRONMENT_SETTINGS.items():
        value = environ.get(variable)
        if value is None or value == "":
            continue
        if key in BOOLEAN_SETTINGS:
            settings[key] = value.strip().lower() not in {"0", "false", "no", "off"}
        elif key in INTEGER_SETTINGS:
            settings[key] = int(value)
        else:
            settings[key] = value
    return settings


def instance_secret_key(instance: Path) -> str:
    """The secret key kept in ``instance/secret_key``, created once.

    Several gunicorn workers may start at once: each writes a candidate to its own temporary
    file and tries to hard-link it into place; ``link`` fails when the file exists, so every
    worker ends up reading the one key that won.
    """
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        candidate = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        candidate.write_text(secrets.token_urlsafe(48))
        candidate.chmod(0o600)
        try:
            os.link(candidate, path)
        except FileExistsError:
            pass
        finally:
            candidate.unlink()
    return path.read_text().strip()
