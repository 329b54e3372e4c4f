"""Who calls the API: a personal token (``Authorization: Bearer smk_…``) or the browser session.

A request that presents a token is that token's user and nobody else, whatever cookie it also
carries; it is exempt from CSRF (a cross-site page cannot send the header). A request without a
token is the session's user, and its writes need the CSRF token like any form. An unknown or
revoked token is a 401, never a fallback to the session.
"""

from __future__ import annotations

from flask import g, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_smorest import abort

from matchmaker.extensions import csrf
from matchmaker.models import User
from matchmaker.personal_tokens import user_for_api_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_CALLER = "api_caller"


def authenticate_api_request() -> None:
    """``before_request`` of the API blueprint: find the caller, enforce CSRF for sessions."""
    g.pop(_CALLER, None)  # g lives as long as the app context, which a test may share
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _sep, secret = header.partition(" ")
        user = user_for_api_token(secret.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            abort(401, message=_("This API token is unknown or revoked."))
        setattr(g, _CALLER, user)
        return
    if request.method not in SAFE_METHODS:
        csrf.protect()
    if current_user.is_authenticated:
        setattr(g, _CALLER, current_user._get_current_object())


def caller() -> User:
    """The authenticated caller; 401 for anonymous requests."""
    user = g.get(_CALLER)
    if user is None:
        abort(401, message=_("Log in or send a personal API token."))
    return user
