"""Editions of the fair, their days, and the participation of companies in them."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.enums import AttendanceMode, EventPhase, ParticipationStatus
from matchmaker.extensions import db
from matchmaker.models.base import created_at_column, enum_column, updated_at_column

if TYPE_CHECKING:
    from matchmaker.models.companies import Company


class Event(db.Model):
    """One edition of the fair (e.g. "EU–China Investment and Trade Fair 2026")."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("request_cap >= 1", name="request_cap_positive"),
        CheckConstraint("outcome_report_days BETWEEN 0 AND 365", name="outcome_report_days_range"),
        UniqueConstraint("name", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int]
    venue: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")  # IANA name
    start_date: Mapped[date]
    end_date: Mapped[date]
    phase: Mapped[EventPhase] = enum_column(EventPhase, default=EventPhase.REGISTRATION)
    request_cap: Mapped[int] = mapped_column(default=20)  # outgoing requests per company
    # Companies report outcomes until this many days after the last fair day (matchmaker.phases).
    outcome_report_days: Mapped[int] = mapped_column(default=30, server_default="30")
    description: Mapped[str] = mapped_column(Text, default="")
    # The schedule participants see; switching it is how a version is published (one update).
    published_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("schedule_versions.id", ondelete="SET NULL", use_alter=True)
    )
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = updated_at_column()

    days: Mapped[list[EventDay]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventDay.date"
    )
    participations: Mapped[list[Participation]] = relationship(back_populates="event")

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.name!r} {self.phase.value}>"


class EventDay(db.Model):
    """A day of an edition; the scheduling set-up hangs its time slots on these."""

    __tablename__ = "event_days"
    __table_args__ = (UniqueConstraint("event_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    date: Mapped[date]

    event: Mapped[Event] = relationship(back_populates="days")


# Days of the edition on which a participating company is present (its coarse availability).
participation_days = Table(
    "participation_days",
    db.metadata,
    Column(
        "participation_id",
        ForeignKey("participations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("event_day_id", ForeignKey("event_days.id", ondelete="CASCADE"), primary_key=True),
)


class Participation(db.Model):
    """A company taking part in one edition; organizers approve it."""

    __tablename__ = "participations"
    __table_args__ = (
        UniqueConstraint("event_id", "company_id"),
        CheckConstraint("delegates BETWEEN 1 AND 20", name="delegates_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ParticipationStatus] = enum_column(
        ParticipationStatus, default=ParticipationStatus.PENDING
    )
    # Delegates who can hold meetings in parallel.
    delegates: Mapped[int] = mapped_column(default=1)
    attendance: Mapped[AttendanceMode] = enum_column(AttendanceMode, default=AttendanceMode.ON_SITE)
    created_at: Mapped[datetime] = created_at_column()
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    event: Mapped[Event] = relationship(back_populates="participations")
    company: Mapped[Company] = relationship(back_populates="participations")
    days: Mapped[list[EventDay]] = relationship(
        secondary=participation_days, order_by=EventDay.date
    )

    @property
    def is_approved(self) -> bool:
        return self.status == ParticipationStatus.APPROVED
