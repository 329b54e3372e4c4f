"""Accounts: company representatives and organizers.

Contact persons are personal data: we keep a name, an e-mail address, an optional job title and
the preferred interface language — nothing else.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.enums import Role
from matchmaker.extensions import db
from matchmaker.models.base import created_at_column, enum_column

if TYPE_CHECKING:
    from matchmaker.models.companies import Company


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "(role = 'organizer') OR (company_id IS NOT NULL)", name="representative_has_company"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(120))
    job_title: Mapped[str | None] = mapped_column(String(120))
    locale: Mapped[str] = mapped_column(String(10), default="en")
    role: Mapped[Role] = enum_column(Role, default=Role.REPRESENTATIVE)
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    active: Mapped[bool] = mapped_column(default=True)
    # False only for a self-registered account whose owner has not opened the confirmation
    # link yet (it cannot log in); accounts that organizers or colleagues create are confirmed
    # by the link that sets their password.
    email_confirmed: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = created_at_column()
    last_login_at: Mapped[datetime | None]

    company: Mapped[Company | None] = relationship(back_populates="representatives")

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    @property
    def is_organizer(self) -> bool:
        return self.role == Role.ORGANIZER

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role.value}>"


class UserSession(db.Model):
    """One logged-in browser. The cookie carries a random token; only its SHA-256 digest is
    stored, so a copy of the database opens no session. Deleting the row ends the session: log
    out ends one, a password change or reset, deactivation or "log out everywhere" all of a
    user's (``matchmaker/accounts/sessions.py``)."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = created_at_column()
