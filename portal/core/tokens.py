"""Bearer tokens shown once (kiosk enrolment, integration keys): made random, stored hashed.

A token is 32 random bytes, so a fast hash is enough (nobody can guess one to test against
it) and lets a request find its row by an indexed lookup of the hash.
"""

import hashlib
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """Hex SHA-256 of ``token``; a stray surrogate in a header or cookie must not raise."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
