"""Which interface language a request is answered in.

In order: the logged-in user's account setting, then the choice an anonymous visitor made with
the switcher (kept in the session), then the browser's ``Accept-Language``, then English. Tags
are matched loosely: ``zh``, ``zh-CN``, ``zh-Hans``, ``zh_Hans_CN`` all mean ``zh_Hans``;
``fr-BE`` means ``fr``; a Chinese script we have no catalogue for still gets Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from flask import current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user

# Session key of an anonymous visitor's choice.
SESSION_KEY = "locale"


def supported_locales() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


@cache
def _parse(code: str) -> Locale:
    return Locale.parse(code)


def _script_of(locale: Locale) -> str | None:
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags").get(locale.language)
    return _parse(likely).script if likely else None


def normalize_locale(tag: str | None, supported: Sequence[str]) -> str | None:
    """The supported locale code ``tag`` (a BCP 47 or POSIX tag, any case) asks for, or None."""
    if not tag or tag == "*":
        return None
    try:
        wanted = Locale.parse(tag.strip().replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    same_language = [code for code in supported if _parse(code).language == wanted.language]
    if not same_language:
        return None
    script = _script_of(wanted)
    for code in same_language:
        if _script_of(_parse(code)) == script:
            return code
    return same_language[0]


def html_lang(code: str) -> str:
    """The ``lang`` attribute for a locale code: BCP 47 (``zh_Hans`` → ``zh-Hans``)."""
    return str(code).replace("_", "-")


def negotiated_locale() -> str | None:
    """The Accept-Language preference we can serve, best first; None if none."""
    supported = supported_locales()
    for tag, _quality in request.accept_languages:
        found = normalize_locale(tag, supported)
        if found:
            return found
    return None


def current_locale_code() -> str:
    """The code of the locale the current text is written in ("zh_Hans", "fr", "en")."""
    locale = get_locale()
    return str(locale) if locale is not None else current_app.config["BABEL_DEFAULT_LOCALE"]


def select_locale() -> str | None:
    """Flask-Babel's locale selector (None: ``BABEL_DEFAULT_LOCALE``)."""
    if not has_request_context():  # CLI commands, background jobs: force_locale or the default
        return None
    supported = supported_locales()
    if current_user and current_user.is_authenticated:
        found = normalize_locale(current_user.locale, supported)
        if found:
            return found
    return normalize_locale(session.get(SESSION_KEY), supported) or negotiated_locale()
