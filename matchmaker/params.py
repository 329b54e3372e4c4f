"""Parsing at the edge: the one home for turning URL parts and query parameters into numbers.

Ids are stored in 32-bit integer columns on PostgreSQL (SQLite's are 64-bit): a number beyond
``MAX_ID`` can name no row, so the ``<id:…>`` URL converter answers 404 for it before any query
runs, and :func:`parse_id` refuses it. Only ASCII digits count as digits: ``str.isdigit`` accepts
"²" and "٣", which ``int`` then refuses or reads as another number.
"""

from __future__ import annotations

import re

from werkzeug.routing import BaseConverter, ValidationError

MAX_ID = 2**31 - 1  # PostgreSQL ``integer``; the smallest id range of the supported databases
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
