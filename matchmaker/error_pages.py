"""Error answers: the error page for browsers, ``{"error": {…}}`` for JSON clients."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError, OperationalError

from matchmaker.database import is_lost_race
from matchmaker.extensions import db

ERROR_TITLES = {
    400: _l("Bad request"),
    403: _l("Forbidden"),
    404: _l("Not found"),
    405: _l("Method not allowed"),
    409: _l("Conflict"),
    413: _l("Request too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
}

# What a user reads when the database refused a write because another request changed the same
# rows at the same moment (a unique constraint, a deadlock, a busy SQLite).
LOST_RACE_MESSAGE = _l(
    "Someone else changed the same data at the same moment. Reload the page to "
    "see the current state, then try again if still needed."
)


def wants_json() -> bool:
    """Whether the answer to this request is JSON (the API, or a client asking for JSON)."""
    if request.path.startswith("/api/") or request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def error_json(message: str, status_code: int, field: str | None = None) -> tuple[Response, int]:
    return jsonify(error={"message": message, "field": field}), status_code


def render_error_page(code: int, description: str | None = None):
    """The answer for an error ``code``: JSON for JSON clients, else the error page."""
    title = ERROR_TITLES.get(code, ERROR_TITLES[400])
    if wants_json():
        return error_json(str(description or title), code)
    return (
        render_template("errors/error.html", code=code, title=title, description=description),
        code,
    )


def init_app(app: Flask) -> None:
    def render_error(error):
        code = getattr(error, "code", 500) or 500
        description = getattr(error, "description", None)
        if code == 500:
            db.session.rollback()
            description = None
        elif code == 429:  # the limiter's own text names its internal limit
            description = _l("Too many attempts in a short time. Wait a little, then try again.")
        elif code == 413:
            description = _l(
                "What you sent is larger than this site accepts. Send less, or smaller files."
            )
        return render_error_page(code, description)

    def lost_race(error):
        """The database refused this request's write inside the view (see LOST_RACE_MESSAGE):
        a 409, never a 500. A refused commit at the end is answered by ``lifecycle``."""
        db.session.rollback()
        if isinstance(error, OperationalError) and not is_lost_race(error):
            raise error
        return render_error_page(409, LOST_RACE_MESSAGE)

    for code in ERROR_TITLES:
        app.register_error_handler(code, render_error)
    app.register_error_handler(CSRFError, render_error)
    app.register_error_handler(IntegrityError, lost_race)
    app.register_error_handler(OperationalError, lost_race)
