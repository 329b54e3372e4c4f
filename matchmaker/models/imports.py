"""Spreadsheets uploaded by organizers, kept between the preview and the confirmation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.models.base import created_at_column


class ImportUpload(db.Model):
    __tablename__ = "import_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    organizer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    send_invitations: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = created_at_column()
    applied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
