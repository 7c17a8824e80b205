"""Complaint tracking numbers and query codes.

Tracking number (受理编号): 16 digits = the submission date YYYYMMDD (Asia/Shanghai) + 7 random
digits + 1 Luhn check digit over the first 15. Random rather than sequential, so that a number
tells nothing about how many complaints came in and its neighbours cannot be guessed; the
check digit lets the form say "号码有误" for a mistyped number instead of "not found". Luhn
catches every single-digit error and every adjacent transposition except 09 <-> 90.

The random part is not unique by itself: with 10^7 values per day, N numbers issued on one day
collide with probability about N^2 / (2 * 10^7) (~5% at 1,000 a day). The database column must
be unique, and the caller draws a new number when the insert hits it.

Query code (查询码): 6 random digits, shown to the person once and stored only as a hash.
Only 10^6 codes exist, so a fast or unsalted hash would let anyone holding a leaked table read
every code back at once. With scrypt and a random salt per code, each row needs its own search
of up to 10^6 scrypt runs (n=2**14: tens of milliseconds and 16 MiB each), hours of CPU per
code: a leaked table stays slow to exploit in bulk, though one targeted row can still be
cracked. Guessing online is limited by the rate limiter on /track, not here.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from datetime import date

TRACKING_NUMBER_LENGTH = 16
RANDOM_DIGITS = 7
QUERY_CODE_LENGTH = 6

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_SALT_BYTES = 16
SCRYPT_KEY_BYTES = 32
# OpenSSL's default memory cap (32 MiB) is too close to 128 * n * r for comfort.
_SCRYPT_MAXMEM = 64 * 1024 * 1024

_DIGITS = re.compile(r"[0-9]+")
_QUERY_CODE = re.compile(r"[0-9]{6}")


def luhn_check_digit(digits: str) -> str:
    """The Luhn digit to append to ``digits`` (ASCII digits only)."""
    if not _DIGITS.fullmatch(digits):
        raise ValueError(f"expected ASCII digits, got {digits!r}")
    total = 0
    # Counting from the right of the payload, every first, third, ... digit gets doubled,
    # because the check digit appended after it takes the undoubled position.
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def new_tracking_number(on: date) -> str:
    """A fresh tracking number for a complaint submitted on ``on`` (Asia/Shanghai date)."""
    payload = f"{on:%Y%m%d}{secrets.randbelow(10**RANDOM_DIGITS):0{RANDOM_DIGITS}d}"
    return payload + luhn_check_digit(payload)


def normalise_tracking_number(text: str) -> str:
    """The digits of ``text``: full-width digits become ASCII, everything else is dropped.

    People type "２０２６ ０１３１-…" with a Chinese IME, paste "受理编号：…", or read the number
    off a slip in groups. Dropping stray characters is safe: a wrong result fails the length,
    date and check-digit tests of ``is_valid_tracking_number``.
    """
    # NFKC turns full-width (and circled) digits into ASCII ones.
    return "".join(_DIGITS.findall(unicodedata.normalize("NFKC", text)))


def is_valid_tracking_number(number: str) -> bool:
    """Whether ``number`` (already normalised) could have been issued: 16 ASCII digits, a real
    date in front and a correct check digit. Says nothing about whether it exists."""
    if len(number) != TRACKING_NUMBER_LENGTH or not _DIGITS.fullmatch(number):
        return False
    try:
        date(int(number[0:4]), int(number[4:6]), int(number[6:8]))
    except ValueError:
        return False
    return luhn_check_digit(number[:-1]) == number[-1]


def tracking_number_date(number: str) -> date:
    """The submission date a valid tracking number starts with."""
    if not is_valid_tracking_number(number):
        raise ValueError(f"not a valid tracking number: {number!r}")
    return date(int(number[0:4]), int(number[4:6]), int(number[6:8]))


def new_query_code() -> str:
    return f"{secrets.randbelow(10**QUERY_CODE_LENGTH):0{QUERY_CODE_LENGTH}d}"


def hash_query_code(code: str) -> str:
    """``scrypt$n$r$p$salt_hex$hash_hex`` for a 6-digit code, with a fresh random salt."""
    code = _normalise_query_code(code)
    if not _QUERY_CODE.fullmatch(code):
        raise ValueError("a query code is 6 digits")
    salt = secrets.token_bytes(SCRYPT_SALT_BYTES)
    key = _scrypt(code, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_KEY_BYTES)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


def check_query_code(code: str, stored_hash: str) -> bool:
    """Whether ``code`` is the one ``stored_hash`` was made from.

    Uses the parameters recorded in the hash, so raising them later keeps old hashes working.
    A code that is not 6 digits is simply wrong; a malformed ``stored_hash`` raises ValueError.
    """
    n, r, p, salt, expected = _parse_stored_hash(stored_hash)
    code = _normalise_query_code(code)
    if not _QUERY_CODE.fullmatch(code):
        return False
    key = _scrypt(code, salt, n, r, p, len(expected))
    return hmac.compare_digest(key, expected)


def _normalise_query_code(code: str) -> str:
    # Full-width digits from an IME and spaces around the code are typing, not a wrong code.
    return "".join(unicodedata.normalize("NFKC", code).split())


def _parse_stored_hash(stored_hash: str) -> tuple[int, int, int, bytes, bytes]:
    parts = stored_hash.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError("not a scrypt$n$r$p$salt$hash string")
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError as error:
        raise ValueError("malformed scrypt hash") from error
    if not expected:
        raise ValueError("malformed scrypt hash: empty key")
    return n, r, p, salt, expected


def _scrypt(code: str, salt: bytes, n: int, r: int, p: int, key_bytes: int) -> bytes:
    return hashlib.scrypt(
        code.encode("ascii"), salt=salt, n=n, r=r, p=p, maxmem=_SCRYPT_MAXMEM, dklen=key_bytes
    )
