"""Password hashing with Argon2id (RFC 9106 parameters of argon2-cffi's default profile)."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

#: a hash of a random password, verified when the username is unknown so that a failed login
#: takes as long whether or not the account exists
_DUMMY_HASH = _hasher.hash("not-a-real-password-8a1f")

MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def password_problem(password: str) -> str | None:
    """A Chinese sentence saying why a password is too weak, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"密码至少{MIN_PASSWORD_LENGTH}位"
    if password.isdigit() or password.isalpha():
        return "密码须同时包含字母和数字或符号"
    return None
