"""Time-based one-time passwords (RFC 6238) and recovery codes: the pure rules, no database.

A code is good for its 30-second step and one step either side (clock drift), and only once:
the step of the last accepted code is stored, and a code of that step or an earlier one is
refused, so a code seen over someone's shoulder cannot be used again.
"""

import hashlib
import hmac
import secrets
import unicodedata
from datetime import datetime

import pyotp
import segno
from markupsafe import Markup

ISSUER = "城管执法公示与监督平台"
RECOVERY_CODE_COUNT = 10
#: 16 characters of this 32-letter alphabet: 80 random bits per recovery code
_RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def required_roles(setting: str) -> frozenset[str]:
    """The roles named in ``PORTAL_REQUIRE_TOTP`` (``admin,supervisor``; ``none`` or empty)."""
    names = {name.strip() for name in (setting or "").split(",")}
    return frozenset(name for name in names if name and name != "none")


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, username: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> Markup:
    code = segno.make(uri, error="m")
    svg = code.svg_inline(scale=4, border=2, svgclass="qr-code", lineclass=None)
    label = "用身份验证器应用扫描此二维码"
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def normalise_code(typed: str) -> str:
    """Full-width digits and letters folded, spaces and dashes dropped, lower case."""
    folded = unicodedata.normalize("NFKC", typed or "")
    return "".join(ch for ch in folded if ch.isalnum()).lower()


def is_totp_shaped(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


def accepted_step(secret: str, code: str, last_step: int | None, at: datetime) -> int | None:
    """The time step ``code`` belongs to, if it is valid at ``at`` and newer than ``last_step``."""
    if not is_totp_shaped(code):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(at)
    for step in (current - 1, current, current + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    """Ten codes to show once, as ``abcd-efgh-jkmn-pqrs``."""
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(16))
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
    return codes


def recovery_code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "ignore")).hexdigest()
