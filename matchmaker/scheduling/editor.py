"""The schedule editor's read side: one day of a version as a grid (slots × tables, or slots ×
companies), filtered and paginated so a 2,000-company fair opens in a fraction of a second; free
capacity per slot; the panel of one meeting (or unscheduled request) with the slots it can move
to and why the others are refused.

Everything comes from ``Occupancy`` (a few tuple queries), never from ORM objects per meeting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import func, select

from matchmaker.enums import ParticipationStatus
from matchmaker.extensions import db
from matchmaker.models import (
    Company,
    Event,
    EventDay,
    Meeting,
    MeetingRequest,
    MeetingTable,
    Participation,
    ScheduleVersion,
    TimeSlot,
)
from matchmaker.scheduling.occupancy import MeetingRow, Occupancy, SlotOffer, company_names
from matchmaker.timezones import own_zone

PAGE_SIZE = 40
VIEWS = ("tables", "companies")
STATUSES = ("all", "pinned", "changed", "online")
ONLINE_ROW = "online"


@dataclass(frozen=True)
class EditorFilters:
    view: str = "tables"
    day_id: int | None = None
    slot_id: int | None = None
    company: str = ""  # part of a company's name
    status: str = "all"
    page: int = 1

    def query(self, **changes) -> str:
        """The editor's query string for these filters (with ``changes``), defaults left out."""
        values = {
            "view": self.view,
            "day": self.day_id,
            "slot": self.slot_id,
            "q": self.company,
            "status": self.status,
            "page": self.page,
        }
        values.update(changes)
        defaults = {"view": "tables", "status": "all", "page": 1, "q": ""}
        return urlencode(
            {k: v for k, v in values.items() if v is not None and defaults.get(k) != v}
        )


@dataclass(frozen=True)
class Capacity:
    slot: TimeSlot
    tables_free: int
    tables_total: int
    interpreters_free: dict[str, int]


@dataclass
class EditorGrid:
    version: ScheduleVersion
    event: Event
    filters: EditorFilters
    days: list[EventDay]
    day: EventDay | None
    columns: list[TimeSlot]
    rows: list[tuple[str, str]]  # (row key, label): "t12" / "online" / "c85"
    cells: dict[tuple[str, int], list[MeetingRow]]
    names: dict[int, str]
    capacity: dict[int, Capacity]
    changed: set[int]  # request ids placed differently from the published version
    matching: set[int] | None  # company ids matching the name filter (None: no filter)
    page: int
    pages: int
    total_rows: int
    meetings_in_version: int
    pools: dict[str, int] = field(default_factory=dict)
    table_names: dict[int, str] = field(default_factory=dict)
    day_slots: list[TimeSlot] = field(default_factory=list)  # every slot of the day shown

    def shown(self, row: MeetingRow) -> bool:
        """Whether a meeting passes the status and company filters (others show as busy)."""
        status = self.filters.status
        if status == "pinned" and not row.pinned:
            return False
        if status == "changed" and row.request_id not in self.changed:
            return False
        if status == "online" and row.table_id is not None:
            return False
        return self.matching is None or bool(self.matching & set(row.company_ids))

    @cached_property
    def cell_query(self) -> Markup:
        """The filters' query string of every meeting link (built once per grid, not per
        cell)."""
        return escape(self.filters.query())

    @staticmethod
    def cell_id(row_key: str, slot_id: int) -> str:
        return f"cell-{slot_id}-{row_key}"

    def cell_html(self, row_key: str, slot: TimeSlot) -> Markup:
        """One grid cell. Rendered here rather than by a Jinja macro: a page has about 600 of
        them, and a macro call per cell was half of the page's time."""
        meetings = self.cells.get((row_key, slot.id), [])
        query = self.cell_query
        parts = [
            f'<td id="{self.cell_id(row_key, slot.id)}" class="cell{"" if meetings else " free"}">'
        ]
        for m in meetings:
            if not self.shown(m):
                parts.append(f'<span class="busy" title="{escape(_("Another meeting"))}">·</span>')
                continue
            both = f"{self.names.get(m.from_id, '')} – {self.names.get(m.to_id, '')}"
            if row_key.startswith("c"):
                other = m.to_id if row_key == f"c{m.from_id}" else m.from_id
                label = self.names.get(other, "")
                if m.table_id:
                    label += f" · {self.table_names.get(m.table_id, '')}"
            else:
                label = both
            classes = "meeting"
            if m.pinned:
                classes += " pinned"
            if m.request_id in self.changed:
                classes += " changed"
            parts.append(
                f'<a class="{classes}" href="?{query}&amp;meeting={m.meeting_id}#panel" '
                f'data-meeting="{m.meeting_id}" title="{escape(both)}">{escape(label)}</a>'
            )
        parts.append("</td>")
        return Markup("".join(parts))


def editor_grid(
    version: ScheduleVersion, filters: EditorFilters, occupancy: Occupancy | None = None
) -> EditorGrid:
    event = db.session.get(Event, version.event_id)
    days = list(event.days)
    day = grid_day(event, filters)
    occupancy = occupancy or Occupancy.of(version, day.id if day else None)
    columns = [s for s in occupancy.slots if day is not None and s.day_id == day.id]
    day_slots = list(columns)
    if filters.slot_id is not None:
        columns = [s for s in columns if s.id == filters.slot_id] or columns
    matching = _matching_companies(event, filters.company) if filters.company else None
    if filters.view == "companies":
        all_rows = _company_rows(event, matching)
    else:
        all_rows = [(f"t{t.id}", t.name or str(t.number)) for t in occupancy.tables]
        all_rows.append((ONLINE_ROW, ""))
    pages = max(1, math.ceil(len(all_rows) / PAGE_SIZE))
    page = min(max(1, filters.page), pages)
    rows = all_rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    cells = _cells(occupancy, rows, {s.id for s in columns}, filters.view)
    shown_companies = {c for meetings in cells.values() for m in meetings for c in m.company_ids}
    names = company_names(shown_companies)
    if filters.view == "companies":
        names.update({int(key[1:]): label for key, label in rows})
    return EditorGrid(
        version=version,
        event=event,
        filters=filters,
        days=days,
        day=day,
        columns=columns,
        rows=rows,
        cells=cells,
        names=names,
        capacity={s.id: capacity_of(occupancy, s) for s in columns},
        changed=changed_requests(version, occupancy),
        matching=matching,
        page=page,
        pages=pages,
        total_rows=len(all_rows),
        meetings_in_version=len(occupancy.rows)
        if occupancy.complete
        else db.session.scalar(
            select(func.count()).select_from(Meeting).where(Meeting.version_id == version.id)
        )
        or 0,
        pools=occupancy.pools,
        table_names={t.id: t.name or str(t.number) for t in occupancy.tables},
        day_slots=day_slots,
    )


def grid_day(event: Event, filters: EditorFilters) -> EventDay | None:
    """The day the grid shows: the one asked for, else the first."""
    days = list(event.days)
    return next((d for d in days if d.id == filters.day_id), days[0] if days else None)


def load_occupancy(version: ScheduleVersion, filters: EditorFilters, offers: bool) -> Occupancy:
    """Every meeting when a panel needs the slots a meeting can go to; else the grid's day."""
    if offers:
        return Occupancy.of(version)
    day = grid_day(db.session.get(Event, version.event_id), filters)
    return Occupancy.of(version, day.id if day else None)


def capacity_of(occupancy: Occupancy, slot: TimeSlot) -> Capacity:
    total = occupancy.tables_available(slot)
    used = occupancy.interpreters_in_use(slot)
    return Capacity(
        slot,
        max(0, total - occupancy.tables_in_use(slot)),
        total,
        {language: occupancy.pools[language] - count for language, count in used.items()},
    )


def _cells(occupancy: Occupancy, rows, slot_ids: set[int], view: str):
    wanted = {key for key, _label in rows}
    cells: dict[tuple[str, int], list[MeetingRow]] = {}
    for slot_id in slot_ids:
        for row in occupancy.by_slot.get(slot_id, []):
            if view == "companies":
                keys = [f"c{c}" for c in row.company_ids]
            else:
                keys = [f"t{row.table_id}" if row.table_id is not None else ONLINE_ROW]
            for key in keys:
                if key in wanted:
                    cells.setdefault((key, slot_id), []).append(row)
    return cells


def _matching_companies(event: Event, text: str) -> set[int]:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    return set(
        db.session.scalars(
            select(Company.id)
            .join(Participation, Participation.company_id == Company.id)
            .where(
                Participation.event_id == event.id,
                func.lower(Company.name).like(pattern, escape="\\")
                | func.lower(Company.name_zh).like(pattern, escape="\\"),
            )
        )
    )


def _company_rows(event: Event, matching: set[int] | None) -> list[tuple[str, str]]:
    query = (
        select(Company.id, Company.name)
        .join(Participation, Participation.company_id == Company.id)
        .where(
            Participation.event_id == event.id,
            Participation.status == ParticipationStatus.APPROVED,
        )
        .order_by(Company.name, Company.id)
    )
    if matching is not None:
        query = query.where(Company.id.in_(matching or {-1}))
    return [(f"c{company_id}", name) for company_id, name in db.session.execute(query)]


def changed_requests(version: ScheduleVersion, occupancy: Occupancy) -> set[int]:
    """Requests this version places differently from the published one (or newly)."""
    event = db.session.get(Event, version.event_id)
    if event.published_version_id is None or event.published_version_id == version.id:
        return set()
    published = {
        request_id: (slot_id, table_id)
        for request_id, slot_id, table_id in db.session.execute(
            select(Meeting.request_id, Meeting.slot_id, Meeting.table_id).where(
                Meeting.version_id == event.published_version_id
            )
        )
    }
    return {
        row.request_id
        for row in occupancy.rows
        if published.get(row.request_id) != (row.slot_id, row.table_id)
    }


# --- the panel of one meeting or request ---------------------------------------------------------


@dataclass
class EditorPanel:
    request: MeetingRequest
    meeting: Meeting | None  # None: an unscheduled request to place
    free: list[SlotOffer]
    blocked: list[SlotOffer]
    # (company name, its own zone) of each of the two companies whose clock differs from the
    # venue's: every time of the panel is shown in the venue's zone and in these
    home_zones: list[tuple[str, ZoneInfo]] = field(default_factory=list)


def editor_panel(
    version: ScheduleVersion,
    occupancy: Occupancy,
    *,
    meeting_id: int | None = None,
    request_id: int | None = None,
) -> EditorPanel | None:
    """The slots a meeting (or an unscheduled request) can go to, and why not the others."""
    meeting = None
    if meeting_id is not None:
        meeting = db.session.get(Meeting, meeting_id)
        if meeting is None or meeting.version_id != version.id:
            return None
        request = meeting.request
    else:
        request = db.session.get(MeetingRequest, request_id) if request_id else None
        if request is None or request.event_id != version.event_id:
            return None
    moving = next((r for r in occupancy.rows if meeting and r.meeting_id == meeting.id), None)
    offers = occupancy.offers(request, moving)
    current = meeting.slot_id if meeting else None
    free = [o for o in offers if o.free and o.slot.id != current]
    blocked = [o for o in offers if not o.free and o.slot.id != current]
    return EditorPanel(request, meeting, free, blocked, _home_zones(version, request, occupancy))


def _home_zones(
    version: ScheduleVersion, request: MeetingRequest, occupancy: Occupancy
) -> list[tuple[str, ZoneInfo]]:
    venue = db.session.get(Event, version.event_id).timezone
    moments = [slot.starts_at for slot in occupancy.slots]
    found = []
    for company in (request.from_company, request.to_company):
        zone = own_zone(company.country, venue, moments)
        if zone is not None:
            found.append((company.name, zone))
    return found


def table_label(table: MeetingTable | None) -> str:
    return (table.name or str(table.number)) if table else ""
