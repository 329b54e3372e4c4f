"""Signed check-in tokens printed as a QR code on each company's agenda.

The token carries the edition and the company, signed with the app's secret key: ids cannot be
guessed or altered (a tampered token is simply not found).
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

SALT = "matchmaker.check-in"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def check_in_token(event_id: int, company_id: int) -> str:
    return _serializer().dumps([event_id, company_id])


def read_check_in_token(token: str) -> tuple[int, int] | None:
    """(event id, company id), or None for a token that was not signed by us."""
    try:
        value = _serializer().loads(token)
    except BadSignature:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return None
    return value[0], value[1]


def check_in_url(event_id: int, company_id: int) -> str:
    """The absolute check-in link (works outside requests: PDFs built anywhere)."""
    from matchmaker.mail import absolute_url

    return absolute_url("eventday.scan", token=check_in_token(event_id, company_id))
