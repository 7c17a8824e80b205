"""gunicorn settings of the portal, read by ``scripts/serve-demo`` and in production.

gunicorn reads ``./gunicorn.conf.py`` by itself when it starts in this folder; elsewhere pass
``-c /path/to/gunicorn.conf.py``. Command-line options win over this file, and the
``PORTAL_GUNICORN_*`` environment variables below change it without editing.
"""

import multiprocessing
import os


def _setting(name: str, default: int) -> int:
    return int(os.environ.get(f"PORTAL_GUNICORN_{name}", default))


bind = os.environ.get("PORTAL_GUNICORN_BIND", "127.0.0.1:8000")
#: sync workers: each serves one request at a time, so a slow client or query holds one worker;
#: 2 × cores + 1 is gunicorn's advice, capped so a big machine does not open 65 database pools
workers = _setting("WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9))
#: gunicorn's sync worker, with its own error pages (a too long URL) in Chinese
worker_class = "portal.core.gunicorn_worker.ChineseErrorPagesWorker"
#: the app (the search dictionary, the templates) is loaded once and shared by the workers
preload_app = True
#: a request running longer than this is killed (the worker restarts); the search indexer
#: keeps to 5 s after a response for this reason
timeout = _setting("TIMEOUT", 30)
#: on a restart or deploy, workers finish the request in hand within this
graceful_timeout = _setting("GRACEFUL_TIMEOUT", 20)
#: behind nginx, which keeps its own connections to clients
keepalive = _setting("KEEPALIVE", 5)
#: each worker is replaced after this many requests (± the jitter, so they do not all restart
#: at once): any slow leak in a library stays bounded
max_requests = _setting("MAX_REQUESTS", 2000)
max_requests_jitter = _setting("MAX_REQUESTS_JITTER", 200)
#: the request line (method, URL, version): gunicorn's largest allowed value. The app answers
#: a URL over PORTAL_MAX_URL_LENGTH (4096) with its Chinese 414 page; a line over this limit
#: gets the worker's Chinese 414 page without reaching the app
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
#: only the local reverse proxy may set X-Forwarded-* (the app's PORTAL_TRUSTED_PROXIES too)
forwarded_allow_ips = os.environ.get("PORTAL_GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
#: no access log by default: URLs may carry search words and tracking numbers; nginx logs
accesslog = os.environ.get("PORTAL_GUNICORN_ACCESSLOG") or None
errorlog = "-"
