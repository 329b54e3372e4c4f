"""What changes for participants between two schedule versions (computed, never stored).

Set-based: each version's meetings are read once as plain tuples (``placements``), compared in
Python, and only the lines a page lists are given names, slots and tables, in three bulk
queries. The same tuples serve the review's figures, the publication's count of who is told
and the mailing, so a page reads each version's meetings once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from sqlalchemy import select

from matchmaker.enums import MeetingMode
from matchmaker.extensions import db
from matchmaker.models import (
    Company,
    Meeting,
    MeetingRequest,
    MeetingTable,
    ScheduleVersion,
    TimeSlot,
)

LISTED = 200  # lines of each kind a page lists (the editor shows every meeting)


@dataclass(frozen=True)
class Placed:
    """One meeting of a version as plain values (no ORM object per meeting)."""

    meeting_id: int
    request_id: int
    slot_id: int
    table_id: int | None
    table_number: int | None
    mode: MeetingMode
    from_id: int
    to_id: int

    @property
    def company_ids(self) -> tuple[int, int]:
        return self.from_id, self.to_id

    @property
    def where(self) -> tuple[int, int | None, MeetingMode]:
        return self.slot_id, self.table_id, self.mode


def placements(version: ScheduleVersion) -> list[Placed]:
    """Every meeting of ``version`` in time order (then by request), in one tuple query."""
    db.session.flush()
    rows = db.session.execute(
        select(
            Meeting.id,
            Meeting.request_id,
            Meeting.slot_id,
            Meeting.table_id,
            MeetingTable.number,
            Meeting.mode,
            MeetingRequest.from_company_id,
            MeetingRequest.to_company_id,
        )
        .join(MeetingRequest, MeetingRequest.id == Meeting.request_id)
        .join(TimeSlot, TimeSlot.id == Meeting.slot_id)
        .outerjoin(MeetingTable, MeetingTable.id == Meeting.table_id)
        .where(Meeting.version_id == version.id)
        .order_by(TimeSlot.starts_at, Meeting.request_id)
    )
    return [Placed(*row) for row in rows]


@dataclass(frozen=True)
class DiffLine:
    """One listed change, ready to show: the two companies, where it was and where it goes."""

    names: str
    before_slot: TimeSlot | None
    before_table: MeetingTable | None
    after_slot: TimeSlot | None
    after_table: MeetingTable | None


@dataclass
class DiffListing:
    added: list[DiffLine]
    moved: list[DiffLine]
    removed: list[DiffLine]


@dataclass
class VersionDiff:
    """What changes for participants between two versions, by request id."""

    added: list[Placed] = field(default_factory=list)
    moved: list[tuple[Placed, Placed]] = field(default_factory=list)  # (before, after)
    removed: list[Placed] = field(default_factory=list)
    unchanged: int = 0
    after: list[Placed] = field(default_factory=list)  # every meeting of the newer version
    _listing: DiffListing | None = None
    listed_per_kind: ClassVar[int] = LISTED

    @property
    def affected_company_ids(self) -> set[int]:
        meetings = [*self.added, *self.removed, *(after for _, after in self.moved)]
        return {company_id for meeting in meetings for company_id in meeting.company_ids}

    @property
    def truncated(self) -> bool:
        return max(len(self.added), len(self.moved), len(self.removed)) > LISTED

    def listing(self) -> DiffListing:
        """The first ``LISTED`` lines of each kind with names, slots and tables: three
        queries whatever the number of lines (computed once per diff)."""
        if self._listing is None:
            self._listing = _listing(self)
        return self._listing


def _listing(diff: VersionDiff) -> DiffListing:
    added, moved, removed = diff.added[:LISTED], diff.moved[:LISTED], diff.removed[:LISTED]
    rows = [*added, *removed, *(p for pair in moved for p in pair)]
    company_ids = {c for row in rows for c in row.company_ids}
    names = (
        dict(
            db.session.execute(
                select(Company.id, Company.name).where(Company.id.in_(company_ids))
            ).all()
        )
        if company_ids
        else {}
    )
    slot_ids = {row.slot_id for row in rows}
    slots = (
        {s.id: s for s in db.session.scalars(select(TimeSlot).where(TimeSlot.id.in_(slot_ids)))}
        if slot_ids
        else {}
    )
    table_ids = {row.table_id for row in rows if row.table_id is not None}
    tables = (
        {
            t.id: t
            for t in db.session.scalars(select(MeetingTable).where(MeetingTable.id.in_(table_ids)))
        }
        if table_ids
        else {}
    )

    def label(row: Placed) -> str:
        return f"{names.get(row.from_id, '')} – {names.get(row.to_id, '')}"

    def line(before: Placed | None, after: Placed | None) -> DiffLine:
        shown = after or before
        assert shown is not None  # a line has a meeting before, after, or both
        return DiffLine(
            label(shown),
            slots.get(before.slot_id) if before else None,
            tables.get(before.table_id) if before and before.table_id else None,
            slots.get(after.slot_id) if after else None,
            tables.get(after.table_id) if after and after.table_id else None,
        )

    return DiffListing(
        added=[line(None, row) for row in added],
        moved=[line(before, after) for before, after in moved],
        removed=[line(row, None) for row in removed],
    )


def compare_versions(
    before: ScheduleVersion | None,
    after: ScheduleVersion,
    *,
    after_rows: list[Placed] | None = None,
) -> VersionDiff:
    """The difference in two tuple queries (one when the caller already read ``after``)."""
    new_rows = placements(after) if after_rows is None else after_rows
    old = {p.request_id: p for p in (placements(before) if before else [])}
    diff = VersionDiff(after=new_rows)
    new_requests = set()
    for placed in new_rows:
        new_requests.add(placed.request_id)
        previous = old.get(placed.request_id)
        if previous is None:
            diff.added.append(placed)
        elif previous.where != placed.where:
            diff.moved.append((previous, placed))
        else:
            diff.unchanged += 1
    diff.removed = [p for request_id, p in old.items() if request_id not in new_requests]
    return diff
