"""Forms of the agenda pages."""

from __future__ import annotations

from flask_wtf import FlaskForm


class FeedForm(FlaskForm):
    """A bare form: the CSRF token of the calendar-link buttons."""


class ExportForm(FlaskForm):
    """A bare form: the CSRF token of "prepare the file"."""
