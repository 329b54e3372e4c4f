"""Password hashing with argon2id, at the parameters of the OWASP Password Storage Cheat Sheet.

OWASP's first recommended configuration: m = 19 MiB, t = 2, p = 1 (equivalent in strength to
its other listed trade-offs). argon2-cffi's default (RFC 9106 "low memory": 64 MiB, t = 3,
p = 4) cost 190–360 ms of CPU per log-in, which on the fair's first morning is a load of its
own; these cost about 35 ms (measured: README, "Performance"). Hashes made with other
parameters are re-hashed at the next successful log-in (``needs_rehash``).
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)  # argon2id

MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def unusable_password() -> str:
    """A stored value no password matches (not an argon2 hash): for accounts made for someone
    who sets their password through an invitation link. Instant, unlike hashing a random one."""
    return "!unusable-" + secrets.token_urlsafe(24)
