"""Participation rules: a company applies to an edition (delegates, attendance, days), may
change or withdraw its application while registrations are open, and the organizers approve or
reject it (the company is told by mail).

Every function takes the acting user, checks the rules (``matchmaker.access``), changes the
objects and flushes; the request commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import NotFound

from matchmaker.access import require_organizer, require_representative
from matchmaker.database import lock_for_update
from matchmaker.enums import AttendanceMode, NotificationKind, ParticipationStatus
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.mail import absolute_url
from matchmaker.models import Company, Event, Participation, User
from matchmaker.models.base import utcnow
from matchmaker.notifications.outbox import notify_company
from matchmaker.phases import registration_open

# --- applying (representatives) ------------------------------------------------------------------


def accepts_registrations(event: Event) -> bool:
    """Late registrations are welcome while requests are being made; from scheduling on the
    list of participants is frozen (``matchmaker.phases``)."""
    return registration_open(event)


@dataclass(frozen=True)
class ParticipationRow:
    event: Event
    participation: Participation | None
    can_apply: bool  # apply, or change the application
    can_withdraw: bool


def participation_overview(actor: User) -> list[ParticipationRow]:
    """What the company's participation page shows: each edition and what can be done."""
    rows = []
    for event, participation in events_for_representative(actor):
        status = participation.status if participation else None
        is_open = accepts_registrations(event)
        rows.append(
            ParticipationRow(
                event=event,
                participation=participation,
                can_apply=is_open and status != ParticipationStatus.REJECTED,
                can_withdraw=is_open
                and status in (ParticipationStatus.PENDING, ParticipationStatus.APPROVED),
            )
        )
    return rows


def events_for_representative(actor: User) -> list[tuple[Event, Participation | None]]:
    """Editions the company can apply to or already applied to, newest first."""
    company = require_representative(actor)
    events = db.session.scalars(
        select(Event).order_by(Event.start_date.desc(), Event.id.desc())
    ).all()
    mine = {
        p.event_id: p
        for p in db.session.scalars(
            select(Participation).where(Participation.company_id == company.id)
        )
    }
    return [
        (event, mine.get(event.id))
        for event in events
        if event.id in mine or accepts_registrations(event)
    ]


def event_for_application(actor: User, event_id: int) -> tuple[Event, Participation | None]:
    company = require_representative(actor)
    event = db.session.get(Event, event_id)
    if event is None:
        raise NotFound()
    participation = db.session.scalar(
        select(Participation).where(
            Participation.event_id == event.id, Participation.company_id == company.id
        )
    )
    if participation is None and not accepts_registrations(event):
        raise NotFound()
    return event, participation


def apply_for_participation(
    actor: User,
    event_id: int,
    delegates: int,
    attendance: AttendanceMode,
    day_dates: Iterable[date],
) -> Participation:
    """Apply (or update the application) for the actor's company to take part in an edition."""
    company = lock_for_update(require_representative(actor))  # one application per edition
    event, participation = event_for_application(actor, event_id)
    if not accepts_registrations(event):
        raise RuleViolation(_("This edition no longer accepts registrations."))
    if participation is not None and participation.status == ParticipationStatus.REJECTED:
        raise RuleViolation(
            _("The organizers declined this application; please contact them."), status_code=409
        )
    by_date = {day.date: day for day in event.days}
    wanted = sorted(set(day_dates))
    unknown = [d for d in wanted if d not in by_date]
    if unknown:
        raise RuleViolation(_("Choose days of this edition only."), "days", status_code=400)
    if not wanted:
        raise RuleViolation(_("Choose at least one day."), "days", status_code=400)
    if not 1 <= delegates <= 20:
        raise RuleViolation(_("Between 1 and 20 delegates."), "delegates", status_code=400)
    if participation is None:
        participation = Participation(event=event, company=company)
        db.session.add(participation)
    elif participation.status == ParticipationStatus.WITHDRAWN:
        participation.status = ParticipationStatus.PENDING
        participation.decided_at = None
        participation.decided_by_id = None
    participation.delegates = delegates
    participation.attendance = attendance
    participation.days = [by_date[d] for d in wanted]
    db.session.flush()
    return participation


def withdraw_participation(actor: User, event_id: int) -> Participation:
    company = require_representative(actor)
    event = db.session.get(Event, event_id)
    if event is None:
        raise NotFound()
    participation = db.session.scalar(
        select(Participation).where(
            Participation.event_id == event.id, Participation.company_id == company.id
        )
    )
    if participation is None:
        raise NotFound()
    if participation.status in (ParticipationStatus.WITHDRAWN, ParticipationStatus.REJECTED):
        raise RuleViolation(_("This application is not active."))
    if not registration_open(event):
        raise RuleViolation(_("The list of participants is frozen; please contact the organizers."))
    participation.status = ParticipationStatus.WITHDRAWN
    db.session.flush()
    return participation


# --- deciding (organizers) -----------------------------------------------------------------------


def event_participations(
    actor: User, event_id: int, status: ParticipationStatus | None, page: int, per_page: int
):
    """One page (Flask-SQLAlchemy ``Pagination``) of the edition's applications."""
    require_organizer(actor)
    event = db.session.get(Event, event_id)
    if event is None:
        raise NotFound()
    query = (
        select(Participation)
        .join(Participation.company)
        .where(Participation.event_id == event.id)
        .options(selectinload(Participation.company), selectinload(Participation.days))
        .order_by(Participation.created_at, Company.name)
    )
    if status is not None:
        query = query.where(Participation.status == status)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def get_participation(actor: User, participation_id: int) -> Participation:
    require_organizer(actor)
    participation = db.session.get(Participation, participation_id)
    if participation is None:
        raise NotFound()
    return participation


def decide_participation(actor: User, participation_id: int, approve: bool) -> Participation:
    require_organizer(actor)
    participation = db.session.get(Participation, participation_id)
    if participation is None:
        raise NotFound()
    lock_for_update(participation)  # two organizers deciding at once: one decision, one e-mail
    if participation.status == ParticipationStatus.WITHDRAWN:
        raise RuleViolation(_("The company withdrew this application."))
    new_status = ParticipationStatus.APPROVED if approve else ParticipationStatus.REJECTED
    if participation.status == new_status:
        return participation  # a repeated click changes nothing and mails nobody
    participation.status = new_status
    participation.decided_at = utcnow()
    participation.decided_by_id = actor.id
    db.session.flush()
    _notify_decision(participation)
    return participation


def _notify_decision(participation: Participation) -> None:
    kind = (
        NotificationKind.APPLICATION_APPROVED
        if participation.status == ParticipationStatus.APPROVED
        else NotificationKind.APPLICATION_REJECTED
    )
    notify_company(
        participation.company,
        kind,
        event=participation.event,
        link=absolute_url("home.index"),
    )
