"""Past editions' fair days for the demo: a published schedule (placed greedily, no solver),
what became of each meeting, check-ins, and both sides' outcome reports — some of them
disagreeing — so the statistics pages show real-looking history right after ``make run``.

Rows are built directly (no services): the history is fiction, and seeding stays fast.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from matchmaker.enums import (
    AgreementLevel,
    AgreementType,
    AttendanceMode,
    CooperationType,
    MeetingMode,
    MeetingStatus,
    NextStep,
    RequestStatus,
)
from matchmaker.extensions import db
from matchmaker.models import (
    CheckIn,
    Event,
    Meeting,
    MeetingDayStatus,
    MeetingRequest,
    MeetingTable,
    OutcomeReport,
    Participation,
    ScheduleVersion,
    TimeSlot,
    User,
)
from matchmaker.scheduling.operations import regenerate_slots, setup_for

# What companies seek → the agreement they report.
AGREEMENT_FOR = {
    CooperationType.TRADE: AgreementType.TRADE,
    CooperationType.INVESTMENT_IN: AgreementType.INVESTMENT,
    CooperationType.INVESTMENT_OUT: AgreementType.INVESTMENT,
    CooperationType.TECHNOLOGY_TRANSFER: AgreementType.TECHNOLOGY_TRANSFER,
    CooperationType.JOINT_VENTURE: AgreementType.JOINT_VENTURE,
    CooperationType.RESEARCH: AgreementType.RESEARCH,
    CooperationType.SERVICES: AgreementType.SERVICES,
}
NOTES = [
    "Samples to be sent after the fair.",
    "They want a price list in RMB.",
    "Good fit; a visit to the plant is planned for spring.",
    "Distribution in Sichuan and Chongqing discussed.",
    "Interested, but their volumes are too small for now.",
    "Letter of intent signed at the closing ceremony.",
    "",
]


def add_fair_day(
    event: Event, organizer: User, rng: random.Random, table_count: int
) -> ScheduleVersion:
    """Slots and tables, a published schedule of the accepted requests, the day's statuses,
    check-ins and outcome reports of ``event`` (a past edition)."""
    setup = setup_for(event)
    setup.table_count = table_count
    regenerate_slots(event, organizer)
    db.session.flush()
    slots = list(
        db.session.scalars(
            select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
        )
    )
    tables = list(
        db.session.scalars(
            select(MeetingTable)
            .where(MeetingTable.event_id == event.id)
            .order_by(MeetingTable.number)
        )
    )
    participations = {p.company_id: p for p in event.participations if p.is_approved}
    requests = [
        r
        for r in db.session.scalars(
            select(MeetingRequest).where(
                MeetingRequest.event_id == event.id,
                MeetingRequest.status == RequestStatus.ACCEPTED,
            )
        )
        if r.from_company_id in participations and r.to_company_id in participations
    ]
    rng.shuffle(requests)
    version = ScheduleVersion(
        event_id=event.id,
        number=1,
        published_at=event.start_date and _at(event, -7),
        published_by_id=organizer.id,
    )
    busy: dict[tuple[int, int], int] = defaultdict(int)  # (company, slot) → meetings
    used_tables: dict[int, int] = defaultdict(int)  # slot → tables in use
    pairs: set[frozenset[int]] = set()
    meetings: list[Meeting] = []
    for request in requests:
        pair = frozenset((request.from_company_id, request.to_company_id))
        if pair in pairs:
            continue
        a, b = participations[request.from_company_id], participations[request.to_company_id]
        online = AttendanceMode.REMOTE in (a.attendance, b.attendance)
        days = {d.id for d in a.days} & {d.id for d in b.days}
        order = list(range(len(slots)))
        rng.shuffle(order)
        for index in order:
            slot = slots[index]
            if slot.day_id not in days:
                continue
            if busy[(a.company_id, slot.id)] >= a.delegates:
                continue
            if busy[(b.company_id, slot.id)] >= b.delegates:
                continue
            if not online and used_tables[slot.id] >= len(tables):
                continue
            table = None if online else tables[used_tables[slot.id]]
            if not online:
                used_tables[slot.id] += 1
            busy[(a.company_id, slot.id)] += 1
            busy[(b.company_id, slot.id)] += 1
            pairs.add(pair)
            meetings.append(
                Meeting(
                    request=request,
                    slot=slot,
                    table=table,
                    mode=MeetingMode.ONLINE if online else MeetingMode.ON_SITE,
                )
            )
            break
    version.meetings = meetings
    db.session.add(version)
    db.session.flush()
    event.published_version_id = version.id
    _add_day_and_outcomes(event, meetings, participations, organizer, rng)
    return version


def _at(event: Event, days: int):
    from datetime import UTC, datetime

    return datetime.combine(event.start_date + timedelta(days=days), datetime.min.time(), UTC)


def _add_day_and_outcomes(
    event: Event,
    meetings: list[Meeting],
    participations: dict[int, Participation],
    organizer: User,
    rng: random.Random,
) -> None:
    arrived = {
        company_id
        for company_id, p in participations.items()
        if p.attendance == AttendanceMode.ON_SITE and rng.random() < 0.96
    }
    db.session.add_all(
        CheckIn(
            event_id=event.id,
            company_id=company_id,
            checked_in_at=_at(event, 0) + timedelta(minutes=rng.randrange(30, 300)),
            checked_in_by_id=organizer.id,
        )
        for company_id in sorted(arrived)
    )
    rows: list[object] = []
    for meeting in meetings:
        request = meeting.request
        a, b = request.from_company, request.to_company
        remote = meeting.mode == MeetingMode.ONLINE
        absent = [c for c in (a, b) if c.id not in arrived and not remote]
        roll = rng.random()
        if absent or roll < 0.05:
            status, missing = MeetingStatus.NO_SHOW, (absent or [rng.choice((a, b))])
            absent_id = missing[0].id if len(missing) == 1 else None
        elif roll < 0.09:
            status, absent_id = MeetingStatus.CANCELLED, None
        elif roll < 0.13:
            status, absent_id = None, None  # nobody marked it on the day
        else:
            status, absent_id = MeetingStatus.HELD, None
        if status is not None:
            rows.append(
                MeetingDayStatus(
                    event_id=event.id,
                    request_id=request.id,
                    status=status,
                    absent_company_id=absent_id,
                    updated_by_id=organizer.id,
                )
            )
        if status in (MeetingStatus.NO_SHOW, MeetingStatus.CANCELLED):
            present = [c for c in (a, b) if c.id != absent_id]
            if status == MeetingStatus.NO_SHOW and present and rng.random() < 0.5:
                rows.append(_report(event, request, present[0], False, None, rng))
            continue
        shared = _agreement(a, b, rng)
        for company in (a, b):
            if rng.random() < 0.72:  # the response rate the desk gets by phone and e-mail
                rows.append(_report(event, request, company, True, shared, rng))
    db.session.add_all(rows)


def _agreement(a, b, rng: random.Random) -> tuple[AgreementLevel, AgreementType] | None:
    roll = rng.random()
    if roll > 0.11:
        return None
    level = AgreementLevel.SIGNED if roll < 0.04 else AgreementLevel.INTENTION
    sought = [AGREEMENT_FOR[t] for t in (a.cooperation_types + b.cooperation_types)]
    return level, rng.choice(sought or list(AgreementType))


def _report(event, request, company, held, shared, rng: random.Random) -> OutcomeReport:
    level, kind = shared or (AgreementLevel.NONE, None)
    if held and rng.random() < 0.08:  # the two sides remember it differently
        level = rng.choice([lvl for lvl in AgreementLevel if lvl != level])
        kind = None if level == AgreementLevel.NONE else (kind or rng.choice(list(AgreementType)))
    value = currency = None
    if level == AgreementLevel.SIGNED and rng.random() < 0.6:
        currency = rng.choice(("EUR", "CNY", "USD"))
        value = Decimal(rng.choice((50, 120, 250, 400, 800, 1500, 3000)) * 1000)
    interest = None
    if held:
        interest = rng.choices((1, 2, 3, 4, 5), weights=(6, 14, 30, 32, 18))[0]
        if level != AgreementLevel.NONE:
            interest = max(interest, 4)
    next_step = NextStep.NONE
    if held and interest and interest >= 3:
        next_step = rng.choice((NextStep.FOLLOW_UP_CALL, NextStep.VISIT, NextStep.NEGOTIATION))
    return OutcomeReport(
        event_id=event.id,
        request_id=request.id,
        company_id=company.id,
        held=held,
        interest=interest,
        next_step=next_step,
        agreement=level,
        agreement_type=kind,
        value=value,
        currency=currency,
        comment=rng.choice(NOTES) if held else "",
        created_at=_at(event, 3 + rng.randrange(20)),
        updated_at=_at(event, 3 + rng.randrange(20)),
    )
