"""Reads for the fair day: the live floor view and the check-in desk's company search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from matchmaker.enums import MeetingStatus, ParticipationStatus
from matchmaker.extensions import db
from matchmaker.languages.formatting import format_slot
from matchmaker.models import (
    CheckIn,
    Company,
    DayStatusChange,
    Event,
    MeetingTable,
    Participation,
    TimeSlot,
)
from matchmaker.scheduling.day_plan import Placement, day_plan, placement_facts


@dataclass
class FloorView:
    event: Event
    now: datetime
    slots: list[TimeSlot]
    slot: TimeSlot | None  # the slot running now, else the next one
    running: bool  # whether ``slot`` is under way at ``now``
    tables: list[Placement]  # meetings of ``slot`` on this page
    no_shows: list[Placement]  # the first ``NO_SHOWS_SHOWN`` meetings marked a no-show
    no_show_count: int  # every meeting marked a no-show
    held: int  # meetings marked held
    checked_in: int
    participating: int
    page: int = 1
    pages: int = 1
    meetings_in_slot: int = 0

    @property
    def first_row(self) -> int:
        return (self.page - 1) * TABLES_PER_PAGE + 1


TABLES_PER_PAGE = 40  # tables of the slot per page of the floor view
NO_SHOWS_SHOWN = 50


def floor_view(event: Event, now: datetime, slot_id: int | None = None, page: int = 1) -> FloorView:
    """What the floor looks like at ``now`` (injectable: tests and rehearsals pass a time);
    ``slot_id`` shows another slot's tables instead of the current one; ``page`` the slot's
    tables by ``TABLES_PER_PAGE``. A naive ``now`` is taken as UTC. Reads the slot's meetings,
    the listed no-shows and the counters, never the whole edition's meetings as objects."""
    now = _aware(now)
    slots: list[TimeSlot] = list(
        db.session.scalars(
            select(TimeSlot)
            .where(TimeSlot.event_id == event.id, TimeSlot.closed.is_(False))
            .order_by(TimeSlot.starts_at)
        )
    )
    current = next((s for s in slots if _aware(s.starts_at) <= now < _aware(s.ends_at)), None)
    running = current is not None
    if current is None:
        current = next((s for s in slots if _aware(s.starts_at) > now), None)
    if slot_id is not None:
        chosen = next((s for s in slots if s.id == slot_id), None)
        if chosen is not None and chosen is not current:
            current, running = chosen, False
    in_slot = day_plan(event, slot_id=current.id).placements if current is not None else []
    pages = max(1, -(-len(in_slot) // TABLES_PER_PAGE))
    page = min(max(1, page), pages)
    facts = placement_facts(event)
    no_show_ids = [f.request_id for f in facts if f.status == MeetingStatus.NO_SHOW]
    shown = set(no_show_ids[:NO_SHOWS_SHOWN])
    no_shows = (
        [p for p in day_plan(event, request_ids=shown).placements if p.request_id in shown]
        if shown
        else []
    )
    return FloorView(
        event=event,
        now=now,
        slots=slots,
        slot=current,
        running=running,
        tables=in_slot[(page - 1) * TABLES_PER_PAGE : page * TABLES_PER_PAGE],
        no_shows=no_shows,
        no_show_count=len(no_show_ids),
        held=sum(1 for f in facts if f.status == MeetingStatus.HELD),
        checked_in=db.session.scalar(
            select(func.count()).select_from(CheckIn).where(CheckIn.event_id == event.id)
        )
        or 0,
        participating=db.session.scalar(
            select(func.count())
            .select_from(Participation)
            .where(
                Participation.event_id == event.id,
                Participation.status == ParticipationStatus.APPROVED,
            )
        )
        or 0,
        page=page,
        pages=pages,
        meetings_in_slot=len(in_slot),
    )


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they are stored in UTC."""
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class DeskRow:
    company: Company
    checked_in_at: datetime | None


def desk_row(event: Event, company: Company) -> DeskRow | None:
    """The company's desk row (None unless it takes part: approved participation)."""
    found = db.session.execute(
        select(Company, CheckIn.checked_in_at)
        .join(Participation, Participation.company_id == Company.id)
        .outerjoin(CheckIn, (CheckIn.company_id == Company.id) & (CheckIn.event_id == event.id))
        .where(
            Company.id == company.id,
            Participation.event_id == event.id,
            Participation.status == ParticipationStatus.APPROVED,
        )
    ).first()
    return DeskRow(found[0], found[1]) if found else None


def check_in_desk(event: Event, search: str = "", limit: int = 50) -> list[DeskRow]:
    """Participating companies whose name (Latin or Chinese) contains ``search``, with their
    check-in time: one query."""
    query = (
        select(Company, CheckIn.checked_in_at)
        .join(Participation, Participation.company_id == Company.id)
        .outerjoin(CheckIn, (CheckIn.company_id == Company.id) & (CheckIn.event_id == event.id))
        .where(
            Participation.event_id == event.id,
            Participation.status == ParticipationStatus.APPROVED,
        )
        .order_by(Company.name)
        .limit(limit)
    )
    if search:
        escaped = search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            func.lower(Company.name).like(pattern, escape="\\")
            | func.lower(Company.name_zh).like(pattern, escape="\\")
        )
    return [DeskRow(company, at) for company, at in db.session.execute(query)]


DAY_STATUS_FIELDS = {
    "status": _l("Status"),
    "absent_company_id": _l("Absent company"),
    "slot_id": _l("Slot"),
    "table_id": _l("Table"),
}


@dataclass(frozen=True)
class TrailEntry:
    change: DayStatusChange
    what: str
    before: str
    after: str


def day_status_trail(event: Event, request_id: int) -> list[TrailEntry]:
    """Every change of a meeting's day status, oldest first, in words (shown to organizers)."""
    changes = list(
        db.session.scalars(
            select(DayStatusChange)
            .where(DayStatusChange.request_id == request_id)
            .options(selectinload(DayStatusChange.changed_by))
            .order_by(DayStatusChange.id)
        )
    )
    zone = ZoneInfo(event.timezone)

    def words(field: str, value: str | None) -> str:
        if value is None:
            return "–"
        if field == "status":
            return _(MeetingStatus(value).label)
        if field == "absent_company_id":
            company = db.session.get(Company, int(value))
            return company.name if company else "–"
        if field == "slot_id":
            slot = db.session.get(TimeSlot, int(value))
            return format_slot(slot.starts_at, zone) if slot else "–"
        if field == "table_id":
            table = db.session.get(MeetingTable, int(value))
            return (table.name or str(table.number)) if table else "–"
        return value

    return [
        TrailEntry(
            c,
            str(DAY_STATUS_FIELDS.get(c.field, c.field)),
            words(c.field, c.old_value),
            words(c.field, c.new_value),
        )
        for c in changes
    ]
