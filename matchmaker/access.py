"""Who may do what: the access rules of the whole app, in one place.

Three kinds of actor:

* **organizers** (``Role.ORGANIZER``) run editions: every organizer page and action;
* **representatives** of a company (``Role.REPRESENTATIVE``, ``User.company_id``) act for their
  own company only: its profile, colleagues, participations, requests, meetings and reports.
  Another company's objects answer 404, as if they did not exist;
* **staff on the day** check companies in, mark meeting statuses and rebook at the venue. Today
  the organizers are the staff; ``is_staff`` is the one place to widen that.

Organizers may also act for any company (support), so "acts for company X" is "an organizer or
a representative of X". An organizer "acting as" a representative (``organizer/``) is logged in
as that representative and is checked as one.

Views use the decorators (``organizer_required``, ``staff_required``; ``login_required`` from
Flask-Login for everyone logged in); services check again with the ``require_*`` functions,
which raise ``Forbidden`` (403) or ``NotFound`` (404) and return what they checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import Forbidden, NotFound

from matchmaker.models import Company, User

F = TypeVar("F", bound=Callable[..., Any])


# --- predicates ----------------------------------------------------------------------------------


def is_organizer(actor: User | None) -> bool:
    return bool(
        actor is not None and getattr(actor, "is_authenticated", False) and actor.is_organizer
    )


def is_staff(actor: User | None) -> bool:
    """Staff on the day (check-in desk, floor, rebooking): the organizers."""
    return is_organizer(actor)


def represents(actor: User | None, company_id: int | None) -> bool:
    """A representative of company ``company_id`` (organizers represent no company)."""
    return (
        actor is not None
        and company_id is not None
        and not actor.is_organizer
        and actor.company_id == company_id
    )


def acts_for(actor: User | None, company_id: int | None) -> bool:
    """An organizer, or a representative of ``company_id``."""
    return is_organizer(actor) or represents(actor, company_id)


def acts_for_any(actor: User | None, company_ids: Iterable[int | None]) -> bool:
    """An organizer, or a representative of one of ``company_ids`` (e.g. the two of a meeting)."""
    return is_organizer(actor) or any(represents(actor, c) for c in company_ids)


# --- checks for services -------------------------------------------------------------------------


def require_organizer(actor: User | None) -> User:
    """403 unless ``actor`` is an organizer."""
    if not is_organizer(actor):
        raise Forbidden(_("This page is for the organizers."))
    assert actor is not None
    return actor


def require_staff(actor: User | None) -> User:
    """403 unless ``actor`` is staff on the day."""
    if not is_staff(actor):
        raise Forbidden(_("This page is for the organizers."))
    assert actor is not None
    return actor


def require_representative(actor: User) -> Company:
    """403 unless ``actor`` represents a company; returns that company."""
    if actor.is_organizer or actor.company is None:
        raise Forbidden(_("Only company representatives can do this."))
    return actor.company


def require_acts_for(actor: User, company_id: int | None) -> None:
    """404 unless ``actor`` is an organizer or a representative of ``company_id``: another
    company's objects do not exist for a representative."""
    if not acts_for(actor, company_id):
        raise NotFound()


def require_acts_for_any(actor: User, company_ids: Iterable[int | None]) -> None:
    """404 unless ``actor`` is an organizer or a representative of one of ``company_ids``."""
    if not acts_for_any(actor, company_ids):
        raise NotFound()


# --- decorators for views ------------------------------------------------------------------------


def organizer_required(view: F) -> F:
    """Log-in first, then 403 for anyone who is not an organizer (the service checks again)."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        require_organizer(current_user)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def staff_required(view: F) -> F:
    """Log-in first, then 403 for anyone who is not staff on the day."""

    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        require_staff(current_user)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
