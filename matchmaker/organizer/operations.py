"""Organizer services. Every function checks that the actor is an organizer (403 otherwise) and
answers 404 for unknown ids. They flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import NotFound

from matchmaker.access import require_organizer
from matchmaker.enums import (
    EventPhase,
    ParticipationStatus,
    RequestStatus,
    Role,
    Side,
)
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import Company, Event, EventDay, MeetingRequest, Participation, User
from matchmaker.reference import side_for_country

PHASES: list[EventPhase] = list(EventPhase)
MAX_EVENT_DAYS = 14
# From scheduling on, days carry time slots and meetings: the dates are fixed.
DATES_FIXED_FROM = EventPhase.SCHEDULING


def _get(model, object_id: int):
    found = db.session.get(model, object_id)
    if found is None:
        raise NotFound()
    return found


# --- Events --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventData:
    name: str
    year: int
    start_date: date
    end_date: date
    venue: str = ""
    timezone: str = "Asia/Shanghai"
    request_cap: int = 20
    description: str = ""


def list_events(actor: User) -> Sequence[Event]:
    require_organizer(actor)
    return db.session.scalars(
        select(Event).order_by(Event.start_date.desc(), Event.id.desc())
    ).all()


def get_event(actor: User, event_id: int) -> Event:
    require_organizer(actor)
    return _get(Event, event_id)


def participation_counts(actor: User, event_id: int) -> dict[ParticipationStatus, int]:
    require_organizer(actor)
    rows = db.session.execute(
        select(Participation.status, func.count())
        .where(Participation.event_id == event_id)
        .group_by(Participation.status)
    ).all()
    counts = dict.fromkeys(ParticipationStatus, 0)
    counts.update({status: count for status, count in rows})
    return counts


def _check_event(data: EventData, event: Event | None) -> None:
    if data.end_date < data.start_date:
        raise RuleViolation(_("The last day cannot be before the first day."), "end_date", 400)
    if (data.end_date - data.start_date).days + 1 > MAX_EVENT_DAYS:
        raise RuleViolation(
            _("An edition lasts at most %(count)d days.", count=MAX_EVENT_DAYS), "end_date", 400
        )
    clash = select(Event.id).where(Event.name == data.name.strip(), Event.year == data.year)
    if event is not None:
        clash = clash.where(Event.id != event.id)
    if db.session.scalar(clash) is not None:
        raise RuleViolation(_("An edition with this name and year exists already."), "name")


def _sync_days(event: Event, start: date, end: date) -> None:
    """Make the event's day rows follow its date range (keeping the rows that stay)."""
    wanted = {start + timedelta(days=n) for n in range((end - start).days + 1)}
    for day in list(event.days):
        if day.date not in wanted:
            event.days.remove(day)
    existing = {day.date for day in event.days}
    for day_date in sorted(wanted - existing):
        event.days.append(EventDay(date=day_date))


def _apply(event: Event, data: EventData) -> None:
    event.name = data.name.strip()
    event.year = data.year
    event.venue = data.venue.strip()
    event.timezone = data.timezone
    event.request_cap = data.request_cap
    event.description = data.description.strip()
    event.start_date = data.start_date
    event.end_date = data.end_date


def create_event(actor: User, data: EventData) -> Event:
    require_organizer(actor)
    _check_event(data, None)
    event = Event(phase=EventPhase.REGISTRATION)
    _apply(event, data)
    event.days = []
    _sync_days(event, data.start_date, data.end_date)
    db.session.add(event)
    _flush_unique_event()
    return event


def update_event(actor: User, event_id: int, data: EventData) -> Event:
    event = get_event(actor, event_id)
    _check_event(data, event)
    dates_change = (data.start_date, data.end_date) != (event.start_date, event.end_date)
    if dates_change and PHASES.index(event.phase) >= PHASES.index(DATES_FIXED_FROM):
        raise RuleViolation(
            _("The dates are fixed once scheduling has started."), "start_date", 409
        )
    _apply(event, data)
    if dates_change:
        _sync_days(event, data.start_date, data.end_date)
    _flush_unique_event()
    return event


def _flush_unique_event() -> None:
    """Flush in a savepoint so that a concurrent edition with the same name and year is a
    clear message (the unique constraint decides), not a 500."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as error:
        raise RuleViolation(
            _("An edition with this name and year exists already."), "name"
        ) from error


def allowed_phases(event: Event) -> list[EventPhase]:
    """The phases an event may move to: the next one, and one step back."""
    index = PHASES.index(event.phase)
    return [PHASES[i] for i in (index - 1, index + 1) if 0 <= i < len(PHASES)]


def change_phase(actor: User, event_id: int, target: EventPhase) -> Event:
    event = get_event(actor, event_id)
    if target not in allowed_phases(event):
        raise RuleViolation(
            _(
                "From “%(current)s” an edition moves to the next phase or one step back.",
                current=_(event.phase.label),
            ),
            "phase",
        )
    event.phase = target
    db.session.flush()
    return event


# --- Companies -------------------------------------------------------------------------------


def companies(actor: User, page: int, per_page: int, side: Side | None, query: str | None):
    """A page of all companies (with their representatives), optionally filtered."""
    require_organizer(actor)
    statement = (
        select(Company)
        .options(selectinload(Company.representatives))
        .order_by(func.lower(Company.name), Company.id)
    )
    if side is not None:
        statement = statement.where(Company.side == side)
    if query:
        pattern = f"%{query.lower()}%"
        statement = statement.where(
            or_(func.lower(Company.name).like(pattern), Company.name_zh.like(f"%{query}%"))
        )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def set_company_side(actor: User, company_id: int, side: Side | None) -> Company:
    """Override a company's side; ``None`` returns to the side derived from its country."""
    require_organizer(actor)
    company = _get(Company, company_id)
    if side is None:
        company.side_overridden = False
        company.side = side_for_country(company.country)
    else:
        company.side_overridden = True
        company.side = side
    db.session.flush()
    return company


# --- Meeting requests ------------------------------------------------------------------------


def meeting_requests(
    actor: User, event_id: int, status: RequestStatus | None, page: int, per_page: int
):
    """One page (Flask-SQLAlchemy ``Pagination``) of the edition's requests, newest first."""
    event = get_event(actor, event_id)
    query = (
        select(MeetingRequest)
        .where(MeetingRequest.event_id == event.id)
        .options(selectinload(MeetingRequest.from_company), selectinload(MeetingRequest.to_company))
        .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
    )
    if status is not None:
        query = query.where(MeetingRequest.status == status)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def request_counts(actor: User, event_id: int) -> dict[RequestStatus, int]:
    require_organizer(actor)
    rows = db.session.execute(
        select(MeetingRequest.status, func.count())
        .where(MeetingRequest.event_id == event_id)
        .group_by(MeetingRequest.status)
    ).all()
    counts = dict.fromkeys(RequestStatus, 0)
    counts.update({status: count for status, count in rows})
    return counts


# --- Acting as a representative (support) ------------------------------------------------------


def representative_to_act_as(actor: User, user_id: int) -> User:
    """The representative an organizer may act as; the view switches the session to them."""
    require_organizer(actor)
    target = _get(User, user_id)
    if target.role != Role.REPRESENTATIVE:
        raise RuleViolation(_("Organizers can act only as company representatives."))
    if not target.active:
        raise RuleViolation(_("This account is deactivated."))
    return target


def organizer_to_resume(organizer_id: object) -> User | None:
    """The organizer who started acting (remembered in the session), if still valid."""
    if not isinstance(organizer_id, int):
        return None
    user = db.session.get(User, organizer_id)
    if user is None or not user.is_organizer or not user.active:
        return None
    return user
