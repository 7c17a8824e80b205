"""Which kiosk is asking: the enrolment token in its cookie, and the rate-limit key it earns.

The kiosks of one service hall share one public address, so an address-keyed limit would let
one busy hall lock out all its screens. An enrolled kiosk is counted on its own token, with its
own (higher) limits; any other browser on /kiosk/ is an ordinary visitor, keyed by address.
Only a hash of the token is stored; the token itself is shown once, in the enrolment link.
"""

from flask import current_app, g, request
from flask_limiter.util import get_remote_address
from sqlalchemy import select

from portal.core.tokens import token_hash
from portal.extensions import db, limiter
from portal.kiosk.models import Kiosk

COOKIE_NAME = "portal_kiosk"
#: ten years: a kiosk stays enrolled until an administrator revokes it
COOKIE_MAX_AGE = 10 * 365 * 24 * 3600


def kiosk_for_token(session, token: str) -> Kiosk | None:
    """The active kiosk holding ``token``; None for an unknown, revoked or malformed one."""
    if not token or len(token) > 100:
        return None
    kiosk = session.scalars(select(Kiosk).where(Kiosk.token_hash == token_hash(token))).first()
    return kiosk if kiosk is not None and kiosk.is_active else None


def current_kiosk() -> Kiosk | None:
    """The enrolled kiosk making this request (looked up once per request)."""
    if "kiosk" not in g:
        g.kiosk = kiosk_for_token(db.session, request.cookies.get(COOKIE_NAME, ""))
    return g.kiosk


def client_key() -> str:
    """Rate-limit key: the kiosk for an enrolled one, the client address for anyone else."""
    kiosk = current_kiosk()
    return f"kiosk:{kiosk.id}" if kiosk is not None else get_remote_address()


def site_bucket(endpoint: str, scope: str) -> str:
    """The counter name Flask-Limiter gives the website's limit ``scope`` on ``endpoint``.

    A kiosk view shares it (``limiter.shared_limit``), so that an unenrolled browser counts
    against the same limit whether it asks on /kiosk/ or on the website; enrolled kiosks use
    other keys and limits, hence other counters.
    """
    return f"{endpoint}:{scope}"


def limit_for(setting: str, kiosk_setting: str):
    """A limit callable: ``kiosk_setting`` for enrolled kiosks, ``setting`` for everyone else."""

    def limit() -> str:
        key = kiosk_setting if current_kiosk() is not None else setting
        return current_app.config[key]

    return limit


def site_limit(setting: str, kiosk_setting: str, endpoint: str, scope: str, **options):
    """The website's POST limit ``scope`` on ``endpoint``, shared by a kiosk view.

    Keyed by ``client_key`` and limited by ``setting``, or ``kiosk_setting`` for an enrolled
    kiosk; ``options`` (``error_message``, ``deduct_when``) go to ``limiter.shared_limit``.
    """
    return limiter.shared_limit(
        limit_for(setting, kiosk_setting),
        site_bucket(endpoint, scope),
        key_func=client_key,
        methods=["POST"],
        **options,
    )
