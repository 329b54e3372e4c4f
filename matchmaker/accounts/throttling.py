"""Throttling of log-in, password reset and registration (Flask-Limiter).

Each is limited per client address and, where an e-mail address is typed, per account, so a
password-guessing run against one account from many addresses is slowed as much as one from a
single address against many accounts. Over a limit the answer is 429 with ``Retry-After``.
Counters live in Redis when ``REDIS_URL`` is set (shared by every worker and machine), in
memory otherwise (``RATELIMIT_STORAGE_URI`` overrides both). Behind a reverse proxy, set up
werkzeug's ``ProxyFix`` so the client address is the real one.
"""

from __future__ import annotations

from flask import Flask, request
from flask_login import current_user

from matchmaker.extensions import limiter

LOGIN_PER_ADDRESS = "30 per minute; 300 per hour"
LOGIN_PER_ACCOUNT = "5 per minute; 30 per hour"
RESET_PER_ADDRESS = "10 per minute; 50 per hour"
RESET_PER_ACCOUNT = "3 per 15 minutes; 10 per day"
REGISTER_PER_ADDRESS = "5 per minute; 30 per hour"
REGISTER_PER_ACCOUNT = "5 per hour"
# Asking for a new confirmation link needs the token of a log-in with the right password.
RESEND_PER_ADDRESS = "5 per minute; 20 per hour"
# "Add a colleague" says when an address has an account: slow anyone probing with it.
COLLEAGUE_PER_USER = "10 per hour; 30 per day"


def init_app(app: Flask) -> None:
    # Explicit: the limiter object is shared, and Flask-Limiter otherwise keeps the previous
    # app's setting.
    app.config.setdefault("RATELIMIT_ENABLED", True)
    if not app.config.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = app.config.get("REDIS_URL") or "memory://"
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "matchmaker")
    limiter.init_app(app)


def _typed_account() -> str:
    """The account a form names (its e-mail address, normalised); one bucket per address."""
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def throttled(per_address: str, per_account: str):
    """Both limits on the POSTs of a view (showing the form is never limited)."""

    def decorate(view):
        view = limiter.limit(per_account, key_func=_typed_account, methods=["POST"])(view)
        return limiter.limit(per_address, methods=["POST"])(view)

    return decorate


def _logged_in_user() -> str:
    return f"user:{current_user.get_id() or request.remote_addr}"


def throttled_per_user(limits: str):
    """``limits`` on the POSTs of a view, per logged-in user."""
    return limiter.limit(limits, key_func=_logged_in_user, methods=["POST"])
