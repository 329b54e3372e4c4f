"""Writing for someone else: an e-mail in its recipient's language, a PDF in its company's.

Whoever triggers the message (an organizer in French, a background job in no language at all),
the text is rendered inside ``in_language_of(recipient)``: gettext and the formatting helpers
then use the recipient's locale (``flask_babel.force_locale``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from flask import current_app
from flask_babel import force_locale

from matchmaker.languages.selection import normalize_locale
from matchmaker.models import Company, User


def locale_of(user: User | None) -> str:
    """The interface language of ``user`` (their account setting), the default if unknown."""
    supported = tuple(current_app.config["LANGUAGES"])
    found = normalize_locale(user.locale if user is not None else None, supported)
    return found or current_app.config["BABEL_DEFAULT_LOCALE"]


def locale_of_company(company: Company, representatives: Iterable[User] | None = None) -> str:
    """The language a company reads: the one most of its active representatives chose (the
    first-registered breaks ties), the default when it has none."""
    users = [
        user
        for user in (representatives if representatives is not None else company.representatives)
        if user.active
    ]
    if not users:
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    locales = [locale_of(user) for user in sorted(users, key=lambda user: user.id)]
    return max(dict.fromkeys(locales), key=locales.count)


@contextmanager
def in_language_of(user: User | None) -> Iterator[str]:
    """Render text for ``user`` (yields the locale used)."""
    locale = locale_of(user)
    with force_locale(locale):
        yield locale


@contextmanager
def in_language_of_company(company: Company) -> Iterator[str]:
    """Render text for a company as a whole (its PDF agenda, its table sheet)."""
    locale = locale_of_company(company)
    with force_locale(locale):
        yield locale


@contextmanager
def in_language_of_document(company: Company, reader: User) -> Iterator[str]:
    """A company's own document (its PDF agenda): a representative of the company reads it in
    their own language; anyone else (an organizer printing it for the company) gets it in the
    company's language."""
    if reader is not None and getattr(reader, "company_id", None) == company.id:
        locale = locale_of(reader)
    else:
        locale = locale_of_company(company)
    with force_locale(locale):
        yield locale
