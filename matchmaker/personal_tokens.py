"""Personal secrets (API tokens, calendar-feed links): made, matched and revoked here, for every
feature that needs one.

A secret is ``<prefix>_`` plus 32 random bytes (URL-safe base64, 43 characters); only its
SHA-256 digest is stored, so the secret is shown once, when it is made. A presented secret is
matched by the digest (an indexed unique column), never by comparing secrets.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from werkzeug.exceptions import NotFound

from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import ApiToken, CalendarFeedToken, User
from matchmaker.models.base import utcnow

API_PREFIX = "smk"
CALENDAR_PREFIX = "cal"
MAX_API_TOKENS = 10
MAX_SECRET_LENGTH = 100


@dataclass(frozen=True)
class NewSecret:
    plaintext: str
    digest: str
    hint: str


def new_secret(prefix: str) -> NewSecret:
    plaintext = f"{prefix}_{secrets.token_urlsafe(32)}"
    return NewSecret(plaintext, digest_of(plaintext), plaintext[: len(prefix) + 5])


def digest_of(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8", "surrogatepass")).hexdigest()


# --- API tokens -------------------------------------------------------------------------------


def api_tokens_of(actor: User) -> Sequence[ApiToken]:
    return db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == actor.id).order_by(ApiToken.id.desc())
    ).all()


def create_api_token(actor: User, name: str) -> tuple[ApiToken, str]:
    """A new token of ``actor``; returns it and its secret (shown once)."""
    name = (name or "").strip()
    if not name:
        raise RuleViolation(_("Give the token a name."), "name", status_code=400)
    active = db.session.scalar(
        select(func.count())
        .select_from(ApiToken)
        .where(ApiToken.user_id == actor.id, ApiToken.revoked_at.is_(None))
    )
    if active >= MAX_API_TOKENS:
        raise RuleViolation(
            _("You have %(n)d active tokens; revoke one first.", n=MAX_API_TOKENS), "name"
        )
    secret = new_secret(API_PREFIX)
    token = ApiToken(user=actor, name=name[:80], digest=secret.digest, hint=secret.hint)
    db.session.add(token)
    db.session.flush()
    return token, secret.plaintext


def revoke_api_token(actor: User, token_id: int) -> ApiToken:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != actor.id:
        raise NotFound()
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()
    return token


def user_for_api_token(plaintext: str) -> User | None:
    """The active user whose unrevoked token this is, or None."""
    return _user_for(ApiToken, plaintext, API_PREFIX)


# --- calendar feeds ---------------------------------------------------------------------------


def active_feed_token(actor: User) -> CalendarFeedToken | None:
    return db.session.scalar(
        select(CalendarFeedToken).where(
            CalendarFeedToken.user_id == actor.id, CalendarFeedToken.revoked_at.is_(None)
        )
    )


def create_feed_token(actor: User) -> str:
    """A new calendar link for ``actor`` (the previous one stops working); returns its
    secret."""
    revoke_feed_token(actor)
    secret = new_secret(CALENDAR_PREFIX)
    db.session.add(CalendarFeedToken(user=actor, digest=secret.digest))
    db.session.flush()
    return secret.plaintext


def revoke_feed_token(actor: User) -> int:
    result = db.session.execute(
        update(CalendarFeedToken)
        .where(CalendarFeedToken.user_id == actor.id, CalendarFeedToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    return result.rowcount


def user_for_feed_token(plaintext: str) -> User | None:
    return _user_for(CalendarFeedToken, plaintext, CALENDAR_PREFIX)


def _user_for(model, plaintext: str, prefix: str) -> User | None:
    if not plaintext or len(plaintext) > MAX_SECRET_LENGTH or not plaintext.startswith(prefix):
        return None
    row = db.session.scalar(select(model).where(model.digest == digest_of(plaintext)))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    return row.user
