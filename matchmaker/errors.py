"""Errors raised by services (``operations.py``) when a business rule refuses an action.

Views turn a ``RuleViolation`` into a clear message — on the form field it names, if any — and a
4xx response; unknown or foreign objects are werkzeug's ``NotFound`` (404) and missing rights
``Forbidden`` (403), raised directly by the services.
"""

from __future__ import annotations


class RuleViolation(Exception):
    """A business rule refused the action. ``message`` is user-visible (already translated)."""

    status_code = 409

    def __init__(self, message: str, field: str | None = None, status_code: int | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
        if status_code is not None:
            self.status_code = status_code
