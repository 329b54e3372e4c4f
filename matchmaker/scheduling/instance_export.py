"""Turning an event's rows into the solver's ``matchmaker-instance/1`` document.

Ids in the document: slot ``s<slot id>``, participant ``c<company id>``, request ``r<request
id>``. When two companies asked each other, the pair is one solver request named after the older
row; both rows' priorities add to its weight.

Weights (documented for organizers in the README):
- each request row contributes its requester's priority: nice to have 1, interested 2, top 3;
- an accepted request (the recipient agreed: mutual interest) counts double; a pair that asked
  each other is mutual too;
- pending requests are scheduled only when the event's set-up says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matchmaker.enums import ParticipationStatus, RequestPriority, RequestStatus
from matchmaker.extensions import db
from matchmaker.models import (
    Company,
    Event,
    InterpreterPool,
    Meeting,
    MeetingRequest,
    MeetingTable,
    Participation,
    ScheduleSetup,
    ScheduleVersion,
    SlotUnavailability,
    TimeSlot,
)
from matchmaker.scheduling.meeting_facts import interpreter_language, is_online_attendance

INSTANCE_FORMAT = "matchmaker-instance/1"
PRIORITY_POINTS = {RequestPriority.LOW: 1, RequestPriority.NORMAL: 2, RequestPriority.HIGH: 3}
MUTUAL_FACTOR = 2


def slot_key(slot_id: int) -> str:
    return f"s{slot_id}"


def company_key(company_id: int) -> str:
    return f"c{company_id}"


def request_key(request_id: int) -> str:
    return f"r{request_id}"


@dataclass
class _Pair:
    """One solver request: the meeting of two companies, from one or two request rows."""

    first: MeetingRequest
    rows: list[MeetingRequest]

    @property
    def weight(self) -> int:
        points = sum(PRIORITY_POINTS[row.priority] for row in self.rows)
        mutual = len(self.rows) > 1 or any(r.status == RequestStatus.ACCEPTED for r in self.rows)
        return points * (MUTUAL_FACTOR if mutual else 1)


def build_instance(event: Event, *, previous: ScheduleVersion | None = None) -> dict[str, Any]:
    """The document the scheduler solves for ``event`` now.

    Pinned meetings of the event's newest version become ``fixed_slot`` + ``required``;
    ``previous`` (the published version, when re-planning) becomes ``previous``.
    """
    setup = db.session.get(ScheduleSetup, event.id) or ScheduleSetup(event_id=event.id)
    zone = ZoneInfo(event.timezone)
    slots = _open_slots(event)
    day_numbers = {day_id: n for n, day_id in enumerate(_ordered_day_ids(event), start=1)}
    table_count = db.session.scalar(
        select(db.func.count()).select_from(MeetingTable).where(MeetingTable.event_id == event.id)
    )
    participations = _approved_participations(event)
    by_company = {p.company_id: p for p in participations}
    pairs = _pairs(event, set(by_company), include_pending=setup.include_pending_requests)
    pools = {
        pool.language: pool.per_slot
        for pool in db.session.scalars(
            select(InterpreterPool).where(InterpreterPool.event_id == event.id)
        )
    }
    unavailable = _unavailable_slots(event, participations, slots)
    pins = _pinned_meetings(event)

    document: dict[str, Any] = {
        "format": INSTANCE_FORMAT,
        "name": f"event-{event.id}",
        "slots": [
            {
                "id": slot_key(slot.id),
                "day": day_numbers[slot.day_id],
                "session": slot.session.value,
                "start": slot.starts_at.astimezone(zone).isoformat(timespec="minutes"),
                "end": slot.ends_at.astimezone(zone).isoformat(timespec="minutes"),
                "capacity": _capacity(slot, table_count),
            }
            for slot in slots
        ],
        "participants": [
            {
                "id": company_key(p.company_id),
                "side": p.company.side.value,
                "unavailable": unavailable[p.id],
                "parallel": p.delegates,
                "languages": p.company.languages,
            }
            for p in participations
        ],
        "requests": [],
        "interpreters": pools,
    }
    for pair in pairs:
        a, b = by_company[pair.first.from_company_id], by_company[pair.first.to_company_id]
        entry: dict[str, Any] = {
            "id": request_key(pair.first.id),
            "a": company_key(a.company_id),
            "b": company_key(b.company_id),
            "weight": pair.weight,
            "required": False,
        }
        language = interpreter_language(a.company.languages, b.company.languages, set(pools))
        if language:
            entry["interpreter"] = language
        if is_online_attendance((a.attendance, b.attendance)):
            entry["online"] = True
        pin = pins.get(pair.first.id)
        if pin is not None:
            entry["fixed_slot"] = slot_key(pin.slot_id)
            entry["required"] = True
        document["requests"].append(entry)
    if previous is not None:
        document["previous"] = [
            {
                "request": request_key(meeting.request_id),
                "slot": slot_key(meeting.slot_id),
                "table": meeting.table.number if meeting.table else None,
            }
            for meeting in previous.meetings
        ]
    return document


def _capacity(slot: TimeSlot, table_count: int) -> int:
    if slot.table_count is None:
        return table_count
    return min(slot.table_count, table_count)


def _open_slots(event: Event) -> list[TimeSlot]:
    return list(
        db.session.scalars(
            select(TimeSlot)
            .where(TimeSlot.event_id == event.id, TimeSlot.closed.is_(False))
            .order_by(TimeSlot.starts_at)
        )
    )


def _ordered_day_ids(event: Event) -> list[int]:
    return [day.id for day in event.days]


def _approved_participations(event: Event) -> list[Participation]:
    return list(
        db.session.scalars(
            select(Participation)
            .where(
                Participation.event_id == event.id,
                Participation.status == ParticipationStatus.APPROVED,
            )
            .options(
                # languages: one query for all companies, not one per company
                selectinload(Participation.company).selectinload(Company.language_links),
                selectinload(Participation.days),
            )
            .order_by(Participation.company_id)
        )
    )


def _pairs(event: Event, participating: set[int], *, include_pending: bool) -> list[_Pair]:
    statuses = [RequestStatus.ACCEPTED] + ([RequestStatus.PENDING] if include_pending else [])
    rows = db.session.scalars(
        select(MeetingRequest)
        .where(MeetingRequest.event_id == event.id, MeetingRequest.status.in_(statuses))
        .order_by(MeetingRequest.id)
    )
    pairs: dict[frozenset[int], _Pair] = {}
    for row in rows:
        if row.from_company_id not in participating or row.to_company_id not in participating:
            continue
        key = frozenset((row.from_company_id, row.to_company_id))
        if key in pairs:
            pairs[key].rows.append(row)
        else:
            pairs[key] = _Pair(first=row, rows=[row])
    return list(pairs.values())


def _unavailable_slots(
    event: Event, participations: list[Participation], slots: list[TimeSlot]
) -> dict[int, list[str]]:
    """Per participation: slots it marked unavailable plus every slot of a day it is absent."""
    marked: dict[int, set[int]] = defaultdict(set)
    for row in db.session.scalars(
        select(SlotUnavailability).join(Participation).where(Participation.event_id == event.id)
    ):
        marked[row.participation_id].add(row.slot_id)
    result: dict[int, list[str]] = {}
    for participation in participations:
        present_days = {day.id for day in participation.days}
        result[participation.id] = [
            slot_key(slot.id)
            for slot in slots
            if slot.id in marked[participation.id] or slot.day_id not in present_days
        ]
    return result


def _pinned_meetings(event: Event) -> dict[int, Meeting]:
    """Pinned meetings of the event's newest version (draft or published), by request id:
    a pin holds across re-runs and re-plans until an organizer removes it."""
    newest = db.session.scalar(
        select(ScheduleVersion)
        .where(ScheduleVersion.event_id == event.id)
        .order_by(ScheduleVersion.number.desc())
        .limit(1)
    )
    if newest is None:
        return {}
    return {meeting.request_id: meeting for meeting in newest.meetings if meeting.pinned}
