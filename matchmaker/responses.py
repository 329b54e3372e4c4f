"""Helpers shared by the feature packages' views (refusals are answered by
``matchmaker.lifecycle``)."""

from __future__ import annotations

from flask import abort

from matchmaker.models import Event


def of_event_or_404(obj, event: Event):
    """``obj`` if it exists and belongs to ``event``: ids in URLs are not trusted."""
    if obj is None or obj.event_id != event.id:
        abort(404)
    return obj
