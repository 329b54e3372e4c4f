"""Scheduling set-up services: slot grid, tables, interpreters, availability.

Like every service they flush, never commit, and take the acting user to authorise.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import time

from flask_babel import gettext as _
from sqlalchemy import delete, select

from matchmaker.access import require_acts_for, require_organizer
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.languages.formatting import slot_label
from matchmaker.models import (
    Event,
    InterpreterPool,
    Meeting,
    MeetingTable,
    Participation,
    ScheduleSetup,
    SlotUnavailability,
    TimeSlot,
    User,
)
from matchmaker.reference import language_name
from matchmaker.scheduling.day_plan import day_plan
from matchmaker.scheduling.slot_grid import GridSettings, SlotGridError, slot_times


@dataclass(frozen=True)
class SetupSettings:
    """What the set-up form submits; the fields of ``ScheduleSetup`` an organizer edits."""

    day_start: time
    day_end: time
    lunch_start: time | None
    lunch_end: time | None
    slot_minutes: int
    gap_minutes: int
    table_count: int
    online_meetings: bool
    include_pending_requests: bool


# The settings that shape the slot grid (and the tables): changing one regenerates the slots.
GRID_FIELDS = (
    "day_start",
    "day_end",
    "lunch_start",
    "lunch_end",
    "slot_minutes",
    "gap_minutes",
    "table_count",
)


def current_setup(event: Event) -> ScheduleSetup:
    """The event's set-up for reading: its row, or an unsaved one with the defaults."""
    setup = db.session.get(ScheduleSetup, event.id)
    if setup is not None:
        return setup
    defaults = {
        column.key: column.default.arg
        for column in ScheduleSetup.__table__.columns
        if column.default is not None and not callable(column.default.arg)
    }
    return ScheduleSetup(event_id=event.id, **defaults)


def setup_for(event: Event) -> ScheduleSetup:
    """The event's set-up row for changing it, created with defaults on first use."""
    setup = db.session.get(ScheduleSetup, event.id)
    if setup is None:
        setup = ScheduleSetup(event_id=event.id)
        db.session.add(setup)
        db.session.flush()
    return setup


def save_setup(event: Event, settings: SetupSettings, actor: User) -> int | None:
    """Store the set-up; regenerate the slots only when the grid changed or none exist yet.

    Returns the number of slots created, or ``None`` when the slots were kept. Settings that do
    not touch the grid (pending requests, online meetings) can be changed
    after a schedule uses the slots; the grid cannot (see ``regenerate_slots``).
    """
    require_organizer(actor)
    setup = setup_for(event)
    grid_changed = any(getattr(setup, name) != getattr(settings, name) for name in GRID_FIELDS)
    for name, value in asdict(settings).items():
        setattr(setup, name, value)
    has_slots = db.session.scalar(select(TimeSlot.id).where(TimeSlot.event_id == event.id).limit(1))
    if has_slots is not None and not grid_changed:
        db.session.flush()
        return None
    return regenerate_slots(event, actor)


def regenerate_slots(event: Event, actor: User) -> int:
    """Replace the event's slots by the grid its set-up describes.

    Refused once any schedule version holds meetings in the current slots: changing times under
    a schedule would silently move meetings. Returns the number of slots created.
    """
    require_organizer(actor)
    setup = setup_for(event)
    existing = list(db.session.scalars(select(TimeSlot).where(TimeSlot.event_id == event.id)))
    if existing and db.session.scalar(
        select(Meeting.id).where(Meeting.slot_id.in_([s.id for s in existing])).limit(1)
    ):
        raise RuleViolation(
            _("Slots cannot be regenerated once a schedule uses them; close single slots instead.")
        )
    settings = GridSettings(
        day_start=setup.day_start,
        day_end=setup.day_end,
        slot_minutes=setup.slot_minutes,
        gap_minutes=setup.gap_minutes,
        lunch_start=setup.lunch_start,
        lunch_end=setup.lunch_end,
        timezone=event.timezone,
    )
    try:
        planned = slot_times([day.date for day in event.days], settings)
    except SlotGridError as error:
        raise RuleViolation(_(error.message, **error.params)) from error
    if not planned:
        raise RuleViolation(_("These settings leave no slot in any day."))
    day_ids = {day.date: day.id for day in event.days}
    db.session.execute(delete(TimeSlot).where(TimeSlot.event_id == event.id))
    db.session.add_all(
        TimeSlot(
            event_id=event.id,
            day_id=day_ids[slot.day],
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            session=slot.session,
        )
        for slot in planned
    )
    _sync_tables(event, setup.table_count)
    db.session.flush()
    return len(planned)


def _sync_tables(event: Event, count: int) -> None:
    """Tables numbered 1..count; names and zones of kept tables stay."""
    tables = {
        t.number: t
        for t in db.session.scalars(select(MeetingTable).where(MeetingTable.event_id == event.id))
    }
    for number in range(1, count + 1):
        if number not in tables:
            db.session.add(MeetingTable(event_id=event.id, number=number, name=""))
    for number, table in tables.items():
        if number > count:
            db.session.delete(table)


def set_slot_closed(slot: TimeSlot, closed: bool, actor: User) -> None:
    """A closed slot gets no meeting from the next run on; drafts keep theirs until re-run."""
    require_organizer(actor)
    slot.closed = closed
    db.session.flush()


def set_slot_table_count(slot: TimeSlot, table_count: int | None, actor: User) -> None:
    """Fewer tables in one slot (e.g. a hall shared with a ceremony); None: all tables."""
    require_organizer(actor)
    slot.table_count = table_count
    db.session.flush()


def rename_table(table: MeetingTable, name: str, zone: str, actor: User) -> None:
    require_organizer(actor)
    table.name = name
    table.zone = zone
    db.session.flush()


def set_interpreters(event: Event, per_language: dict[str, int], actor: User) -> None:
    require_organizer(actor)
    for language, count in per_language.items():
        if count < 0:
            raise RuleViolation(
                _(
                    "The number of interpreters for %(language)s cannot be negative.",
                    language=language_name(language),
                )
            )
    db.session.execute(delete(InterpreterPool).where(InterpreterPool.event_id == event.id))
    db.session.add_all(
        InterpreterPool(event_id=event.id, language=language, per_slot=count)
        for language, count in sorted(per_language.items())
    )
    db.session.flush()


def _refuse_clashes_with_meetings(participation: Participation, slot_ids: set[int]) -> None:
    """A slot marked unavailable must not hold one of the company's published meetings (as they
    stand on the day): the meeting is named, to be moved first."""
    event = participation.event
    if event.published_version_id is None or not slot_ids:
        return
    clashes = [
        placement
        for placement in day_plan(event).of_company(participation.company_id)
        if placement.slot_id in slot_ids and not placement.fell_through
    ]
    if not clashes:
        return
    names = []
    for placement in clashes:
        other = (
            placement.request.to_company
            if placement.request.from_company_id == participation.company_id
            else placement.request.from_company
        )
        names.append(
            _(
                "%(time)s with %(company)s",
                time=slot_label(placement.slot, event),
                company=other.name,
            )
        )
    raise RuleViolation(
        _(
            "Not saved: you have a published meeting in %(count)d of these slots (%(meetings)s). "
            "Ask the organizers to move it before marking the slot unavailable.",
            count=len(clashes),
            meetings="; ".join(names),
        )
    )


def set_unavailable_slots(participation: Participation, slot_ids: set[int], actor: User) -> None:
    """Replace the company's marked-unavailable slots (its own representatives or organizers)."""
    require_acts_for(actor, participation.company_id)
    valid = set(
        db.session.scalars(select(TimeSlot.id).where(TimeSlot.event_id == participation.event_id))
    )
    unknown = slot_ids - valid
    if unknown:
        raise RuleViolation(
            _("Some of these slots do not belong to this edition."), status_code=400
        )
    already = set(
        db.session.scalars(
            select(SlotUnavailability.slot_id).where(
                SlotUnavailability.participation_id == participation.id
            )
        )
    )
    _refuse_clashes_with_meetings(participation, slot_ids - already)
    db.session.execute(
        delete(SlotUnavailability).where(SlotUnavailability.participation_id == participation.id)
    )
    db.session.add_all(
        SlotUnavailability(participation_id=participation.id, slot_id=slot_id)
        for slot_id in sorted(slot_ids)
    )
    db.session.flush()
