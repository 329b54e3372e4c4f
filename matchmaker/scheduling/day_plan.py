"""The day plan: the published schedule with the day's changes laid over it.

Day-of changes never touch the published version (published versions are frozen): a rebooked
meeting or a meeting booked into a freed slot is a ``MeetingDayStatus`` row whose slot and table
override the published placement. ``DayPlan`` offers ``event_id`` and ``meetings`` like a
``ScheduleVersion``, so ``matchmaker.scheduling.editing.placement_conflicts`` checks day-of
placements with exactly the rules of draft edits; meetings that fell through (no-show,
cancelled) are left out of ``meetings``, so their companies, table and interpreter are free.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from matchmaker.enums import MeetingStatus
from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    Meeting,
    MeetingDayStatus,
    MeetingRequest,
    MeetingTable,
    TimeSlot,
)
from matchmaker.scheduling.meeting_facts import video_link


@dataclass(eq=False)
class Placement:
    """One meeting as it stands on the day (quacks like a ``Meeting`` for the conflict rules)."""

    request: MeetingRequest
    slot: TimeSlot
    table: MeetingTable | None
    interpreter_language: str | None
    meeting: Meeting | None  # the published row; None when booked on the day
    day_status: MeetingDayStatus | None

    @property
    def request_id(self) -> int:
        return self.request.id

    @property
    def slot_id(self) -> int:
        return self.slot.id

    @property
    def table_id(self) -> int | None:
        return self.table.id if self.table else None

    @property
    def status(self) -> MeetingStatus | None:
        return self.day_status.status if self.day_status else None

    @property
    def fell_through(self) -> bool:
        return self.status is not None and self.status.fell_through

    @property
    def booked_on_day(self) -> bool:
        return self.meeting is None

    @property
    def company_ids(self) -> tuple[int, int]:
        return self.request.from_company_id, self.request.to_company_id

    @property
    def video_link(self) -> str | None:
        """The meeting's video room when it is held online (stable per request)."""
        if self.table is not None:
            return None
        if self.meeting is not None and self.meeting.video_link:
            return self.meeting.video_link
        return video_link(self.request.event_id, self.request_id)

    @property
    def where(self) -> str:
        if self.table is not None:
            return self.table.display_name
        return _("Online")


@dataclass
class DayPlan:
    event_id: int
    placements: list[Placement] = field(default_factory=list)

    @property
    def meetings(self) -> list[Placement]:
        """Meetings still taking place (what the conflict rules must respect)."""
        return [p for p in self.placements if not p.fell_through]

    def for_request(self, request_id: int) -> Placement | None:
        for placement in self.placements:
            if placement.request_id == request_id:
                return placement
        return None

    def in_slot(self, slot_id: int) -> list[Placement]:
        return [p for p in self.placements if p.slot_id == slot_id]

    def of_company(self, company_id: int) -> list[Placement]:
        return [p for p in self.placements if company_id in p.company_ids]


def day_plan(
    event: Event,
    *,
    company_id: int | None = None,
    request_id: int | None = None,
    slot_id: int | None = None,
    request_ids: Collection[int] | None = None,
) -> DayPlan:
    """The placements of the edition's published schedule and day-of bookings, in a fixed
    number of queries. ``company_id``, ``request_id`` or ``slot_id`` keep only the placements
    of one company, one request or one slot (where the meeting stands on the day, after any
    rebooking): a company's page or a status change reads a handful of rows, not the whole
    edition. A plan of one slot holds everything the conflict rules need for that slot.
    ``request_ids`` keeps the placements of these requests (the rows of one page)."""
    plan = DayPlan(event_id=event.id)
    status_query = select(MeetingDayStatus).where(MeetingDayStatus.event_id == event.id)
    meeting_query = select(Meeting).where(Meeting.version_id == event.published_version_id)
    if company_id is not None:
        of_company = select(MeetingRequest.id).where(
            MeetingRequest.event_id == event.id,
            or_(
                MeetingRequest.from_company_id == company_id,
                MeetingRequest.to_company_id == company_id,
            ),
        )
        status_query = status_query.where(MeetingDayStatus.request_id.in_(of_company))
        meeting_query = meeting_query.where(Meeting.request_id.in_(of_company))
    if request_id is not None:
        status_query = status_query.where(MeetingDayStatus.request_id == request_id)
        meeting_query = meeting_query.where(Meeting.request_id == request_id)
    if request_ids is not None:
        wanted = sorted(set(request_ids))
        status_query = status_query.where(MeetingDayStatus.request_id.in_(wanted))
        meeting_query = meeting_query.where(Meeting.request_id.in_(wanted))
    if slot_id is not None:
        # Rebooked meetings may have left the slot or come into it: read both ways, then keep
        # the placements that stand in the slot.
        moved_here = select(MeetingDayStatus.request_id).where(
            MeetingDayStatus.event_id == event.id, MeetingDayStatus.slot_id == slot_id
        )
        published_here = select(Meeting.request_id).where(
            Meeting.version_id == event.published_version_id, Meeting.slot_id == slot_id
        )
        status_query = status_query.where(
            or_(
                MeetingDayStatus.slot_id == slot_id,
                MeetingDayStatus.request_id.in_(published_here),
            )
        )
        meeting_query = meeting_query.where(
            or_(Meeting.slot_id == slot_id, Meeting.request_id.in_(moved_here))
        )
    statuses = {
        row.request_id: row
        for row in db.session.scalars(
            status_query.options(
                selectinload(MeetingDayStatus.slot),
                selectinload(MeetingDayStatus.table),
                selectinload(MeetingDayStatus.absent_company),
                selectinload(MeetingDayStatus.request).selectinload(MeetingRequest.from_company),
                selectinload(MeetingDayStatus.request).selectinload(MeetingRequest.to_company),
            )
        )
    }
    seen: set[int] = set()
    if event.published_version_id is not None:
        meetings = db.session.scalars(
            meeting_query.options(
                selectinload(Meeting.slot),
                selectinload(Meeting.table),
                selectinload(Meeting.request).selectinload(MeetingRequest.from_company),
                selectinload(Meeting.request).selectinload(MeetingRequest.to_company),
            )
        )
        for meeting in meetings:
            status = statuses.get(meeting.request_id)
            seen.add(meeting.request_id)
            if status is not None and status.slot is not None:
                plan.placements.append(
                    Placement(
                        meeting.request,
                        status.slot,
                        status.table,
                        status.interpreter_language,
                        meeting,
                        status,
                    )
                )
            else:
                plan.placements.append(
                    Placement(
                        meeting.request,
                        meeting.slot,
                        meeting.table,
                        meeting.interpreter_language,
                        meeting,
                        status,
                    )
                )
    for request_id, status in statuses.items():
        if request_id not in seen and status.slot is not None:  # booked on the day
            plan.placements.append(
                Placement(
                    status.request,
                    status.slot,
                    status.table,
                    status.interpreter_language,
                    None,
                    status,
                )
            )
    if slot_id is not None:
        plan.placements = [p for p in plan.placements if p.slot_id == slot_id]
    plan.placements.sort(
        key=lambda p: (p.slot.starts_at, p.table.number if p.table else 10**6, p.request_id)
    )
    return plan


@dataclass(frozen=True, slots=True)
class PlacementFacts:
    """One placement of the day plan as plain ids (no ORM object): what set-based pages and
    figures need to count, filter, order and paginate the whole edition cheaply."""

    request_id: int
    from_company_id: int
    to_company_id: int
    slot_id: int
    table_id: int | None
    status: MeetingStatus | None
    order: tuple  # the day plan's order: slot start, table number (online last), request

    @property
    def fell_through(self) -> bool:
        return self.status is not None and self.status.fell_through

    @property
    def company_ids(self) -> tuple[int, int]:
        return self.from_company_id, self.to_company_id


def placement_facts(event: Event) -> list[PlacementFacts]:
    """Every placement of ``day_plan(event)``, by the same rules (a day status with a slot
    moves the meeting; one for a request without a published meeting is a booking of the day),
    in the same order, read as columns in four queries."""
    slots: dict[int, object] = {
        slot_id: starts_at
        for slot_id, starts_at in db.session.execute(
            select(TimeSlot.id, TimeSlot.starts_at).where(TimeSlot.event_id == event.id)
        )
    }
    tables: dict[int, int] = {
        table_id: number
        for table_id, number in db.session.execute(
            select(MeetingTable.id, MeetingTable.number).where(MeetingTable.event_id == event.id)
        )
    }
    statuses = {
        request_id: (slot_id, table_id, status, from_id, to_id)
        for request_id, slot_id, table_id, status, from_id, to_id in db.session.execute(
            select(
                MeetingDayStatus.request_id,
                MeetingDayStatus.slot_id,
                MeetingDayStatus.table_id,
                MeetingDayStatus.status,
                MeetingRequest.from_company_id,
                MeetingRequest.to_company_id,
            )
            .join(MeetingRequest, MeetingRequest.id == MeetingDayStatus.request_id)
            .where(MeetingDayStatus.event_id == event.id)
        )
    }
    rows: list[tuple[int, int, int, int, int | None, MeetingStatus | None]] = []
    seen: set[int] = set()
    if event.published_version_id is not None:
        for request_id, from_id, to_id, slot_id, published_table in db.session.execute(
            select(
                Meeting.request_id,
                MeetingRequest.from_company_id,
                MeetingRequest.to_company_id,
                Meeting.slot_id,
                Meeting.table_id,
            )
            .join(MeetingRequest, MeetingRequest.id == Meeting.request_id)
            .where(Meeting.version_id == event.published_version_id)
        ):
            seen.add(request_id)
            table_id: int | None = published_table
            day = statuses.get(request_id)
            if day is not None:
                moved_to, moved_table = day[0], day[1]
                if moved_to is not None:
                    slot_id, table_id = moved_to, moved_table
            rows.append((request_id, from_id, to_id, slot_id, table_id, day[2] if day else None))
    for request_id, (booked_slot, booked_table, status, from_id, to_id) in statuses.items():
        if request_id not in seen and booked_slot is not None:  # booked on the day
            rows.append((request_id, from_id, to_id, booked_slot, booked_table, status))
    facts = [
        PlacementFacts(
            request_id,
            from_id,
            to_id,
            slot_id,
            table_id,
            status,
            (
                slots[slot_id],
                tables.get(table_id, 10**6) if table_id is not None else 10**6,
                request_id,
            ),
        )
        for request_id, from_id, to_id, slot_id, table_id, status in rows
    ]
    facts.sort(key=lambda f: f.order)
    return facts
