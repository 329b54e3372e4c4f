"""Solver runs: starting, cancelling, recording progress and turning a result into a draft.

A run's state lives in its ``ScheduleRun`` row. The published schedule is never touched here:
a run only ever adds a new *draft* version, so a failed, killed or cancelled run leaves what
participants see exactly as it was.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer
from werkzeug.exceptions import NotFound

from matchmaker import phases
from matchmaker.access import require_organizer
from matchmaker.database import lock_for_update
from matchmaker.enums import MeetingMode, RunKind, RunStatus
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    Meeting,
    MeetingTable,
    ScheduleRun,
    ScheduleVersion,
    User,
)
from matchmaker.scheduling.instance_export import build_instance
from matchmaker.scheduling.meeting_facts import video_link
from matchmaker.scheduling.operations import setup_for

MIN_TIME_LIMIT_S = 5
MAX_TIME_LIMIT_S = 1800


def utcnow() -> datetime:
    return datetime.now(UTC)


def get_run(run_id: int, actor: User) -> ScheduleRun:
    require_organizer(actor)
    run = db.session.get(ScheduleRun, run_id)
    if run is None:
        raise NotFound()
    return run


def live_run(event: Event) -> ScheduleRun | None:
    """The event's active run, unless it lost its process (read-only: see ``reap_stale_runs``)."""
    run = active_run(event)
    return None if run is None or run.lost_its_process else run


def active_run(event: Event) -> ScheduleRun | None:
    return db.session.scalar(
        select(ScheduleRun).where(
            ScheduleRun.event_id == event.id,
            ScheduleRun.status.in_([RunStatus.QUEUED, RunStatus.RUNNING]),
        )
    )


def recent_runs(event: Event, limit: int = 20) -> list[ScheduleRun]:
    """The edition's newest runs for a list, without parsing their instance and result
    documents (megabytes of JSON each at 2,000 companies)."""
    return list(
        db.session.scalars(
            select(ScheduleRun)
            .where(ScheduleRun.event_id == event.id)
            .order_by(ScheduleRun.id.desc())
            .limit(limit)
            .options(defer(ScheduleRun.instance), defer(ScheduleRun.result))
        )
    )


def meetings_per_version(event: Event) -> dict[int, int]:
    """Version id → its number of meetings, counted in one query (not loaded per version)."""
    return dict(
        db.session.execute(
            select(Meeting.version_id, func.count())
            .join(ScheduleVersion, ScheduleVersion.id == Meeting.version_id)
            .where(ScheduleVersion.event_id == event.id)
            .group_by(Meeting.version_id)
        ).all()
    )


def start_run(
    event: Event, actor: User, *, time_limit_s: int | None = None, kind: RunKind = RunKind.SOLVE
) -> ScheduleRun:
    """Queue a run for ``event`` with its instance frozen now. The caller commits, then hands
    ``run.id`` to the job runner. Refused while another run of the event is active."""
    require_organizer(actor)
    reap_stale_runs(event)
    phases.require_can_run(event)
    if active_run(event) is not None:
        raise RuleViolation(_("A scheduler run for this edition is already in progress."))
    setup = setup_for(event)
    limit = setup.time_limit_s if time_limit_s is None else time_limit_s
    if not MIN_TIME_LIMIT_S <= limit <= MAX_TIME_LIMIT_S:
        raise RuleViolation(
            _(
                "The time limit must be between %(min)d and %(max)d seconds.",
                min=MIN_TIME_LIMIT_S,
                max=MAX_TIME_LIMIT_S,
            ),
            field="time_limit_s",
        )
    setup.time_limit_s = limit  # the run form's one field remembers the last choice
    previous = None
    if kind == RunKind.REPLAN:
        previous = published_version(event)
        if previous is None:
            raise RuleViolation(_("Nothing is published yet: run the scheduler instead."))
    instance = build_instance(event, previous=previous)
    if not instance["slots"]:
        raise RuleViolation(_("This edition has no open time slot: set up the slots first."))
    if not instance["requests"]:
        raise RuleViolation(_("There is no request to schedule yet."))
    run = ScheduleRun(
        event_id=event.id,
        kind=kind,
        status=RunStatus.QUEUED,
        time_limit_s=limit,
        created_by_id=actor.id,
        instance=instance,
        progress={},
        preview=phases.run_is_preview(event),
    )
    db.session.add(run)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as error:  # another organizer started one a moment ago
        raise RuleViolation(
            _("A scheduler run for this edition is already in progress.")
        ) from error
    return run


def elapsed_seconds(run: ScheduleRun, now: datetime | None = None) -> float | None:
    """Seconds the run has been going (to its end once finished); None before it starts."""
    if run.started_at is None:
        return None
    end = run.finished_at or now or utcnow()
    started = run.started_at if run.started_at.tzinfo else run.started_at.replace(tzinfo=UTC)
    end = end if end.tzinfo else end.replace(tzinfo=UTC)
    return round(max(0.0, (end - started).total_seconds()), 1)


def request_cancel(run: ScheduleRun, actor: User) -> None:
    """Ask a run to stop. A queued run stops at once; a running one at its next check."""
    require_organizer(actor)
    lock_for_update(run)  # a worker taking it now either wins before or sees the cancel
    if run.lost_its_process:  # nothing left to stop: record it failed
        run.status = RunStatus.FAILED
        run.error = run.lost_process_error
        run.finished_at = utcnow()
    elif run.status == RunStatus.QUEUED:
        run.status = RunStatus.CANCELLED
        run.finished_at = utcnow()
    elif run.status == RunStatus.RUNNING:
        run.cancel_requested = True
    db.session.flush()


def reap_stale_runs(event: Event) -> int:
    """Record as failed the runs whose process stopped sending heartbeats (killed or crashed).

    Called by the actions that need the truth (starting or cancelling a run); pages show
    ``ScheduleRun.shown_status`` instead, which says the same without writing."""
    reaped = 0
    active = (
        select(ScheduleRun)
        .where(
            ScheduleRun.event_id == event.id,
            ScheduleRun.status.in_([RunStatus.QUEUED, RunStatus.RUNNING]),
        )
        # The job's own session changes these rows: read them afresh, not from this session's
        # identity map (a run loaded a moment ago as queued would look heartbeat-less).
        .execution_options(populate_existing=True)
    )
    for run in db.session.scalars(active):
        if not run.lost_its_process:
            continue
        if run.status == RunStatus.QUEUED:
            # Conditional: a worker taking the run at this very moment wins.
            taken = db.session.execute(
                update(ScheduleRun)
                .where(ScheduleRun.id == run.id, ScheduleRun.status == RunStatus.QUEUED)
                .values(status=RunStatus.FAILED, error=run.lost_process_error, finished_at=utcnow())
                .execution_options(synchronize_session=False)
            )
            reaped += taken.rowcount  # type: ignore[attr-defined]  # a CursorResult
            db.session.expire(run)
        else:
            run.error = run.lost_process_error  # read before the status changes
            run.status = RunStatus.FAILED
            run.finished_at = utcnow()
            reaped += 1
    db.session.flush()
    return reaped


def published_version(event: Event) -> ScheduleVersion | None:
    if event.published_version_id is None:
        return None
    return db.session.get(ScheduleVersion, event.published_version_id)


def next_version_number(event_id: int) -> int:
    latest = db.session.scalar(
        select(func.max(ScheduleVersion.number)).where(ScheduleVersion.event_id == event_id)
    )
    return (latest or 0) + 1


def store_result(run: ScheduleRun, schedule: dict[str, Any]) -> ScheduleVersion:
    """Save the solver's schedule as the event's newest draft version."""
    instance = run.instance or {}
    requests = {entry["id"]: entry for entry in instance.get("requests", [])}
    tables = {
        table.number: table.id
        for table in db.session.scalars(
            select(MeetingTable).where(MeetingTable.event_id == run.event_id)
        )
    }
    version = ScheduleVersion(
        event_id=run.event_id, number=next_version_number(run.event_id), run_id=run.id
    )
    for placed in schedule["meetings"]:
        entry = requests[placed["request"]]
        request_id = int(placed["request"][1:])
        online = bool(entry.get("online"))
        version.meetings.append(
            Meeting(
                request_id=request_id,
                slot_id=int(placed["slot"][1:]),
                table_id=None if online else tables.get(placed.get("table")),
                mode=MeetingMode.ONLINE if online else MeetingMode.ON_SITE,
                video_link=video_link(run.event_id, request_id) if online else None,
                interpreter_language=entry.get("interpreter"),
                pinned=entry.get("fixed_slot") is not None,
            )
        )
    db.session.add(version)
    run.result = schedule
    db.session.flush()
    return version
