"""Wires extensions, blueprints, error pages and request hooks onto the app."""

from __future__ import annotations

import os

from flask import Flask, current_app, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from matchmaker import (
    caching,
    database,  # also registers the SQLite connection settings
    error_pages,
    lifecycle,
    security,
)
from matchmaker.accounts import sessions, throttling
from matchmaker.accounts.views import ACTING_ORGANIZER_KEY, accounts, auth
from matchmaker.agendas.feed_views import calendar_feed
from matchmaker.agendas.views import agendas
from matchmaker.api.token_views import api_tokens
from matchmaker.api.views import api_v1
from matchmaker.catalogue.views import bp as catalogue_bp
from matchmaker.eventday.views import eventday
from matchmaker.extensions import api, babel, csrf, db, login_manager, migrate
from matchmaker.history.views import history
from matchmaker.home.views import home
from matchmaker.imports.views import imports
from matchmaker.languages import formatting
from matchmaker.languages.names import language_choices
from matchmaker.languages.selection import html_lang, select_locale
from matchmaker.languages.views import languages
from matchmaker.matching.views import matching
from matchmaker.meeting_requests.views import bp as meeting_requests_bp
from matchmaker.models import User
from matchmaker.notifications import delivery  # noqa: F401 — registers the after-commit hook
from matchmaker.notifications.views import notifications
from matchmaker.organizer.views import organizer
from matchmaker.outcomes.views import outcomes
from matchmaker.params import IdConverter, parse_id, refuse_control_characters
from matchmaker.reference import language_name
from matchmaker.request_messages.views import request_messages
from matchmaker.scheduling.availability_views import availability
from matchmaker.scheduling.views import scheduling
from matchmaker.statistics.views import statistics

MIGRATIONS_DIRECTORY = "migrations"

# Every feature package's blueprint, registered in this order.
BLUEPRINTS: list = [
    home,
    languages,
    auth,
    accounts,
    organizer,
    catalogue_bp,
    meeting_requests_bp,
    matching,
    scheduling,
    availability,
    agendas,
    eventday,
    outcomes,
    statistics,
    notifications,
    api_tokens,
    calendar_feed,
    request_messages,
    imports,
    history,
]


def init_app(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=os.path.join(app.root_path, MIGRATIONS_DIRECTORY),
        render_as_batch=True,  # SQLite cannot ALTER constraints: rebuild tables in batches
        compare_type=True,
    )
    app.url_map.converters["id"] = IdConverter  # before the blueprints: their rules use it
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    formatting.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.user_loader(_load_user)
    caching.init_app(app)
    app.context_processor(_template_helpers)
    app.add_template_filter(language_name, "language_name")
    _register_blueprints(app)
    api.init_app(app)
    api.register_blueprint(api_v1)
    api.spec.components.security_scheme(
        "personalToken", {"type": "http", "scheme": "bearer", "description": "smk_… token"}
    )
    error_pages.init_app(app)
    lifecycle.init_app(app)
    security.init_app(app)
    app.before_request(refuse_control_characters)
    app.teardown_request(database.release_write_lock)
    throttling.init_app(app)


def _load_user(user_id: str) -> User | None:
    """The cookie's user, only while its server-side session is open (see accounts/sessions):
    the session's owner is the user, or the organizer acting as them."""
    uid = parse_id(user_id)
    if uid is None:
        return None
    return sessions.session_user(
        session.get(sessions.SESSION_TOKEN_KEY),
        uid,
        session.get(ACTING_ORGANIZER_KEY),
        current_app.permanent_session_lifetime,
    )


def has_endpoint(name: str) -> bool:
    """Whether ``url_for(name)`` can build a link (features may be absent)."""
    return name in current_app.view_functions


def _template_helpers() -> dict:
    locale = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    return {
        "has_endpoint": has_endpoint,
        "get_locale": get_locale,
        "current_locale": locale,
        "html_lang": html_lang(locale),
        "interface_languages": language_choices(current_app.config["LANGUAGES"]),
    }


def _register_blueprints(app: Flask) -> None:
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
