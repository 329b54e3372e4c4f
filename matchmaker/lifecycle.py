"""One life cycle for every request: when it commits, and how a refusal is answered.

In the spirit of Indico's request handler (``indico/web/rh.py``):

* **One commit per request.** A state-changing request (POST, PUT, PATCH, DELETE) commits once,
  after the view returned a response with a status below 400; anything else rolls back: an
  exception, a refusal, or a 4xx/5xx answer. Views never call ``db.session.commit()``; services
  flush. A view that must commit by itself (a streamed response, a long import committing in
  batches) says so with ``@commits_itself`` and then owns its transaction.
* **Reads never write.** GET, HEAD and OPTIONS never commit. A read that flushed or left changes
  in the session is a bug: it fails loudly under ``TESTING`` (so the suite finds it) and is
  logged and rolled back in production.
* **One answer to a ``RuleViolation``**, whoever raised it (see ``_answer_refusal``):

  0. the view's own answer, when it asked for one with ``answer_on_refusal(answer)``;
  1. JSON ``{"error": {"message": …, "field": …}}`` for paths under ``/api/`` and requests that
     send or prefer JSON;
  2. the form re-rendered with the message on its field, when the view asked for it with
     ``render_on_refusal(template, form=form, …)`` before calling the service;
  3. for a form post: the message flashed and a redirect to the view's
     ``redirect_on_refusal(url)``, else back to the page the form was on (a same-site referrer);
  4. otherwise the error page with the rule's 4xx status and its message.

  Every answer comes after a rollback, with the rule's status code (3. is a redirect).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response, current_app, flash, redirect, render_template, request, session
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from matchmaker.database import is_lost_race
from matchmaker.error_pages import LOST_RACE_MESSAGE, error_json, render_error_page, wants_json
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db

logger = logging.getLogger("matchmaker.lifecycle")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Per-request state lives in the WSGI environ: unlike ``g`` it never outlives the request
# (tests share one application context between requests).
_REFUSAL_PAGE = "matchmaker.refusal_page"
_REFUSAL_ANSWER = "matchmaker.refusal_answer"
_REFUSAL_REDIRECT = "matchmaker.refusal_redirect"
_ROLLED_BACK = "matchmaker.rolled_back"
_FLUSHES_AT_START = "matchmaker.flushes_at_start"
_FLUSH_COUNT = "matchmaker.flush_count"  # in Session.info

F = TypeVar("F", bound=Callable[..., Any])


class ReadRequestWrote(RuntimeError):
    """A GET (HEAD, OPTIONS) request flushed or left changes in the database session."""


# --- what views use ------------------------------------------------------------------------------


def render_on_refusal(template: str, *, errors_on: Any = None, **context: Any) -> None:
    """If a ``RuleViolation`` ends this request, re-render ``template`` with ``context``.

    The message goes on the field the rule names, looked up on ``errors_on`` (default:
    ``context["form"]``), or is flashed when the form has no such field. Call it before the
    service; the status is the rule's.
    """
    form = errors_on if errors_on is not None else context.get("form")
    request.environ[_REFUSAL_PAGE] = (template, form, context)


def answer_on_refusal(answer: Callable[[RuleViolation], Any]) -> None:
    """If a ``RuleViolation`` ends this request, answer with ``answer(error)`` (after the
    rollback): for a client with its own format, such as the schedule editor's script."""
    request.environ[_REFUSAL_ANSWER] = answer


def redirect_on_refusal(url: str) -> None:
    """Where a refused form post goes back to when the request has no same-site referrer."""
    request.environ[_REFUSAL_REDIRECT] = url


def commits_itself(view: F) -> F:
    """Opt a view out of the commit at the end of the request: it commits (or not) itself.

    Only for views that cannot work otherwise, e.g. a streamed response that outlives the view.
    """
    view.commits_itself = True  # type: ignore[attr-defined]
    return view


def safe_referrer() -> str | None:
    """The page the request came from when it is on this site (path and query only), else
    ``None``: a refused post is never sent to another site."""
    referrer = request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    own = urlsplit(request.host_url)
    if (parts.scheme, parts.netloc) != (own.scheme, own.netloc) or not parts.path.startswith("/"):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


# --- wiring --------------------------------------------------------------------------------------


def init_app(app: Flask) -> None:
    app.before_request(_remember_flush_count)
    app.after_request(_end_transaction)
    app.register_error_handler(RuleViolation, _answer_refusal)


@event.listens_for(Session, "after_flush")
def _count_flush(flushed: Session, _context) -> None:
    flushed.info[_FLUSH_COUNT] = flushed.info.get(_FLUSH_COUNT, 0) + 1


def _flush_count() -> int:
    return db.session.info.get(_FLUSH_COUNT, 0)


def _remember_flush_count() -> None:
    request.environ[_FLUSHES_AT_START] = _flush_count()


def _rollback() -> None:
    db.session.rollback()
    request.environ[_ROLLED_BACK] = True


def _view_commits_itself() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "commits_itself", False))


def _end_transaction(response: Response) -> Response:
    if _view_commits_itself():
        return response
    if request.method in SAFE_METHODS:
        _check_read_wrote_nothing()
        return response
    if request.environ.get(_ROLLED_BACK) or response.status_code >= 400:
        db.session.rollback()
        return response
    try:
        db.session.commit()
    except (IntegrityError, OperationalError) as error:
        # The database refused the write: another request won a race the services' checks could
        # not see (a constraint, a deadlock, a busy SQLite). Nothing is written; the user is told
        # to try again. Any other database error stays an error.
        db.session.rollback()
        if not is_lost_race(error):
            raise
        logger.warning("commit refused by a concurrent change on %s", request.path, exc_info=True)
        session.pop("_flashes", None)  # the view's success message would be untrue
        refusal = RuleViolation(str(LOST_RACE_MESSAGE), status_code=409)
        return current_app.make_response(_answer_refusal(refusal))
    return response


def _check_read_wrote_nothing() -> None:
    started = request.environ.get(_FLUSHES_AT_START, _flush_count())
    pending = db.session.new or db.session.dirty or db.session.deleted
    if _flush_count() == started and not pending:
        return
    db.session.rollback()
    message = f"{request.method} {request.path} wrote to the database; reads never write."
    if current_app.testing:
        raise ReadRequestWrote(message)
    logger.error(message)


def _answer_refusal(error: RuleViolation):
    """Turn a refusal into the answer this request expects (see the module docstring)."""
    _rollback()
    answer = request.environ.get(_REFUSAL_ANSWER)
    if answer is not None:
        return answer(error)
    if wants_json():
        return error_json(error.message, error.status_code, error.field)
    page = request.environ.get(_REFUSAL_PAGE)
    if page is not None:
        template, form, context = page
        field = getattr(form, error.field, None) if (form is not None and error.field) else None
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, error.message]
        else:
            flash(error.message, "error")
        return render_template(template, **context), error.status_code
    if request.method not in SAFE_METHODS:
        target = request.environ.get(_REFUSAL_REDIRECT) or safe_referrer()
        if target:
            flash(error.message, "error")
            return redirect(target)
    return render_error_page(error.status_code, error.message)
