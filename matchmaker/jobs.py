"""Background jobs: in the app process by default, through RQ on Redis when ``REDIS_URL`` is set.

Jobs take ids, not objects, and run inside an application context: the in-process runner pushes
one per job; ``flask --app matchmaker worker`` pushes one for the RQ worker. Job *state* is never
kept here: each job records its own progress in the database, so every page and every organizer
sees the same thing whichever runner executed it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from flask import Flask, current_app
from redis import Redis
from rq import Queue, SimpleWorker
from sqlalchemy import event
from sqlalchemy.orm import Session

from matchmaker.extensions import db

log = logging.getLogger(__name__)

QUEUE_NAME = "matchmaker"
EXTENSION_KEY = "matchmaker.jobs"
_PENDING_KEY = "matchmaker.pending_jobs"


class InProcessRunner:
    """A small thread pool inside the web process; created on first use, not at start-up."""

    def __init__(self, app: Flask, max_workers: int = 2) -> None:
        self._app = app
        self._executor = ThreadPoolExecutor(max_workers, thread_name_prefix="matchmaker-job")

    def enqueue(self, func: Callable[..., Any], *args: Any, timeout: int) -> Future:
        del timeout  # threads cannot be killed; jobs watch their own time limit
        return self._executor.submit(self._run, func, *args)

    def shutdown(self) -> None:
        """Wait for the jobs in hand to end (tests call this before dropping their tables)."""
        self._executor.shutdown(wait=True)

    def _run(self, func: Callable[..., Any], *args: Any) -> Any:
        with self._app.app_context():
            try:
                return func(*args)
            except Exception:
                log.exception("job %s%r failed", func.__name__, args)
                raise


class RQRunner:
    """Hands jobs to RQ workers (``flask --app matchmaker worker``) through Redis."""

    def __init__(self, redis_url: str) -> None:
        self.connection = Redis.from_url(redis_url)
        self.queue = Queue(QUEUE_NAME, connection=self.connection)

    def enqueue(self, func: Callable[..., Any], *args: Any, timeout: int):
        return self.queue.enqueue(func, *args, job_timeout=timeout)


def runner(app: Flask | None = None) -> InProcessRunner | RQRunner:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    if EXTENSION_KEY not in app.extensions:
        redis_url = app.config.get("REDIS_URL")
        app.extensions[EXTENSION_KEY] = RQRunner(redis_url) if redis_url else InProcessRunner(app)
    return app.extensions[EXTENSION_KEY]


def enqueue(func: Callable[..., Any], *args: Any, timeout: int = 3600):
    """Run ``func(*args)`` in the background; returns a Future (in-process) or an RQ job."""
    return runner().enqueue(func, *args, timeout=timeout)


def enqueue_after_commit(func: Callable[..., Any], *args: Any, timeout: int = 3600) -> None:
    """Run ``func(*args)`` in the background once the current transaction commits (the job
    reads what the request wrote); a rolled-back request starts nothing."""
    session = db.session
    session.connection()  # begin the transaction now, so that its end is observed
    session.info.setdefault(_PENDING_KEY, []).append((func, args, timeout))


@event.listens_for(Session, "after_commit")
def _enqueue_pending(session: Session) -> None:
    for func, args, timeout in session.info.pop(_PENDING_KEY, []):
        enqueue(func, *args, timeout=timeout)


@event.listens_for(Session, "after_transaction_end")
def _drop_pending(session: Session, transaction) -> None:
    """A transaction that ended without a commit takes its jobs with it."""
    if transaction.parent is None:
        session.info.pop(_PENDING_KEY, None)


def run_worker(app: Flask, *, burst: bool = False) -> None:
    """Process RQ jobs in this process (no fork: the app context and its engine stay valid)."""
    redis_url = app.config.get("REDIS_URL")
    if not redis_url:
        raise RuntimeError("Set MATCHMAKER_REDIS_URL to use a separate worker.")
    job_runner = RQRunner(redis_url)
    with app.app_context():
        SimpleWorker([job_runner.queue], connection=job_runner.connection).work(burst=burst)
