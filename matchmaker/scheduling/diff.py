"""What changes for participants between two schedule versions (computed, never stored)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matchmaker.extensions import db
from matchmaker.models import Meeting, ScheduleVersion


@dataclass
class VersionDiff:
    """What changes for participants between two versions, by request id."""

    added: list[Meeting] = field(default_factory=list)
    moved: list[tuple[Meeting, Meeting]] = field(default_factory=list)  # (before, after)
    removed: list[Meeting] = field(default_factory=list)
    unchanged: int = 0

    @property
    def affected_company_ids(self) -> set[int]:
        meetings = [*self.added, *self.removed, *(after for _, after in self.moved)]
        return {
            company_id
            for meeting in meetings
            for company_id in (meeting.request.from_company_id, meeting.request.to_company_id)
        }


def _meetings(version: ScheduleVersion) -> list[Meeting]:
    """The version's meetings with their request in two queries (not one per meeting: a
    2,000-company fair has thousands). Companies, slots and tables load when shown."""
    db.session.flush()
    return list(
        db.session.scalars(
            select(Meeting)
            .where(Meeting.version_id == version.id)
            .options(selectinload(Meeting.request))
        )
    )


def compare_versions(before: ScheduleVersion | None, after: ScheduleVersion) -> VersionDiff:
    old = {m.request_id: m for m in (_meetings(before) if before else [])}
    new = {m.request_id: m for m in _meetings(after)}
    diff = VersionDiff()
    for request_id, meeting in new.items():
        previous = old.get(request_id)
        if previous is None:
            diff.added.append(meeting)
        elif (previous.slot_id, previous.table_id, previous.mode) != (
            meeting.slot_id,
            meeting.table_id,
            meeting.mode,
        ):
            diff.moved.append((previous, meeting))
        else:
            diff.unchanged += 1
    diff.removed = [m for request_id, m in old.items() if request_id not in new]
    return diff
