"""Whole-edition downloads produced in the background (``matchmaker.agendas.exports``)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from matchmaker.enums import ExportKind, RunStatus
from matchmaker.extensions import db
from matchmaker.models.base import created_at_column, enum_column
from matchmaker.models.users import User


class ExportFile(db.Model):
    """The file of one kind of export of one edition: one row per (edition, kind), replaced
    each time an organizer asks for the file again. The bytes are kept in the database, not on
    disk, so that an RQ worker on another machine and every web server see the same file."""

    __tablename__ = "export_files"
    __table_args__ = (UniqueConstraint("event_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    kind: Mapped[ExportKind] = enum_column(ExportKind)
    status: Mapped[RunStatus] = enum_column(RunStatus, default=RunStatus.QUEUED)
    attempt: Mapped[int] = mapped_column(default=0)  # raised by each request; the job's guard
    version_id: Mapped[int | None] = mapped_column(  # the published version the file shows
        ForeignKey("schedule_versions.id", ondelete="SET NULL")
    )
    locale: Mapped[str] = mapped_column(String(16))  # the text of a PDF is in the asker's
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = created_at_column()
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    filename: Mapped[str] = mapped_column(String(120))
    mimetype: Mapped[str] = mapped_column(String(120))
    size: Mapped[int | None]
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    error: Mapped[str | None] = mapped_column(Text)

    requested_by: Mapped[User | None] = relationship()

    def expired(self, now: datetime) -> bool:
        if self.expires_at is None:
            return False
        expires = self.expires_at
        if expires.tzinfo is None:  # SQLite gives naive UTC
            expires = expires.replace(tzinfo=UTC)
        return now >= expires
