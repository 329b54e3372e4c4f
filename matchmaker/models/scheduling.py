"""Scheduling set-up and results: time slots, tables, interpreters, availability, solver runs and
schedule versions.

A run of the solver produces a *draft* ``ScheduleVersion`` (``published_at`` is NULL) whose
``Meeting`` rows organizers may edit. Publishing stamps the version and points
``Event.published_version_id`` at it: one row update, so readers see the old schedule or the new
one, never a mix. Published versions are never edited again; each is kept.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _
from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.enums import N_, MeetingMode, RunKind, RunStatus, SessionPart
from matchmaker.extensions import db
from matchmaker.models.base import created_at_column, enum_column, utcnow

if TYPE_CHECKING:
    from matchmaker.models.events import Event, EventDay, Participation
    from matchmaker.models.requests import MeetingRequest
    from matchmaker.models.users import User


class ScheduleSetup(db.Model):
    """How an edition's meeting day is cut into slots, and the scheduler's options."""

    __tablename__ = "schedule_setups"
    __table_args__ = (
        CheckConstraint("slot_minutes BETWEEN 5 AND 240", name="slot_minutes_range"),
        CheckConstraint("gap_minutes BETWEEN 0 AND 60", name="gap_minutes_range"),
        CheckConstraint("day_end > day_start", name="day_in_order"),
        CheckConstraint("table_count >= 0", name="table_count_not_negative"),
        CheckConstraint("time_limit_s BETWEEN 5 AND 3600", name="time_limit_range"),
    )

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    day_start: Mapped[time] = mapped_column(default=time(9, 0))
    day_end: Mapped[time] = mapped_column(default=time(17, 30))
    lunch_start: Mapped[time | None] = mapped_column(default=time(12, 0))
    lunch_end: Mapped[time | None] = mapped_column(default=time(13, 30))
    slot_minutes: Mapped[int] = mapped_column(default=25)
    gap_minutes: Mapped[int] = mapped_column(default=5)  # changeover between two slots
    table_count: Mapped[int] = mapped_column(default=40)
    online_meetings: Mapped[bool] = mapped_column(default=True)
    include_pending_requests: Mapped[bool] = mapped_column(default=False)
    time_limit_s: Mapped[int] = mapped_column(default=60)

    event: Mapped[Event] = relationship()


class TimeSlot(db.Model):
    __tablename__ = "time_slots"
    __table_args__ = (
        UniqueConstraint("event_id", "starts_at"),
        CheckConstraint("ends_at > starts_at", name="slot_in_order"),
        CheckConstraint("table_count IS NULL OR table_count >= 0", name="table_count_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    day_id: Mapped[int] = mapped_column(ForeignKey("event_days.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # stored in UTC
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    session: Mapped[SessionPart] = enum_column(SessionPart)
    closed: Mapped[bool] = mapped_column(default=False)
    table_count: Mapped[int | None]  # None: every table of the event

    day: Mapped[EventDay] = relationship()

    @property
    def key(self) -> str:
        """The slot's id in the solver's instance format."""
        return f"s{self.id}"


class MeetingTable(db.Model):
    __tablename__ = "meeting_tables"
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(60), default="")
    zone: Mapped[str] = mapped_column(String(60), default="")

    @property
    def display_name(self) -> str:
        """The table's name, or "Table 7" in the reader's language when it has none."""
        return self.name or _("Table %(number)d", number=self.number)


class InterpreterPool(db.Model):
    """Interpreters for one language (to and from English) available in every slot."""

    __tablename__ = "interpreter_pools"
    __table_args__ = (
        UniqueConstraint("event_id", "language"),
        CheckConstraint("per_slot >= 0", name="per_slot_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    per_slot: Mapped[int]


class SlotUnavailability(db.Model):
    """A slot in which a participating company cannot meet anyone."""

    __tablename__ = "slot_unavailabilities"

    participation_id: Mapped[int] = mapped_column(
        ForeignKey("participations.id", ondelete="CASCADE"), primary_key=True
    )
    slot_id: Mapped[int] = mapped_column(
        ForeignKey("time_slots.id", ondelete="CASCADE"), primary_key=True
    )

    participation: Mapped[Participation] = relationship()


class ScheduleRun(db.Model):
    """One execution of the solver for an event; its state lives here so every page and every
    organizer sees the same run. At most one active (queued/running) run per event."""

    __tablename__ = "schedule_runs"
    __table_args__ = (
        Index(
            "uq_schedule_runs_one_active_per_event",
            "event_id",
            unique=True,
            sqlite_where=text("status IN ('queued', 'running')"),
            postgresql_where=text("status IN ('queued', 'running')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RunKind] = enum_column(RunKind, default=RunKind.SOLVE)
    status: Mapped[RunStatus] = enum_column(RunStatus, default=RunStatus.QUEUED)
    time_limit_s: Mapped[int]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at_column()
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    # Started before the scheduling phase (requests still open): its draft cannot be published.
    preview: Mapped[bool] = mapped_column(default=False, server_default=false())
    progress: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    instance: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # matchmaker-instance/1
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # matchmaker-schedule/1
    error: Mapped[str | None] = mapped_column(Text)

    created_by: Mapped[User | None] = relationship()

    @property
    def last_sign_of_life(self) -> datetime:
        """The job's last heartbeat, else when it started or was queued (always aware, UTC)."""
        stamp = (self.progress or {}).get("heartbeat")
        moment = datetime.fromisoformat(stamp) if stamp else (self.started_at or self.created_at)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite: naive UTC

    @property
    def lost_its_process(self) -> bool:
        """A running run whose job stopped sending heartbeats (killed or crashed), or a queued
        run that no job took in time (the process that queued it died, or no worker runs)."""
        silent_for = utcnow() - self.last_sign_of_life
        if self.status == RunStatus.RUNNING:
            return silent_for > RUN_HEARTBEAT_TIMEOUT
        if self.status == RunStatus.QUEUED:
            return silent_for > QUEUED_RUN_TIMEOUT
        return False

    @property
    def lost_process_error(self) -> str:
        """Why a run that lost its process failed (English source; shown through gettext)."""
        return NEVER_STARTED_ERROR if self.status == RunStatus.QUEUED else LOST_PROCESS_ERROR

    @property
    def shown_status(self) -> RunStatus:
        """The status to show: a run that lost its process is failed, even before the next run
        started records it so (pages never write)."""
        return RunStatus.FAILED if self.lost_its_process else self.status

    @property
    def shown_error(self) -> str | None:
        """The error to show, as its English source: templates translate it with ``_()``."""
        return self.lost_process_error if self.lost_its_process else self.error


# A running run whose heartbeat is older than this is taken as crashed (its process died).
RUN_HEARTBEAT_TIMEOUT = timedelta(seconds=90)
# A queued run that no job took within this time never will. Generous, because with RQ a run
# may wait for a busy worker.
QUEUED_RUN_TIMEOUT = timedelta(minutes=10)
LOST_PROCESS_ERROR = N_("The scheduler stopped responding (its process ended); nothing changed.")
NEVER_STARTED_ERROR = N_("The scheduler never started this run (no job took it); nothing changed.")


class ScheduleVersion(db.Model):
    __tablename__ = "schedule_versions"
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]  # 1, 2, ... per event
    run_id: Mapped[int | None] = mapped_column(ForeignKey("schedule_runs.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at_column()
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="version", cascade="all, delete-orphan"
    )

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class Meeting(db.Model):
    """A scheduled meeting of one version: which request meets when, where and how."""

    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("version_id", "request_id"),
        UniqueConstraint("version_id", "slot_id", "table_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("schedule_versions.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_requests.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[int] = mapped_column(ForeignKey("time_slots.id", ondelete="CASCADE"))
    table_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_tables.id", ondelete="SET NULL")
    )
    mode: Mapped[MeetingMode] = enum_column(MeetingMode, default=MeetingMode.ON_SITE)
    video_link: Mapped[str | None] = mapped_column(String(500))
    interpreter_language: Mapped[str | None] = mapped_column(String(8))
    pinned: Mapped[bool] = mapped_column(default=False)

    version: Mapped[ScheduleVersion] = relationship(back_populates="meetings")
    request: Mapped[MeetingRequest] = relationship()
    slot: Mapped[TimeSlot] = relationship()
    table: Mapped[MeetingTable | None] = relationship()


__all__ = [
    "InterpreterPool",
    "Meeting",
    "MeetingTable",
    "ScheduleRun",
    "ScheduleSetup",
    "ScheduleVersion",
    "SlotUnavailability",
    "TimeSlot",
]
