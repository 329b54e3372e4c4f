"""Error answers: the error page for browsers, ``{"error": {…}}`` for JSON clients."""

from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from matchmaker.extensions import db

ERROR_TITLES = {
    400: _l("Bad request"),
    403: _l("Forbidden"),
    404: _l("Not found"),
    405: _l("Method not allowed"),
    409: _l("Conflict"),
    413: _l("Request too large"),
    500: _l("Something went wrong"),
}


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
        return render_error_page(code, description)

    for code in ERROR_TITLES:
        app.register_error_handler(code, render_error)
    app.register_error_handler(CSRFError, render_error)
