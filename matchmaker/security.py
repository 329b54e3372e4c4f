"""HTTP security settings: response headers, the session cookie's flags, request size.

* ``Content-Security-Policy``: scripts, styles, images and fonts only from the app itself, no
  inline script or style (templates load ``static/js/*.js`` and ``static/css``), no framing, no
  plug-ins, forms post only here. ``tests/matchmaker/test_security_headers.py`` checks every
  page and that no template carries an inline script, style or event handler.
* ``Strict-Transport-Security`` when the app is served over https (``BASE_URL``), as is the
  session cookie's ``Secure`` flag (``SESSION_COOKIE_SECURE`` = None follows ``BASE_URL``).
* ``MAX_CONTENT_LENGTH``: a larger body is refused with 413 before it is read or parsed.
"""

from __future__ import annotations

from flask import Flask, current_app

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HSTS = "max-age=31536000; includeSubDomains"


def init_app(app: Flask) -> None:
    if app.config.get("SESSION_COOKIE_SECURE") is None:
        app.config["SESSION_COOKIE_SECURE"] = serves_https(app)
    app.after_request(_security_headers)


def serves_https(app: Flask) -> bool:
    return str(app.config.get("BASE_URL", "")).lower().startswith("https://")


def _security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if serves_https(current_app):
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response
