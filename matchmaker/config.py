"""Configuration. Precedence: defaults here < instance/config.py < MATCHMAKER_* environment
variables < the mapping passed to ``create_app`` (tests)."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from datetime import timedelta

from matchmaker.languages.catalogues import available_locales

# Where `make run` serves the app (Makefile, target run): links in e-mails and QR codes point
# here while MATCHMAKER_BASE_URL is not set, and the app warns about it at start.
DEV_SERVER_URL = "http://127.0.0.1:5000"

# Environment variables read at start-up, mapped to Flask config keys.
ENVIRONMENT_KEYS = {
    "MATCHMAKER_SECRET_KEY": "SECRET_KEY",
    "MATCHMAKER_DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "MATCHMAKER_REDIS_URL": "REDIS_URL",
    "MATCHMAKER_SMTP_HOST": "SMTP_HOST",
    "MATCHMAKER_SMTP_PORT": "SMTP_PORT",
    "MATCHMAKER_SMTP_USER": "SMTP_USER",
    "MATCHMAKER_SMTP_PASSWORD": "SMTP_PASSWORD",
    "MATCHMAKER_SMTP_SECURITY": "SMTP_SECURITY",
    "MATCHMAKER_MAIL_FROM": "MAIL_FROM",
    "MATCHMAKER_BASE_URL": "BASE_URL",
}


class DefaultConfig:
    SECRET_KEY: str | None = None  # instance/config.py (written by `flask init-config`) or env
    SQLALCHEMY_DATABASE_URI: str | None = None  # None: SQLite file in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL: str | None = None  # None: jobs run in-process
    SMTP_HOST: str | None = None  # None: mail is printed to the console
    SMTP_PORT = 587
    SMTP_USER: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_SECURITY: str | None = None  # "starttls", "tls" or "none"; None: tls on 465, else starttls
    MAIL_RETRY_BASE_S = 60  # first retry after a failed send; doubles each time, up to an hour
    MAIL_MAX_ATTEMPTS = 8  # then the message waits for an organizer (Organizer → Outbox)
    MAIL_CLAIM_S = 300  # a send that has not finished after this long counts as interrupted
    MAIL_FROM = "Salon Matchmaker <no-reply@localhost>"
    BASE_URL: str | None = (
        None  # the public address, e.g. https://match.fair.example; see link_base
    )
    # Interface languages: English plus one per catalogue in matchmaker/translations/.
    LANGUAGES = available_locales()
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    CATALOGUE_PAGE_SIZE = 20
    # The public statistics may lag changes by this much while writes keep coming (see
    # matchmaker/caching.py); publishing shows at once on the timetable.
    CACHE_MAX_STALENESS_S = 10
    # Whole-edition exports of editions with at least this many published meetings are made in
    # the background (``agendas.exports``); smaller ones answer the download at once.
    EXPORTS_IN_BACKGROUND_FROM = 400
    EXPORT_KEPT_HOURS = 24  # a prepared file can be downloaded this long, then it expires
    # Online meetings get one video room each; {event} and {token} are filled in.
    VIDEO_LINK_TEMPLATE = "https://meet.jit.si/salon-matchmaker-{event}-{token}"
    PASSWORD_RESET_MAX_AGE = 3600  # seconds
    INVITATION_MAX_AGE = 7 * 24 * 3600  # seconds: the set-password link of an added colleague
    # The JSON API (flask-smorest): the OpenAPI document at /api/v1/openapi.json, no UI.
    API_TITLE = "Salon Matchmaker API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # None: Secure when BASE_URL is https (production), so a plain-http local run still works.
    SESSION_COOKIE_SECURE: bool | None = None
    # A log-in lasts a fair day and its evening; the server-side session row ends it sooner at
    # log-out, password change or reset, or "log out everywhere".
    PERMANENT_SESSION_LIFETIME = timedelta(hours=14)
    # Bodies above this are refused with 413 unread (the largest legitimate post is a form).
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 500 * 1024
    WTF_CSRF_TIME_LIMIT = None  # token valid for the session: long forms must not expire


def link_base(config: Mapping[str, object]) -> str:
    """The address that links in e-mails and QR codes start with (no trailing slash)."""
    return str(config.get("BASE_URL") or DEV_SERVER_URL).rstrip("/")


def warn_if_links_point_to_localhost(config: Mapping[str, object], logger: logging.Logger) -> None:
    if not config.get("BASE_URL"):
        logger.warning(
            "MATCHMAKER_BASE_URL is not set: links in e-mails and QR codes will point to %s. "
            "Set it to the address people open the app at.",
            DEV_SERVER_URL,
        )


def environment_overrides(environ: os._Environ[str] | dict[str, str]) -> dict[str, object]:
    overrides: dict[str, object] = {}
    for env_name, key in ENVIRONMENT_KEYS.items():
        value = environ.get(env_name)
        if value:
            overrides[key] = int(value) if key == "SMTP_PORT" else value
    return overrides
