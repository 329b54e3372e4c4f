"""The background job that runs the solver for one ``ScheduleRun`` (by id).

A job is its own transaction boundary, like a view: it commits the run's state changes. The
solver works in this thread; CP-SAT reports progress from its own threads, so progress goes into
a lock-protected holder and a watcher thread writes it to the database once a second together
with a heartbeat, and reads the organizer's cancel flag.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask, current_app
from sqlalchemy import update

import solver
from matchmaker.enums import RunStatus
from matchmaker.extensions import db
from matchmaker.models import ScheduleRun
from matchmaker.scheduling.runs import store_result, utcnow

log = logging.getLogger(__name__)
WATCH_INTERVAL_S = 1.0


def execute_run(run_id: int) -> None:
    # Take the run with one conditional update: of two workers (or a worker and the reaper or a
    # cancel) only one changes a queued run.
    taken = db.session.execute(
        update(ScheduleRun)
        .where(ScheduleRun.id == run_id, ScheduleRun.status == RunStatus.QUEUED)
        .values(
            status=RunStatus.RUNNING,
            started_at=utcnow(),
            progress={"heartbeat": utcnow().isoformat()},
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if taken.rowcount != 1:
        return  # cancelled or reaped while queued, or already taken by another worker
    run = db.session.get(ScheduleRun, run_id)

    cancel = threading.Event()
    watcher = _Watcher(current_app._get_current_object(), run_id, cancel)  # type: ignore[attr-defined]
    watcher.start()
    try:
        schedule = solver.solve(
            run.instance,
            time_limit=run.time_limit_s,
            on_progress=watcher.report,
            cancel=cancel,
        )
    except Exception as error:  # the run fails; the published schedule stays as it was
        log.exception("scheduler run %s failed", run_id)
        watcher.stop()
        db.session.rollback()
        _finish(run_id, RunStatus.FAILED, error=f"{type(error).__name__}: {error}")
        return
    watcher.stop()
    run = db.session.get(ScheduleRun, run_id)
    db.session.refresh(run)
    if cancel.is_set():
        _finish(run_id, RunStatus.CANCELLED, progress=watcher.snapshot())
        return
    store_result(run, schedule)
    _finish(run_id, RunStatus.SUCCEEDED, progress=watcher.snapshot())


def _finish(run_id: int, status: RunStatus, *, error: str | None = None, progress=None) -> None:
    run = db.session.get(ScheduleRun, run_id)
    run.status = status
    run.finished_at = utcnow()
    if error is not None:
        run.error = error
    if progress is not None:
        run.progress = progress
    db.session.commit()


class _Watcher:
    """Writes progress and a heartbeat to the run's row; turns the cancel flag into an Event."""

    def __init__(self, app: Flask, run_id: int, cancel: threading.Event) -> None:
        self._app = app
        self._run_id = run_id
        self._cancel = cancel
        self._lock = threading.Lock()
        self._progress: dict[str, Any] = {}
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"run-{run_id}-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()

    def report(self, progress: dict[str, Any]) -> None:
        with self._lock:
            self._progress = dict(progress)

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {**self._progress, "heartbeat": utcnow().isoformat()}

    def _loop(self) -> None:
        with self._app.app_context():
            while not self._stopped.wait(WATCH_INTERVAL_S):
                self._tick()
            db.session.remove()

    def _tick(self) -> None:
        try:
            db.session.execute(
                update(ScheduleRun)
                .where(ScheduleRun.id == self._run_id)
                .values(progress=self.snapshot())
            )
            db.session.commit()
            if db.session.get(ScheduleRun, self._run_id, populate_existing=True).cancel_requested:
                self._cancel.set()
        except Exception:  # a missed heartbeat is not fatal; the next tick retries
            log.exception("could not record progress of run %s", self._run_id)
            db.session.rollback()
