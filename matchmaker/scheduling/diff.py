"""What changes for participants between two schedule versions (computed, never stored)."""

from __future__ import annotations

from dataclasses import dataclass, field

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


def compare_versions(before: ScheduleVersion | None, after: ScheduleVersion) -> VersionDiff:
    old = {m.request_id: m for m in (before.meetings if before else [])}
    new = {m.request_id: m for m in after.meetings}
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
