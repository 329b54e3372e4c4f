"""Reading the published schedule for agendas, table sheets and exports.

Only the *published* version is ever shown here; drafts stay in the organizers' pages. Agendas
and table sheets show it as it stands on the day (``scheduling.day_plan``): a meeting rebooked or
booked on the day appears in its new slot and table, marked as changed; a cancelled meeting or
a no-show is marked so.
A company's agenda is visible to its own representatives and to organizers; for anyone else the
company's agenda does not exist (404).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from matchmaker.access import acts_for
from matchmaker.caching import TIMETABLE, cached
from matchmaker.enums import MeetingStatus, Side
from matchmaker.extensions import db
from matchmaker.models import (
    Company,
    DayStatusChange,
    Event,
    Meeting,
    MeetingRequest,
    MeetingTable,
    ScheduleVersion,
    TimeSlot,
    User,
)
from matchmaker.scheduling.day_plan import Placement, day_plan
from matchmaker.timezones import own_zone


@dataclass(frozen=True)
class AgendaItem:
    meeting: Placement  # the meeting as it stands on the day (slot, table, video, interpreter)
    counterpart: Company
    starts_at: datetime  # UTC
    ends_at: datetime
    revision: int = 0  # how often the day moved it (the calendar's SEQUENCE grows with it)

    @property
    def where(self) -> str:
        if self.meeting.table is not None:
            return self.meeting.table.display_name
        return _("Online")

    @property
    def changed_on_the_day(self) -> bool:
        """Rebooked or booked on the fair day: not where the published schedule put it."""
        status = self.meeting.day_status
        return status is not None and status.slot_id is not None

    @property
    def fell_through(self) -> bool:
        return self.meeting.fell_through

    @property
    def status(self) -> MeetingStatus | None:
        return self.meeting.status


@dataclass
class Agenda:
    event: Event
    company: Company
    version: ScheduleVersion | None
    items: list[AgendaItem] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.version is not None

    @property
    def event_zone(self) -> ZoneInfo:
        return ZoneInfo(self.event.timezone)

    @property
    def home_zone(self) -> ZoneInfo | None:
        """The company's own time zone when it differs from the venue's (Brussels vs Beijing)."""
        return own_zone(
            self.company.country, self.event.timezone, [i.starts_at for i in self.items]
        )


def can_see_company(actor: User, company: Company) -> bool:
    return acts_for(actor, company.id)


def published_version(event: Event) -> ScheduleVersion | None:
    if event.published_version_id is None:
        return None
    return db.session.get(ScheduleVersion, event.published_version_id)


def company_agenda(event: Event, company: Company, actor: User) -> Agenda:
    if not can_see_company(actor, company):
        raise NotFound()
    version = published_version(event)
    agenda = Agenda(event=event, company=company, version=version)
    if version is None:
        return agenda
    revisions = day_moves(event, company.id)
    for placement in day_plan(event, company_id=company.id).placements:
        request = placement.request
        other = (
            request.to_company if request.from_company_id == company.id else request.from_company
        )
        agenda.items.append(
            AgendaItem(
                placement,
                other,
                placement.slot.starts_at,
                placement.slot.ends_at,
                revisions.get(request.id, 0),
            )
        )
    return agenda


def day_moves(event: Event, company_id: int) -> dict[int, int]:
    """Request id → how many times the fair day placed it anew (rebooked or booked)."""
    return dict(
        db.session.execute(
            select(DayStatusChange.request_id, func.count())
            .join(MeetingRequest, MeetingRequest.id == DayStatusChange.request_id)
            .where(
                DayStatusChange.event_id == event.id,
                DayStatusChange.field == "slot_id",
                (MeetingRequest.from_company_id == company_id)
                | (MeetingRequest.to_company_id == company_id),
            )
            .group_by(DayStatusChange.request_id)
        ).all()
    )


def schedule_as_it_stands(event: Event) -> list[Placement]:
    """Every meeting of the published schedule where it stands now (``scheduling.day_plan``): a
    rebooked meeting in its new slot and table, a meeting booked on the day included, one that
    fell through marked by its status. What the schedule exports list."""
    return day_plan(event).placements


@dataclass
class TableSheet:
    table: MeetingTable
    rows: list[tuple[TimeSlot, Placement | None]]


def table_sheets(event: Event) -> list[TableSheet]:
    """For floor staff: who sits at each table, slot by slot (empty slots included), as the day
    stands: rebooked meetings at their new table, fallen-through ones left out."""
    by_table: dict[int, dict[int, Placement]] = defaultdict(dict)
    for placement in day_plan(event).meetings:
        if placement.table_id is not None:
            by_table[placement.table_id][placement.slot_id] = placement
    slots = list(
        db.session.scalars(
            select(TimeSlot)
            .where(TimeSlot.event_id == event.id, TimeSlot.closed.is_(False))
            .order_by(TimeSlot.starts_at)
        )
    )
    tables = db.session.scalars(
        select(MeetingTable).where(MeetingTable.event_id == event.id).order_by(MeetingTable.number)
    )
    return [
        TableSheet(table, [(slot, by_table[table.id].get(slot.id)) for slot in slots])
        for table in tables
        if table.id in by_table
    ]


@dataclass(frozen=True)
class TimetableSummary:
    """The public view of a published schedule: counts only, no names or personal data (plain
    values, so the summary can be cached)."""

    slots: list[tuple[datetime, int]]  # (slot start in UTC, meetings), slots with meetings
    meetings: int
    companies_by_side: dict[Side, int]


def timetable_summary(event: Event) -> TimetableSummary | None:
    """Counted in SQL and cached until the schedule or its slots change (``caching``)."""
    if event.published_version_id is None:
        return None
    return cached(
        TIMETABLE, f"event-{event.id}", lambda: _count_timetable(event.published_version_id)
    )


def _count_timetable(version_id: int) -> TimetableSummary:
    per_slot = db.session.execute(
        select(TimeSlot.starts_at, func.count(Meeting.id))
        .join(Meeting, Meeting.slot_id == TimeSlot.id)
        .where(Meeting.version_id == version_id)
        .group_by(TimeSlot.id, TimeSlot.starts_at)
        .order_by(TimeSlot.starts_at)
    ).all()
    in_meetings = (
        select(MeetingRequest.from_company_id.label("company_id"))
        .join(Meeting, Meeting.request_id == MeetingRequest.id)
        .where(Meeting.version_id == version_id)
        .union(
            select(MeetingRequest.to_company_id)
            .join(Meeting, Meeting.request_id == MeetingRequest.id)
            .where(Meeting.version_id == version_id)
        )
        .subquery()
    )
    by_side = dict.fromkeys(Side, 0)
    for side, count in db.session.execute(
        select(Company.side, func.count())
        .join(in_meetings, in_meetings.c.company_id == Company.id)
        .group_by(Company.side)
    ):
        by_side[side] = count
    return TimetableSummary(
        slots=[(starts_at, count) for starts_at, count in per_slot],
        meetings=sum(count for _starts_at, count in per_slot),
        companies_by_side=by_side,
    )
