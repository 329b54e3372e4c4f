"""Password hashing with argon2id, at the parameters of the OWASP Password Storage Cheat Sheet.

OWASP's first recommended configuration: m = 19 MiB, t = 2, p = 1 (equivalent in strength to
its other listed trade-offs). argon2-cffi's default (RFC 9106 "low memory": 64 MiB, t = 3,
p = 4) cost 190–360 ms of CPU per log-in, which on the fair's first morning is a load of its
own; these cost about 35 ms (measured: README, "Performance"). Hashes made with other
parameters are re-hashed at the next successful log-in (``needs_rehash``).

The one policy for new passwords, after NIST SP 800-63B and OWASP ASVS 5.0 (V6.2): at least 10
characters, any characters (spaces, Chinese…), no composition rules, but not a commonly used
password, not a run of a few repeated characters, and not made of the user's own e-mail address
or company name. ``data/common_passwords.txt`` is the 10,000 most common passwords of the zxcvbn
project (MIT licence), shipped with the app so that no lookup leaves the server.
"""

from __future__ import annotations

import re
import secrets
import string
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)  # argon2id

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
MIN_DISTINCT_CHARACTERS = 4
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common_passwords.txt"
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_TRAILING_DIGITS_AND_SIGNS = string.digits + string.punctuation + " "


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").split())


def password_weakness(password: str | None, personal: Iterable[str | None] = ()):
    """Why ``password`` is refused as a new password (a translated message), or None.

    ``personal``: the user's e-mail address, name of the company… a password made of them is
    refused."""
    password = password or ""
    if len(password) < MIN_PASSWORD_LENGTH:
        return _l("Use at least %(count)d characters.", count=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return _l("Use at most %(count)d characters.", count=MAX_PASSWORD_LENGTH)
    if password.strip() == "":
        return _l("A password cannot be only spaces.")
    lowered = password.casefold()
    base = lowered.rstrip(_TRAILING_DIGITS_AND_SIGNS)
    common = common_passwords()
    if lowered in common or (len(base) >= MIN_DISTINCT_CHARACTERS and base in common):
        return _l("This password is among the most commonly used ones; choose another.")
    if len(set(lowered)) < MIN_DISTINCT_CHARACTERS:
        return _l("This password repeats too few characters; choose another.")
    letters = _NOT_LETTERS.sub("", lowered)
    for text in personal:
        own = _NOT_LETTERS.sub("", (text or "").casefold())
        if len(letters) >= MIN_DISTINCT_CHARACTERS and own and letters in own:
            return _l("A password cannot be made of your e-mail address or company name.")
    return None


def unusable_password() -> str:
    """A stored value no password matches (not an argon2 hash): for accounts made for someone
    who sets their password through an invitation link. Instant, unlike hashing a random one."""
    return "!unusable-" + secrets.token_urlsafe(24)
