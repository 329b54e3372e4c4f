"""Meeting requests between companies within one edition."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.enums import RequestPriority, RequestStatus
from matchmaker.extensions import db
from matchmaker.models.base import created_at_column, enum_column, updated_at_column

if TYPE_CHECKING:
    from matchmaker.models.companies import Company
    from matchmaker.models.events import Event


class MeetingRequest(db.Model):
    """One company asking another for a one-to-one meeting at an edition.

    A company asks another at most once per edition (unique constraint); a withdrawn request
    may be re-sent, which reopens the same row.
    """

    __tablename__ = "meeting_requests"
    __table_args__ = (
        UniqueConstraint("event_id", "from_company_id", "to_company_id"),
        CheckConstraint("from_company_id <> to_company_id", name="not_to_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    from_company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    to_company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    priority: Mapped[RequestPriority] = enum_column(RequestPriority, default=RequestPriority.NORMAL)
    message: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[RequestStatus] = enum_column(
        RequestStatus, default=RequestStatus.PENDING, index=True
    )
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = updated_at_column()
    responded_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship()
    from_company: Mapped[Company] = relationship(foreign_keys=[from_company_id])
    to_company: Mapped[Company] = relationship(foreign_keys=[to_company_id])

    def __repr__(self) -> str:
        return (
            f"<MeetingRequest {self.id} {self.from_company_id}->{self.to_company_id} "
            f"{self.status.value}>"
        )
