"""Background jobs: in the app process by default, through RQ on Redis when ``REDIS_URL`` is set.

Jobs take ids, not objects, and run inside an application context: the in-process runner pushes
one per job; ``flask --app matchmaker worker`` pushes one for the RQ worker. Job *state* is never
kept here: each job records its own progress in the database, so every page and every organizer
sees the same thing whichever runner executed it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for_futures
from datetime import timedelta
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
        self._lock = threading.Lock()
        self._futures: set[Future] = set()
        self._timers: dict[str, threading.Timer] = {}

    def enqueue(self, func: Callable[..., Any], *args: Any, timeout: int) -> Future:
        del timeout  # threads cannot be killed; jobs watch their own time limit
        try:
            future = self._executor.submit(self._run, func, *args)
        except RuntimeError:  # the process is exiting: what the job would do waits for the
            # next start (e.g. undelivered mail stays pending in the outbox)
            log.info("not started, the process is shutting down: %s", func.__name__)
            future = Future()
            future.cancel()
            return future
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)
        return future

    def schedule_once(
        self, key: str, delay_s: float, func: Callable[..., Any], *args: Any, timeout: int
    ) -> None:
        """Run ``func(*args)`` after ``delay_s`` seconds (a timer thread, then the pool), unless
        a job with the same ``key`` is waiting already."""
        with self._lock:
            if key in self._timers:
                return
            timer = threading.Timer(delay_s, self._fire, args=(key, func, args, timeout))
            timer.daemon = True
            self._timers[key] = timer
        timer.start()

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Wait until no job is queued or running (jobs that a job enqueues included); timers
        still waiting are not jobs yet."""
        while True:
            with self._lock:
                pending = set(self._futures)
            if not pending:
                return
            wait_for_futures(pending, timeout=timeout)

    def shutdown(self) -> None:
        """Cancel waiting timers and wait for the jobs in hand to end (tests call this before
        dropping their tables)."""
        with self._lock:
            timers = list(self._timers.values())
            self._timers.clear()
        for timer in timers:
            timer.cancel()
        self._executor.shutdown(wait=True)

    def _fire(self, key: str, func: Callable[..., Any], args: tuple, timeout: int) -> None:
        with self._lock:
            self._timers.pop(key, None)
        with contextlib.suppress(RuntimeError):  # the runner was shut down meanwhile
            self.enqueue(func, *args, timeout=timeout)

    def _forget(self, future: Future) -> None:
        with self._lock:
            self._futures.discard(future)

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

    def schedule_once(
        self, key: str, delay_s: float, func: Callable[..., Any], *args: Any, timeout: int
    ) -> None:
        """The worker's scheduler moves the job to the queue when it is due; the same ``key``
        is the same RQ job, so it is not doubled."""
        self.queue.enqueue_in(
            timedelta(seconds=delay_s), func, *args, job_timeout=timeout, job_id=key
        )


def runner(app: Flask | None = None) -> InProcessRunner | RQRunner:
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    if EXTENSION_KEY not in app.extensions:
        redis_url = app.config.get("REDIS_URL")
        app.extensions[EXTENSION_KEY] = RQRunner(redis_url) if redis_url else InProcessRunner(app)
    return app.extensions[EXTENSION_KEY]


def enqueue(func: Callable[..., Any], *args: Any, timeout: int = 3600):
    """Run ``func(*args)`` in the background; returns a Future (in-process) or an RQ job."""
    return runner().enqueue(func, *args, timeout=timeout)


def schedule_once(
    key: str, delay_s: float, func: Callable[..., Any], *args: Any, timeout: int = 3600
) -> None:
    """Run ``func(*args)`` in the background after ``delay_s`` seconds, once per ``key``."""
    runner().schedule_once(key, delay_s, func, *args, timeout=timeout)


def wait_for_in_process_jobs(app: Flask) -> None:
    """Let the in-process jobs in hand finish (tests read their effects); no-op with RQ."""
    job_runner = app.extensions.get(EXTENSION_KEY)
    if isinstance(job_runner, InProcessRunner):
        job_runner.wait_idle()


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
        SimpleWorker([job_runner.queue], connection=job_runner.connection).work(
            burst=burst,
            with_scheduler=True,  # the scheduler moves delayed jobs (mail retries)
        )
