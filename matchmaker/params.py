"""Parsing at the edge: the one home for turning URL parts and query parameters into numbers.

Ids are stored in 32-bit integer columns on PostgreSQL (SQLite's are 64-bit): a number beyond
``MAX_ID`` can name no row, so the ``<id:…>`` URL converter answers 404 for it before any query
runs, and :func:`parse_id` refuses it. Only ASCII digits count as digits: ``str.isdigit`` accepts
"²" and "٣", which ``int`` then refuses or reads as another number.
"""

from __future__ import annotations

import re

from flask import request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.routing import BaseConverter, ValidationError

MAX_ID = 2**31 - 1  # PostgreSQL ``integer``; the smallest id range of the supported databases
MAX_PAGE = 100_000  # no list of this app has more pages
_ASCII_NUMBER = re.compile(r"[0-9]{1,10}")


def parse_id(value: object, *, minimum: int = 1) -> int | None:
    """``value`` as an integer between ``minimum`` and ``MAX_ID``, else None (never raises)."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _ASCII_NUMBER.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if minimum <= number <= MAX_ID else None


def page_arg(name: str = "page") -> int:
    """The page number of a paged list from the query string (1 when absent); 400 otherwise."""
    number = parse_id(request.args.get(name, "1"))
    if number is None or number > MAX_PAGE:
        raise BadRequest(_("The page number must be a positive whole number."))
    return number


class IdConverter(BaseConverter):
    """``<id:name>``: a positive row id of at most ``MAX_ID``; anything else is a 404."""

    regex = r"[0-9]{1,10}"
    part_isolating = True

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValidationError()
        return number

    def to_url(self, value: object) -> str:
        return str(int(value))  # type: ignore[call-overload]


# C0 control characters and DEL, except tab, line feed and carriage return (text areas), and
# the C1 controls: invisible, break exports (XLSX refuses them), calendars and PostgreSQL (NUL).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(text: str) -> bool:
    return _CONTROL_CHARACTERS.search(text) is not None


def strip_control_characters(text: str) -> str:
    """``text`` without the characters :func:`has_control_characters` finds (for text stored
    before this check existed, or coming from imports)."""
    return _CONTROL_CHARACTERS.sub("", text)


def refuse_control_characters() -> None:
    """``before_request``: a query parameter or form field holding a control character (NUL
    included) is refused with a 400 and a message, before any view or database sees it."""
    sources = [request.args] + ([request.form] if request.method == "POST" else [])
    for values in sources:
        for name, value in values.items(multi=True):
            if has_control_characters(name) or has_control_characters(value):
                raise BadRequest(
                    _(
                        "The text you sent contains invisible control characters; remove "
                        "them and try again."
                    )
                )
