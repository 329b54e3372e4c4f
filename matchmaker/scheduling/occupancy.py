"""Who and what is busy in each slot of a schedule version, loaded in a handful of queries, for
the schedule editor: free capacity per slot (tables, interpreters) and the slots a meeting can
move to, with the reason for every other one.

The offer mirrors the draft editor's conflict rules (``editing.placement_conflicts`` and the
first-free-table choice of ``editing._place``) without loading ORM objects per meeting; a
property test checks that both agree over random edits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from matchmaker.enums import AttendanceMode
from matchmaker.extensions import db
from matchmaker.models import (
    Company,
    InterpreterPool,
    Meeting,
    MeetingRequest,
    MeetingTable,
    Participation,
    ScheduleVersion,
    SlotUnavailability,
    TimeSlot,
    participation_days,
)
from matchmaker.reference import language_name
from matchmaker.scheduling.instance_export import interpreter_language


@dataclass(frozen=True)
class MeetingRow:
    meeting_id: int
    request_id: int
    from_id: int
    to_id: int
    slot_id: int
    table_id: int | None
    interpreter_language: str | None
    pinned: bool

    @property
    def company_ids(self) -> tuple[int, int]:
        return self.from_id, self.to_id


@dataclass(frozen=True)
class Presence:
    delegates: int
    day_ids: frozenset[int]
    unavailable: frozenset[int]
    remote: bool


@dataclass(frozen=True)
class SlotOffer:
    slot: TimeSlot
    table: MeetingTable | None  # the table a move would take (None: online)
    problems: tuple[str, ...]

    @property
    def free(self) -> bool:
        return not self.problems


@dataclass
class Occupancy:
    version_id: int
    event_id: int
    slots: list[TimeSlot]  # every slot of the edition, in time order
    tables: list[MeetingTable]  # by number
    pools: dict[str, int]
    rows: list[MeetingRow]
    complete: bool = True  # False: only the meetings of some slots were loaded (a grid's day)
    by_slot: dict[int, list[MeetingRow]] = field(default_factory=dict)
    _presence: dict[int, Presence] | None = None
    _absent: set[int] = field(default_factory=set)  # asked for, without a participation

    def presence_of(self, company_ids: set[int]) -> dict[int, Presence]:
        """Company id → its participation, for ``company_ids`` (read when first asked: the grid
        does not need it, and a meeting's offer needs its two companies, not the edition's
        2,000)."""
        if self._presence is None:
            self._presence = {}
        missing = company_ids - self._presence.keys() - self._absent
        if missing:
            found = _presence(self.event_id, missing)
            self._presence.update(found)
            self._absent.update(missing - found.keys())
        return {c: self._presence[c] for c in company_ids if c in self._presence}

    def __post_init__(self) -> None:
        by_slot: dict[int, list[MeetingRow]] = defaultdict(list)
        for row in self.rows:
            by_slot[row.slot_id].append(row)
        self.by_slot = dict(by_slot)

    @classmethod
    def of(cls, version: ScheduleVersion, day_id: int | None = None) -> Occupancy:
        """The version's occupancy; with ``day_id`` only that day's meetings (for the grid)."""
        event_id = version.event_id
        db.session.flush()
        rows = [
            MeetingRow(*values)
            for values in db.session.execute(
                select(
                    Meeting.id,
                    Meeting.request_id,
                    MeetingRequest.from_company_id,
                    MeetingRequest.to_company_id,
                    Meeting.slot_id,
                    Meeting.table_id,
                    Meeting.interpreter_language,
                    Meeting.pinned,
                )
                .join(MeetingRequest, MeetingRequest.id == Meeting.request_id)
                .where(
                    Meeting.version_id == version.id,
                    *(
                        [Meeting.slot_id.in_(select(TimeSlot.id).where(TimeSlot.day_id == day_id))]
                        if day_id is not None
                        else []
                    ),
                )
            )
        ]
        slots = list(
            db.session.scalars(
                select(TimeSlot).where(TimeSlot.event_id == event_id).order_by(TimeSlot.starts_at)
            )
        )
        tables = list(
            db.session.scalars(
                select(MeetingTable)
                .where(MeetingTable.event_id == event_id)
                .order_by(MeetingTable.number)
            )
        )
        pools = dict(
            db.session.execute(
                select(InterpreterPool.language, InterpreterPool.per_slot).where(
                    InterpreterPool.event_id == event_id
                )
            ).all()
        )
        return cls(version.id, event_id, slots, tables, pools, rows, complete=day_id is None)

    # --- capacity ------------------------------------------------------------------------

    def tables_in_use(self, slot: TimeSlot) -> int:
        return sum(1 for row in self.by_slot.get(slot.id, []) if row.table_id is not None)

    def tables_available(self, slot: TimeSlot) -> int:
        return sum(
            1 for t in self.tables if slot.table_count is None or t.number <= slot.table_count
        )

    def interpreters_in_use(self, slot: TimeSlot) -> dict[str, int]:
        used: dict[str, int] = {language: 0 for language in self.pools}
        for row in self.by_slot.get(slot.id, []):
            if row.interpreter_language in used:
                used[row.interpreter_language] += 1
        return used

    def meetings_of(self, company_id: int) -> list[MeetingRow]:
        return [row for row in self.rows if company_id in row.company_ids]

    # --- where a meeting can go ----------------------------------------------------------

    def offers(
        self,
        request: MeetingRequest,
        moving: MeetingRow | None,
    ) -> list[SlotOffer]:
        """Every slot of the edition with the table a placement would take there and every rule
        it would break: ``moving`` is the meeting being moved (None: a new meeting)."""
        assert self.complete, "offers need every meeting of the version"
        language = interpreter_language(
            request.from_company.languages, request.to_company.languages, set(self.pools)
        )
        presence = self.presence_of({request.from_company_id, request.to_company_id})
        online = any(p.remote for p in presence.values())
        names = {request.from_company_id: request.from_company.name}
        names[request.to_company_id] = request.to_company.name
        return [
            self._offer(request, moving, slot, language, online, names, presence)
            for slot in self.slots
        ]

    def _offer(self, request, moving, slot, language, online, names, presences) -> SlotOffer:
        problems: list[str] = []
        if slot.closed:
            problems.append(_("The slot is closed."))
        in_slot = self.by_slot.get(slot.id, [])
        others = [
            row
            for row in in_slot
            if (moving is None or row.meeting_id != moving.meeting_id)
            and row.request_id != request.id
        ]
        for company_id in (request.from_company_id, request.to_company_id):
            name = names[company_id]
            presence = presences.get(company_id)
            if presence is None:
                problems.append(_("%(company)s does not take part in this edition.", company=name))
                continue
            if slot.day_id not in presence.day_ids:
                problems.append(_("%(company)s is not present that day.", company=name))
            elif slot.id in presence.unavailable:
                problems.append(_("%(company)s is unavailable in that slot.", company=name))
            busy = sum(1 for row in others if company_id in row.company_ids)
            if busy >= presence.delegates:
                problems.append(_("%(company)s already has a meeting in that slot.", company=name))
        table = None
        if not online:
            taken = {row.table_id for row in in_slot}  # as editing._free_table sees them
            table = next(
                (
                    t
                    for t in self.tables
                    if (slot.table_count is None or t.number <= slot.table_count)
                    and t.id not in taken
                ),
                None,
            )
        if language is not None:
            in_use = sum(1 for row in others if row.interpreter_language == language)
            if in_use >= self.pools[language]:
                problems.append(
                    _(
                        "All %(count)d %(language)s interpreters are busy in that slot.",
                        count=self.pools[language],
                        language=language_name(language),
                    )
                )
        if not online and table is None:
            problems.append(_("Every table is taken in that slot."))
        return SlotOffer(slot, table, tuple(problems))


def _presence(event_id: int, company_ids: set[int]) -> dict[int, Presence]:
    """The participations of ``company_ids`` in the edition: delegates, days, unavailable
    slots and whether they attend remotely (three queries)."""
    participations = db.session.execute(
        select(
            Participation.id,
            Participation.company_id,
            Participation.delegates,
            Participation.attendance,
        ).where(Participation.event_id == event_id, Participation.company_id.in_(company_ids))
    ).all()
    ids = [row[0] for row in participations]
    days: dict[int, set[int]] = defaultdict(set)
    unavailable: dict[int, set[int]] = defaultdict(set)
    if ids:
        for participation_id, day_id in db.session.execute(
            select(participation_days.c.participation_id, participation_days.c.event_day_id).where(
                participation_days.c.participation_id.in_(ids)
            )
        ):
            days[participation_id].add(day_id)
        for participation_id, slot_id in db.session.execute(
            select(SlotUnavailability.participation_id, SlotUnavailability.slot_id).where(
                SlotUnavailability.participation_id.in_(ids)
            )
        ):
            unavailable[participation_id].add(slot_id)
    return {
        company_id: Presence(
            delegates,
            frozenset(days[pid]),
            frozenset(unavailable[pid]),
            attendance == AttendanceMode.REMOTE,
        )
        for pid, company_id, delegates, attendance in participations
    }


def company_names(company_ids) -> dict[int, str]:
    ids = set(company_ids)
    if not ids:
        return {}
    return dict(
        db.session.execute(select(Company.id, Company.name).where(Company.id.in_(ids))).all()
    )
