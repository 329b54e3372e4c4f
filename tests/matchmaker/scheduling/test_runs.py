"""Solver runs through both job runners; a run never touches the published schedule."""

from __future__ import annotations

from datetime import timedelta

import pytest

from matchmaker import jobs
from matchmaker.enums import RunStatus
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import ScheduleRun, ScheduleVersion
from matchmaker.scheduling.runs import reap_stale_runs, request_cancel, start_run, utcnow
from matchmaker.scheduling.tasks import execute_run
from solver.checker import check
from tests.conftest import REDIS_URL


def _assert_valid_draft(run: ScheduleRun) -> ScheduleVersion:
    assert run.status == RunStatus.SUCCEEDED, run.error
    assert run.started_at is not None and run.finished_at is not None
    report = check(run.instance, run.result)
    assert report.violations == []
    version = db.session.scalar(db.select(ScheduleVersion).where(ScheduleVersion.run_id == run.id))
    assert version.is_draft
    assert len(version.meetings) == len(run.result["meetings"]) > 0
    return version


def test_a_run_in_the_app_process_produces_a_checked_draft(app, ready_fair, db_session):
    run = start_run(ready_fair.event, ready_fair.organizer)
    db_session.commit()
    assert isinstance(jobs.runner(app), jobs.InProcessRunner)
    jobs.enqueue(execute_run, run.id).result(timeout=60)
    db_session.expire_all()
    version = _assert_valid_draft(db_session.get(ScheduleRun, run.id))
    assert ready_fair.event.published_version_id is None
    assert {m.table.number for m in version.meetings} <= {1, 2}


@pytest.mark.skipif(not REDIS_URL, reason="needs MATCHMAKER_TEST_REDIS_URL")
def test_a_run_through_redis_is_done_by_the_worker(redis_app, ready_fair, db_session):
    run = start_run(ready_fair.event, ready_fair.organizer)
    db_session.commit()
    job = jobs.enqueue(execute_run, run.id)
    assert isinstance(jobs.runner(redis_app), jobs.RQRunner)
    assert db_session.get(ScheduleRun, run.id).status == RunStatus.QUEUED  # nobody took it yet
    jobs.run_worker(redis_app, burst=True)
    db_session.expire_all()
    _assert_valid_draft(db_session.get(ScheduleRun, run.id))
    assert job.get_status(refresh=True) == "finished"


def test_two_runs_for_one_event_cannot_overlap(ready_fair, db_session):
    start_run(ready_fair.event, ready_fair.organizer)
    db_session.commit()
    with pytest.raises(RuleViolation, match="already in progress"):
        start_run(ready_fair.event, ready_fair.organizer)


def test_a_cancelled_queued_run_never_starts(ready_fair, db_session):
    run = start_run(ready_fair.event, ready_fair.organizer)
    request_cancel(run, ready_fair.organizer)
    db_session.commit()
    execute_run(run.id)
    assert db_session.get(ScheduleRun, run.id).status == RunStatus.CANCELLED
    assert db_session.scalar(db.select(db.func.count()).select_from(ScheduleVersion)) == 0


def test_a_run_whose_process_died_is_marked_failed(ready_fair, db_session):
    run = start_run(ready_fair.event, ready_fair.organizer)
    run.status = RunStatus.RUNNING
    run.started_at = utcnow() - timedelta(minutes=10)
    run.progress = {"heartbeat": (utcnow() - timedelta(minutes=5)).isoformat()}
    db_session.commit()
    assert reap_stale_runs(ready_fair.event) == 1
    assert run.status == RunStatus.FAILED and "stopped responding" in run.error
    start_run(ready_fair.event, ready_fair.organizer)  # the event is free again


def test_a_crashing_solver_marks_the_run_failed(ready_fair, db_session):
    run = start_run(ready_fair.event, ready_fair.organizer)
    run.instance = {**run.instance, "requests": [{"id": "bad"}]}
    db_session.commit()
    execute_run(run.id)
    failed = db_session.get(ScheduleRun, run.id)
    assert failed.status == RunStatus.FAILED and failed.error
    assert ready_fair.event.published_version_id is None


@pytest.mark.parametrize(("limit", "message"), [(1, "between"), (100000, "between")])
def test_the_time_limit_has_sane_bounds(ready_fair, db_session, limit, message):
    with pytest.raises(RuleViolation, match=message):
        start_run(ready_fair.event, ready_fair.organizer, time_limit_s=limit)


def test_a_run_that_just_started_elsewhere_is_not_taken_for_dead(ready_fair, db_session):
    run = start_run(ready_fair.event, ready_fair.organizer)
    db_session.commit()
    assert db_session.get(ScheduleRun, run.id).status == RunStatus.QUEUED  # loaded here
    # The job, in its own session, takes the run (as execute_run does) ...
    with db.engine.begin() as job_connection:
        job_connection.execute(
            db.update(ScheduleRun)
            .where(ScheduleRun.id == run.id)
            .values(
                status=RunStatus.RUNNING,
                started_at=utcnow(),
                progress={"heartbeat": utcnow().isoformat()},
            )
        )
    # ... and a page that still holds the queued object must not reap it.
    assert reap_stale_runs(ready_fair.event) == 0
    assert db_session.get(ScheduleRun, run.id).status == RunStatus.RUNNING


def test_a_job_enqueued_while_the_process_exits_is_not_started_and_raises_nothing(app):
    """A job enqueued by a job as the process shuts down (the outbox's next batch) is left for
    the next start instead of failing with a traceback."""
    runner = jobs.InProcessRunner(app, max_workers=1)
    runner.shutdown()
    started = []
    future = runner.enqueue(started.append, "ran", timeout=5)
    assert future.cancelled() and started == []
