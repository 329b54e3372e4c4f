"""Messages between the two companies of a meeting request (a short thread on the request)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.models.base import created_at_column
from matchmaker.models.companies import Company
from matchmaker.models.requests import MeetingRequest
from matchmaker.models.users import User


class RequestMessage(db.Model):
    __tablename__ = "request_messages"
    __table_args__ = (Index("ix_request_messages_thread", "request_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("meeting_requests.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The side the author wrote for; None: an organizer writing as the fair's support.
    company_id: Mapped[int | None] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = created_at_column()

    request: Mapped[MeetingRequest] = relationship()
    author: Mapped[User | None] = relationship()
    company: Mapped[Company | None] = relationship()
