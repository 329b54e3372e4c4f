"""Helpers shared by the feature packages' views (refusals are answered by
``matchmaker.lifecycle``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, request
from flask_babel import gettext as _

from matchmaker.models import Event


def enum_arg(enum_cls, name: str):
    """An optional enum from the query string; 400 for a value that is not a member."""
    value = request.args.get(name, "")
    if not value:
        return None
    try:
        return enum_cls(value)
    except ValueError:
        abort(400, description=_("Unknown filter value: %(value)s", value=value[:40]))


def of_event_or_404(obj, event: Event):
    """``obj`` if it exists and belongs to ``event``: ids in URLs are not trusted."""
    if obj is None or obj.event_id != event.id:
        abort(404)
    return obj


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a local path (followed after log-in or a language switch), else None:
    no open redirect."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or "\\" in target:
        return None
    if target.startswith("//"):
        return None
    return target
