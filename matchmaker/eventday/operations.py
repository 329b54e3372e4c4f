"""Fair-day services: check-in, meeting status, rebooking late arrivals, booking freed slots.

Like every service they flush, never commit, and take the acting user to authorise. Organizers
(the matchmaking desk staff) may do everything; a company's representatives may mark their own
meetings. Placements are checked with the draft editor's conflict rules
(``placement_conflicts``) against the day plan.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from matchmaker import phases
from matchmaker.access import require_acts_for_any, require_staff
from matchmaker.database import lock_for_update
from matchmaker.enums import (
    MeetingStatus,
    NotificationKind,
    ParticipationStatus,
    RequestStatus,
)
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.mail import absolute_url
from matchmaker.models import (
    CheckIn,
    Company,
    DayStatusChange,
    Event,
    MeetingDayStatus,
    MeetingRequest,
    MeetingTable,
    Participation,
    TimeSlot,
    User,
)
from matchmaker.notifications.outbox import notify_company
from matchmaker.scheduling.day_plan import DayPlan, Placement, day_plan
from matchmaker.scheduling.editing import placement_conflicts
from matchmaker.scheduling.meeting_facts import interpreter_for, is_online

# The statuses staff and companies set directly; "moved" comes from rebooking.
SETTABLE_STATUSES = (MeetingStatus.HELD, MeetingStatus.NO_SHOW, MeetingStatus.CANCELLED)


# --- check-in ------------------------------------------------------------------------------------


def participation_of(event: Event, company: Company) -> Participation | None:
    return db.session.scalar(
        select(Participation).where(
            Participation.event_id == event.id, Participation.company_id == company.id
        )
    )


def check_in(event: Event, company: Company, actor: User) -> tuple[CheckIn, bool]:
    """Record the company's arrival. Checking in twice keeps the first time; returns (row,
    created)."""
    require_staff(actor)
    lock_for_update(event)  # two scans at the same moment: the second finds the first's row
    phases.require_check_in_open(event)
    participation = participation_of(event, company)
    if participation is None or participation.status != ParticipationStatus.APPROVED:
        raise RuleViolation(
            _("%(name)s does not take part in this edition.", name=company.name), status_code=409
        )
    existing = db.session.scalar(
        select(CheckIn).where(CheckIn.event_id == event.id, CheckIn.company_id == company.id)
    )
    if existing is not None:
        return existing, False
    row = CheckIn(event_id=event.id, company_id=company.id, checked_in_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    return row, True


def undo_check_in(event: Event, company: Company, actor: User) -> None:
    require_staff(actor)
    row = db.session.scalar(
        select(CheckIn).where(CheckIn.event_id == event.id, CheckIn.company_id == company.id)
    )
    if row is not None:
        db.session.delete(row)
        db.session.flush()


# --- meeting status ------------------------------------------------------------------------------


def placement_for(
    event: Event, request_id: int, actor: User, *, slot_only: bool = False
) -> tuple[DayPlan, Placement]:
    """The day plan and the placement of a request; 404 unless it is scheduled in this edition
    and the actor is an organizer or a representative of one of the two companies.
    ``slot_only``: the plan of the placement's slot only (enough for a status change, whose
    rules look at that slot alone); otherwise the whole edition's (rebooking elsewhere, freed
    slots)."""
    request = db.session.get(MeetingRequest, request_id)
    if request is None or request.event_id != event.id:
        raise NotFound()
    require_acts_for_any(actor, (request.from_company_id, request.to_company_id))
    placement = day_plan(event, request_id=request_id).for_request(request_id)
    if placement is None:
        raise NotFound()
    plan = day_plan(event, slot_id=placement.slot_id) if slot_only else day_plan(event)
    fresh = plan.for_request(request_id)
    if fresh is None:
        raise NotFound()
    return plan, fresh


def _locked_plan(event: Event, slot_id: int | None = None) -> DayPlan:
    """Lock the edition's row and lay the day plan afresh: the day's writes (statuses,
    rebookings, bookings, check-ins) of one edition run one after the other, so a company never
    ends up with more meetings in a slot than its delegates, whatever arrives together.
    ``slot_id``: the plan of that slot only, for a write whose rules look at one slot (read
    under the lock, so it stays short: the whole edition's plan is 0.6 s at 2,000 companies)."""
    lock_for_update(event)
    return day_plan(event, slot_id=slot_id)


def _locked(
    event: Event, placement: Placement, *, slot_only: bool = False
) -> tuple[DayPlan, Placement]:
    """The locked day plan (``_locked_plan``; of the placement's slot only with ``slot_only``)
    and ``placement`` as it stands in it."""
    plan = _locked_plan(event, placement.slot_id if slot_only else None)
    fresh = plan.for_request(placement.request_id)
    if fresh is None:
        raise NotFound()
    return plan, fresh


def _status_row(event: Event, request: MeetingRequest) -> MeetingDayStatus:
    row = db.session.scalar(
        select(MeetingDayStatus).where(MeetingDayStatus.request_id == request.id)
    )
    if row is None:
        row = MeetingDayStatus(
            event_id=event.id, request_id=request.id, status=None, absent_company_id=None
        )
        db.session.add(row)
    return row


def set_meeting_status(
    event: Event,
    plan: DayPlan,
    placement: Placement,
    status: MeetingStatus | None,
    actor: User,
    absent_company_id: int | None = None,
) -> MeetingDayStatus:
    """Mark a meeting held, a no-show (``absent_company_id``: the side that did not come; None:
    neither came) or cancelled; ``None`` clears the mark (back to planned, or to "moved" for a
    rebooked meeting)."""
    require_acts_for_any(actor, placement.company_ids)
    # A status change's rules look at the meeting's slot alone (its slot may be taken again).
    plan, placement = _locked(event, placement, slot_only=True)
    if status is not None and status not in SETTABLE_STATUSES:
        raise RuleViolation(_("Move a meeting by rebooking it to a free slot."), status_code=400)
    late = phases.require_day_status_open(event, actor, status)
    if status != MeetingStatus.NO_SHOW:
        absent_company_id = None
    elif absent_company_id is not None and absent_company_id not in placement.company_ids:
        raise RuleViolation(_("The absent company must be one of the two."), status_code=400)
    comes_back = status is None or not status.fell_through
    if placement.fell_through and comes_back:  # it takes its slot again: is it still free?
        clash = placement_conflicts(
            plan,
            placement.request,
            placement.slot,
            placement.table,
            ignoring=placement,
        )
        if clash:
            raise RuleViolation(
                _("The slot was given to another meeting: %(problems)s", problems=" ".join(clash))
            )
    row = _status_row(event, placement.request)
    if status is None and row.slot_id is not None and not placement.booked_on_day:
        status = MeetingStatus.MOVED
    _record_changes(
        event,
        row,
        actor,
        late,
        status=status,
        absent_company_id=absent_company_id,
    )
    db.session.flush()
    return row


def _audit_text(value: object) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))[:200]


def _record_changes(
    event: Event, row: MeetingDayStatus, actor: User, late: bool, **values: object
) -> None:
    """Set ``values`` on the day-status row and write each changed one to the audit trail."""
    for name, new in values.items():
        old = getattr(row, name, None)
        setattr(row, name, new)
        if _audit_text(old) == _audit_text(new):
            continue
        db.session.add(
            DayStatusChange(
                event_id=event.id,
                request_id=row.request_id,
                changed_by_id=actor.id,
                late=late,
                field=name,
                old_value=_audit_text(old),
                new_value=_audit_text(new),
            )
        )
    row.updated_by_id = actor.id


# --- placing meetings on the day ---------------------------------------------------------------


def free_tables(plan: DayPlan, slot: TimeSlot) -> list[MeetingTable]:
    taken = {p.table_id for p in plan.meetings if p.slot_id == slot.id}
    query = select(MeetingTable).where(MeetingTable.event_id == plan.event_id)
    if slot.table_count is not None:
        query = query.where(MeetingTable.number <= slot.table_count)
    return [t for t in db.session.scalars(query.order_by(MeetingTable.number)) if t.id not in taken]


def placement_problems(
    event: Event,
    plan: DayPlan,
    request: MeetingRequest,
    slot: TimeSlot,
    table: MeetingTable | None,
    ignoring: Placement | None = None,
) -> tuple[MeetingTable | None, list[str]]:
    """The table to use (first free one unless given; none online) and every rule a placement
    would break."""
    problems: list[str] = []
    if is_online(event.id, request):
        table = None
    elif table is None:
        tables = free_tables(plan, slot)
        table = tables[0] if tables else None
        if table is None:
            problems.append(_("Every table is taken in that slot."))
    problems = placement_conflicts(plan, request, slot, table, ignoring=ignoring) + problems
    return table, problems


def rebook(
    event: Event,
    placement: Placement,
    slot: TimeSlot,
    table: MeetingTable | None,
    actor: User,
    plan: DayPlan,
) -> MeetingDayStatus:
    """Move a meeting to another slot on the day (a late arrival): recorded as status "moved"
    with the new slot and table; the published schedule stays as it was. Both companies are
    e-mailed the new time."""
    require_staff(actor)
    if slot.event_id != event.id or (table is not None and table.event_id != event.id):
        raise NotFound()
    plan, placement = _locked(event, placement)
    chosen, problems = placement_problems(
        event, plan, placement.request, slot, table, ignoring=placement
    )
    if problems:
        raise RuleViolation(" ".join(problems))
    row = _status_row(event, placement.request)
    row.interpreter_language = placement.interpreter_language
    _record_changes(
        event,
        row,
        actor,
        False,
        slot_id=slot.id,
        table_id=chosen.id if chosen else None,
        status=None if placement.booked_on_day else MeetingStatus.MOVED,
        absent_company_id=None,
    )
    db.session.flush()
    _tell_companies(event, placement.request, slot, chosen, moved=True)
    return row


def replacement_candidates(
    event: Event, plan: DayPlan, freed: Placement, limit: int = 20
) -> list[tuple[MeetingRequest, MeetingTable | None]]:
    """Accepted requests of the freed meeting's companies (the ones still present) that are not
    scheduled and can meet in the freed slot: both companies free, present and available, a
    table (and interpreter) free. Companies already checked in come first."""
    if not freed.fell_through:
        return []
    absent = freed.day_status.absent_company_id if freed.day_status else None
    if freed.status == MeetingStatus.NO_SHOW and absent is None:
        company_ids = set()  # neither came: nobody of theirs to meet
    else:
        company_ids = {c for c in freed.company_ids if c != absent}
    if not company_ids:
        return []
    planned = {p.request_id for p in plan.placements}
    pairs = {frozenset(p.company_ids) for p in plan.placements}
    requests = db.session.scalars(
        select(MeetingRequest)
        .where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.status == RequestStatus.ACCEPTED,
            MeetingRequest.from_company_id.in_(company_ids)
            | MeetingRequest.to_company_id.in_(company_ids),
        )
        .order_by(MeetingRequest.id)
    )
    arrived = set(
        db.session.scalars(select(CheckIn.company_id).where(CheckIn.event_id == event.id))
    )
    found: list[tuple[MeetingRequest, MeetingTable | None]] = []
    for request in requests:
        if (
            request.id in planned
            or frozenset((request.from_company_id, request.to_company_id)) in pairs
        ):
            continue
        table, problems = placement_problems(event, plan, request, freed.slot, None)
        if not problems:
            found.append((request, table))
    found.sort(
        key=lambda item: (
            -sum(c in arrived for c in (item[0].from_company_id, item[0].to_company_id)),
            item[0].id,
        )
    )
    return found[:limit]


def book_into_slot(
    event: Event, request: MeetingRequest, slot: TimeSlot, actor: User, plan: DayPlan
) -> MeetingDayStatus:
    """Book an unscheduled accepted request into a (freed) slot on the day; both companies are
    e-mailed the time and place."""
    require_staff(actor)
    if request.event_id != event.id or slot.event_id != event.id:
        raise NotFound()
    plan = _locked_plan(event)
    if request.status != RequestStatus.ACCEPTED:
        raise RuleViolation(_("Only accepted requests can be booked."))
    if plan.for_request(request.id) is not None or any(
        frozenset(p.company_ids) == {request.from_company_id, request.to_company_id}
        for p in plan.placements
    ):
        raise RuleViolation(_("These two companies already have a meeting."))
    table, problems = placement_problems(event, plan, request, slot, None)
    if problems:
        raise RuleViolation(" ".join(problems))
    row = _status_row(event, request)
    row.interpreter_language = interpreter_for(event.id, request)
    _record_changes(
        event, row, actor, False, slot_id=slot.id, table_id=table.id if table else None, status=None
    )
    db.session.flush()
    _tell_companies(event, request, slot, table, moved=False)
    return row


def _tell_companies(
    event: Event,
    request: MeetingRequest,
    slot: TimeSlot,
    table: MeetingTable | None,
    moved: bool,
) -> None:
    for company, other in (
        (request.from_company, request.to_company),
        (request.to_company, request.from_company),
    ):
        notify_company(
            company,
            NotificationKind.DAY_CHANGE,
            event=event,
            other=other,
            moved=moved,
            starts_at=slot.starts_at,
            table=table,
            link=absolute_url(
                "outcomes.company_meetings", event_id=event.id, company_id=company.id
            ),
        )
