"""Responses shared by the feature packages' views."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template

from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import Event


def form_refused(error: RuleViolation, form, template: str, **context):
    """Re-render a form whose action a business rule refused: nothing is written (rollback),
    the message goes on the field the rule names (or is flashed), with the rule's 4xx status."""
    db.session.rollback()
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")
    return render_template(template, form=form, **context), error.status_code


def redirect_refused(error: RuleViolation, target: str):
    """Go back to ``target`` with the rule's message, having written nothing (rollback)."""
    db.session.rollback()
    flash(error.message, "error")
    return redirect(target)


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
