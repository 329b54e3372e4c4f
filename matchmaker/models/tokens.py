"""Personal secrets that stand for a user: API tokens and calendar-feed tokens.

Only a SHA-256 digest of each secret is stored (the secret is shown once, when it is made); a
request is matched by looking up the digest of what it presents, so the database never holds a
usable secret and lookups are by an indexed, unique column. Revoking keeps the row (who had a
token, until when) and makes it unusable.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.models.base import created_at_column
from matchmaker.models.users import User


class ApiToken(db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 hex of the secret
    hint: Mapped[str] = mapped_column(String(12))  # the secret's first characters, to tell apart
    created_at: Mapped[datetime] = created_at_column()
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class CalendarFeedToken(db.Model):
    """The secret of a representative's calendar subscription URL (one active at a time)."""

    __tablename__ = "calendar_feed_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = created_at_column()
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
