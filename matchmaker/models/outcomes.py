"""The fair day and afterwards: check-ins, what became of each meeting, and both sides' outcome
reports with their audit trail.

State is keyed on the *meeting request* (and the company), never on a ``Meeting`` row: a
re-publication creates new ``Meeting`` rows for the same requests, and a status or a report must
survive it. Statistics and disagreements are computed from these rows, never stored.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.enums import AgreementLevel, AgreementType, MeetingStatus, NextStep
from matchmaker.extensions import db
from matchmaker.models.base import created_at_column, enum_column, updated_at_column

if TYPE_CHECKING:
    from matchmaker.models.companies import Company
    from matchmaker.models.requests import MeetingRequest
    from matchmaker.models.scheduling import MeetingTable, TimeSlot
    from matchmaker.models.users import User


class CheckIn(db.Model):
    """A company arrived at the venue (scanned from its agenda's QR code, or found by name)."""

    __tablename__ = "check_ins"
    __table_args__ = (UniqueConstraint("event_id", "company_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    checked_in_at: Mapped[datetime] = created_at_column()
    checked_in_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    company: Mapped[Company] = relationship()
    checked_in_by: Mapped[User | None] = relationship()


class MeetingDayStatus(db.Model):
    """What became of a meeting on the day, one row per meeting request.

    ``slot_id``/``table_id`` override the published placement: a late arrival rebooked to a free
    slot (status ``moved``), or a request booked on the day into a freed slot (no status yet:
    planned). No-shows name the absent company; NULL means neither side came.
    """

    __tablename__ = "meeting_day_statuses"
    __table_args__ = (
        UniqueConstraint("request_id"),
        CheckConstraint(
            "absent_company_id IS NULL OR status = 'no_show'", name="absent_only_for_no_show"
        ),
        CheckConstraint("status <> 'moved' OR slot_id IS NOT NULL", name="moved_has_slot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("meeting_requests.id", ondelete="CASCADE"))
    status: Mapped[MeetingStatus | None] = enum_column(MeetingStatus, nullable=True)
    absent_company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL")
    )
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("time_slots.id", ondelete="SET NULL"))
    table_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_tables.id", ondelete="SET NULL")
    )
    interpreter_language: Mapped[str | None] = mapped_column(String(8))
    updated_at: Mapped[datetime] = updated_at_column()
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    request: Mapped[MeetingRequest] = relationship()
    absent_company: Mapped[Company | None] = relationship()
    slot: Mapped[TimeSlot | None] = relationship()
    table: Mapped[MeetingTable | None] = relationship()
    updated_by: Mapped[User | None] = relationship()


class DayStatusChange(db.Model):
    """Audit trail of a meeting's day status: who changed which part (status, absent company,
    slot, table), when, from what to what, and whether it was a correction after the window."""

    __tablename__ = "day_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_requests.id", ondelete="CASCADE"), index=True
    )
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = created_at_column()
    late: Mapped[bool] = mapped_column(default=False)  # after the companies' window closed
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(String(200))
    new_value: Mapped[str | None] = mapped_column(String(200))

    changed_by: Mapped[User | None] = relationship()


class OutcomeReport(db.Model):
    """One side's account of one meeting. Each company of the request reports once (and may
    correct it); organizers may enter or correct it on the company's behalf."""

    __tablename__ = "outcome_reports"
    __table_args__ = (
        UniqueConstraint("request_id", "company_id"),
        CheckConstraint("interest IS NULL OR interest BETWEEN 1 AND 5", name="interest_range"),
        CheckConstraint("value IS NULL OR value >= 0", name="value_not_negative"),
        CheckConstraint("(value IS NULL) = (currency IS NULL)", name="value_and_currency_together"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_requests.id", ondelete="CASCADE"), index=True
    )
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    held: Mapped[bool]
    interest: Mapped[int | None]  # 1 (none) .. 5 (very high); only for a held meeting
    next_step: Mapped[NextStep] = enum_column(NextStep, default=NextStep.NONE)
    agreement: Mapped[AgreementLevel] = enum_column(AgreementLevel, default=AgreementLevel.NONE)
    agreement_type: Mapped[AgreementType | None] = enum_column(AgreementType, nullable=True)
    value: Mapped[Decimal | None] = mapped_column(Numeric(16, 2))
    currency: Mapped[str | None] = mapped_column(String(3))  # ISO 4217
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = updated_at_column()
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    request: Mapped[MeetingRequest] = relationship()
    company: Mapped[Company] = relationship()
    changes: Mapped[list[OutcomeChange]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="OutcomeChange.id"
    )


class OutcomeChange(db.Model):
    """Audit trail of an outcome report: who changed which answer, when, from what to what."""

    __tablename__ = "outcome_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("outcome_reports.id", ondelete="CASCADE"), index=True
    )
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[datetime] = created_at_column()
    on_behalf: Mapped[bool] = mapped_column(default=False)  # an organizer for the company
    late: Mapped[bool] = mapped_column(default=False, server_default=false())  # after the window
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(String(2000))
    new_value: Mapped[str | None] = mapped_column(String(2000))

    report: Mapped[OutcomeReport] = relationship(back_populates="changes")
    changed_by: Mapped[User | None] = relationship()


__all__ = ["CheckIn", "DayStatusChange", "MeetingDayStatus", "OutcomeChange", "OutcomeReport"]
