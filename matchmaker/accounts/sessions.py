"""Server-side session state: which logged-in browsers are still valid.

The signed session cookie holds a random token (``SESSION_TOKEN_KEY``) next to Flask-Login's
user id; the user loader accepts the cookie only while a ``UserSession`` row with the token's
digest exists and is younger than ``SESSION_LIFETIME``. So a copied or replayed cookie stops
working at log-out, and every session of a user ends at a password change or reset, at
deactivation, or with "log out everywhere".
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from matchmaker.extensions import db
from matchmaker.models import User, UserSession

SESSION_TOKEN_KEY = "session_token"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User) -> str:
    """A new session for ``user``; returns the token to put in the cookie."""
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(token_digest=_digest(token), user_id=user.id))
    db.session.flush()
    return token


def session_user(
    token: object, user_id: int, acting_organizer_id: object, lifetime: timedelta
) -> User | None:
    """User ``user_id`` if the session ``token`` names is open, younger than ``lifetime``, and
    was opened by that user or by the organizer acting as them (one query per request)."""
    if not isinstance(token, str) or not token:
        return None
    owners = {user_id}
    if isinstance(acting_organizer_id, int):
        owners.add(acting_organizer_id)
    return db.session.scalar(
        select(User)
        .join(UserSession, UserSession.token_digest == _digest(token))
        .where(
            User.id == user_id,
            User.active.is_(True),
            UserSession.user_id.in_(owners),
            UserSession.created_at > datetime.now(UTC) - lifetime,
        )
    )


def end_session(token: object) -> None:
    if isinstance(token, str) and token:
        db.session.execute(delete(UserSession).where(UserSession.token_digest == _digest(token)))


def end_all_sessions(user: User) -> None:
    """Every browser of ``user`` is logged out at its next request."""
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    db.session.flush()
