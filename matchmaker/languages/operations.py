"""Storing a user's interface language."""

from __future__ import annotations

from flask_babel import gettext as _

from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import User


def set_interface_language(actor: User, locale: str, supported: tuple[str, ...]) -> User:
    """Remember ``locale`` on the actor's account (pages and e-mails follow it)."""
    if locale not in supported:
        raise RuleViolation(_("This language is not available."), field="locale")
    actor.locale = locale
    db.session.flush()
    return actor
