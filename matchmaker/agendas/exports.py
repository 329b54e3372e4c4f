"""Whole-edition exports (table sheets PDF, the schedule as XLSX or CSV), at once or in the
background.

``build`` makes the file; the download views call it directly for a small edition. From
``EXPORTS_IN_BACKGROUND_FROM`` published meetings on (the table sheets of a 2,000-company fair
take seconds of CPU) the download sends the organizer to the export's page instead: the
organizer asks for the file (``request_export``, a POST), a background job (``jobs``: in
process, or RQ with Redis) makes it with ``produce_export`` and stores it, the page shows its
progress and then a download link. The file is kept in the database (``ExportFile``, one row
per edition and kind, replaced by each new request) so that a worker on another machine and
every web server see it; it expires after ``EXPORT_KEPT_HOURS``. Only organizers see the page
and download the file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from sqlalchemy import CursorResult, func, select, update

from matchmaker import jobs
from matchmaker.access import require_organizer
from matchmaker.agendas import pdf, queries, spreadsheet
from matchmaker.enums import ExportKind, RunStatus
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import Event, ExportFile, Meeting, User

log = logging.getLogger(__name__)

# A queued or running export older than this has lost its job (a worker died): ask again.
STALE_AFTER = timedelta(minutes=15)
JOB_TIMEOUT_S = 900

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Built:
    body: bytes
    mimetype: str
    filename: str


def utcnow() -> datetime:
    return datetime.now(UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite: naive UTC


def file_name(event: Event, kind: ExportKind) -> tuple[str, str]:
    """(file name, MIME type) of an export."""
    if kind is ExportKind.TABLE_SHEETS:
        return f"tables-{event.id}.pdf", "application/pdf"
    if kind is ExportKind.SCHEDULE_XLSX:
        return f"schedule-{event.id}.xlsx", XLSX_MIMETYPE
    return f"schedule-{event.id}.csv", "text/csv"


def build(event: Event, kind: ExportKind) -> Built:
    """The file itself, in the current locale (the table sheets' text); the published schedule
    as it stands on the day. The same function serves the download and the background job."""
    filename, mimetype = file_name(event, kind)
    if kind is ExportKind.TABLE_SHEETS:
        body = pdf.table_sheets_pdf(event, queries.table_sheets(event))
    elif kind is ExportKind.SCHEDULE_XLSX:
        body = spreadsheet.schedule_xlsx(event, queries.schedule_as_it_stands(event))
    else:
        body = spreadsheet.schedule_csv(event, queries.schedule_as_it_stands(event))
    return Built(body, mimetype, filename)


def published_meetings_count(event: Event) -> int:
    if event.published_version_id is None:
        return 0
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Meeting)
            .where(Meeting.version_id == event.published_version_id)
        )
        or 0
    )


def in_background(event: Event, kind: ExportKind) -> bool:
    """Whether this edition's export is too large to answer within the request. The schedule
    as CSV or XLSX stays within 2 s at 2,000 companies (README, "Agendas and exports")."""
    if kind is not ExportKind.TABLE_SHEETS:
        return False
    return published_meetings_count(event) >= current_app.config["EXPORTS_IN_BACKGROUND_FROM"]


def export_of(event: Event, kind: ExportKind) -> ExportFile | None:
    return db.session.scalar(
        select(ExportFile).where(ExportFile.event_id == event.id, ExportFile.kind == kind)
    )


def is_stale(export: ExportFile, now: datetime) -> bool:
    """Queued or running for longer than any export takes: its job is gone."""
    return export.status.is_active and now - _aware(export.requested_at) > STALE_AFTER


def shown_status(export: ExportFile, now: datetime) -> RunStatus:
    return RunStatus.FAILED if is_stale(export, now) else export.status


def downloadable(export: ExportFile | None, now: datetime) -> bool:
    return (
        export is not None
        and export.status is RunStatus.SUCCEEDED
        and export.size is not None
        and not export.expired(now)
    )


def request_export(actor: User, event: Event, kind: ExportKind) -> ExportFile:
    """Ask for the file: a job makes it after the commit. While one is being made, asking again
    changes nothing; otherwise the new file replaces the one before."""
    require_organizer(actor)
    if event.published_version_id is None:
        raise RuleViolation(_("The schedule is not published yet."))
    now = utcnow()
    _forget_expired(now)
    export = export_of(event, kind)
    if export is not None and export.status.is_active and not is_stale(export, now):
        return export
    filename, mimetype = file_name(event, kind)
    if export is None:
        export = ExportFile(event_id=event.id, kind=kind)
        db.session.add(export)
    export.status = RunStatus.QUEUED
    export.attempt = (export.attempt or 0) + 1
    export.locale = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    export.requested_by_id = actor.id
    export.requested_at = now
    export.version_id = event.published_version_id
    export.finished_at = export.expires_at = export.size = export.error = None
    export.content = None
    export.filename, export.mimetype = filename, mimetype
    db.session.flush()
    jobs.enqueue_after_commit(produce_export, export.id, timeout=JOB_TIMEOUT_S)
    return export


def _forget_expired(now: datetime) -> None:
    """Expired files give their space back (their rows stay: the page says "expired")."""
    db.session.execute(
        update(ExportFile)
        .where(ExportFile.expires_at <= now, ExportFile.content.is_not(None))
        .values(content=None)
        .execution_options(synchronize_session=False)
    )


def produce_export(export_id: int) -> None:
    """The background job: take the queued export, make its file, store it. A job is its own
    transaction boundary, like a view. A newer request made meanwhile wins: this job's file is
    then dropped."""
    taken = db.session.execute(
        update(ExportFile)
        .where(ExportFile.id == export_id, ExportFile.status == RunStatus.QUEUED)
        .values(status=RunStatus.RUNNING)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if cast(CursorResult, taken).rowcount != 1:
        return  # made by another worker already, or replaced
    export = db.session.get(ExportFile, export_id)
    assert export is not None
    attempt, locale = export.attempt, export.locale
    event = db.session.get(Event, export.event_id)
    try:
        assert event is not None
        with force_locale(locale):
            built = build(event, export.kind)
    except Exception as error:
        log.exception("export %s failed", export_id)
        db.session.rollback()
        _finish(export_id, attempt, status=RunStatus.FAILED, error=f"{type(error).__name__}")
        return
    now = utcnow()
    _finish(
        export_id,
        attempt,
        status=RunStatus.SUCCEEDED,
        content=built.body,
        size=len(built.body),
        finished_at=now,
        expires_at=now + timedelta(hours=current_app.config["EXPORT_KEPT_HOURS"]),
    )


def _finish(export_id: int, attempt: int, **values) -> None:
    db.session.execute(
        update(ExportFile)
        .where(
            ExportFile.id == export_id,
            ExportFile.attempt == attempt,
            ExportFile.status == RunStatus.RUNNING,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def file_content(export: ExportFile) -> bytes:
    return db.session.scalar(select(ExportFile.content).where(ExportFile.id == export.id)) or b""
