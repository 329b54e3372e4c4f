"""Read-only queries about meeting requests (used by the rules and by the pages)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from matchmaker.enums import ParticipationStatus, RequestStatus
from matchmaker.extensions import db
from matchmaker.models import Company, Event, MeetingRequest, Participation, User
from matchmaker.participations.queries import is_approved_participant
from matchmaker.phases import requests_closed_message, requests_open

ACTIVE_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


def lock_participation(event: Event, company: Company) -> Participation | None:
    """The company's participation in ``event``, row-locked until the transaction ends on
    PostgreSQL (SQLite serialises writers anyway), so that two requests sent at the same moment
    cannot both slip under the cap."""
    return db.session.scalar(
        select(Participation)
        .where(Participation.event_id == event.id, Participation.company_id == company.id)
        .with_for_update()
    )


def find_request(event: Event, from_company: Company, to_company: Company) -> MeetingRequest | None:
    return db.session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.from_company_id == from_company.id,
            MeetingRequest.to_company_id == to_company.id,
        )
    )


def count_active_outgoing(event: Event, company: Company) -> int:
    return db.session.scalar(
        select(func.count(MeetingRequest.id)).where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.from_company_id == company.id,
            MeetingRequest.status.in_(ACTIVE_STATUSES),
        )
    )


def _with_companies(statement):
    return statement.options(
        joinedload(MeetingRequest.from_company),
        joinedload(MeetingRequest.to_company),
        joinedload(MeetingRequest.event),
    )


def visible_request(actor: User, request_id: int) -> MeetingRequest | None:
    """The request if ``actor`` may see it (organizers: all; representatives: their company's),
    else None — the view answers 404 either way, so ids of other companies reveal nothing."""
    statement = _with_companies(select(MeetingRequest).where(MeetingRequest.id == request_id))
    if not actor.is_organizer:
        if actor.company_id is None:
            return None
        statement = statement.where(
            or_(
                MeetingRequest.from_company_id == actor.company_id,
                MeetingRequest.to_company_id == actor.company_id,
            )
        )
    return db.session.scalar(statement)


def incoming_requests(event: Event, company: Company) -> list[MeetingRequest]:
    return list(
        db.session.scalars(
            _with_companies(
                select(MeetingRequest)
                .where(
                    MeetingRequest.event_id == event.id,
                    MeetingRequest.to_company_id == company.id,
                )
                .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
            )
        )
    )


def outgoing_requests(event: Event, company: Company) -> list[MeetingRequest]:
    return list(
        db.session.scalars(
            _with_companies(
                select(MeetingRequest)
                .where(
                    MeetingRequest.event_id == event.id,
                    MeetingRequest.from_company_id == company.id,
                )
                .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
            )
        )
    )


def event_requests(event: Event, page: int, per_page: int):
    """All requests of an edition, newest first, one page at a time (organizers)."""
    return db.paginate(
        _with_companies(
            select(MeetingRequest)
            .where(MeetingRequest.event_id == event.id)
            .order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
        ),
        page=page,
        per_page=per_page,
        error_out=False,
    )


def status_counts(event: Event) -> dict[RequestStatus, int]:
    rows = db.session.execute(
        select(MeetingRequest.status, func.count(MeetingRequest.id))
        .where(MeetingRequest.event_id == event.id)
        .group_by(MeetingRequest.status)
    )
    return {status: count for status, count in rows}


def approved_companies(event: Event) -> list[Company]:
    return list(
        db.session.scalars(
            select(Company)
            .join(Participation, Participation.company_id == Company.id)
            .where(
                Participation.event_id == event.id,
                Participation.status == ParticipationStatus.APPROVED,
            )
            .order_by(Company.name, Company.id)
        )
    )


@dataclass
class RequestState:
    """What a viewer sees about meeting ``company`` at ``event`` on its catalogue page."""

    outgoing: MeetingRequest | None = None  # the viewer's company asked the company
    incoming: MeetingRequest | None = None  # the company asked the viewer's company
    can_send: bool = False
    reason: str | None = None  # why no form is shown


def request_state_between(viewer: User, event: Event, company: Company) -> RequestState:
    """The state shown on the page of ``company``: the existing requests both ways, and whether
    the request form is offered (the rules themselves are enforced when sending)."""
    state = RequestState()
    if viewer.company is not None and viewer.company_id != company.id:
        state.outgoing = find_request(event, viewer.company, company)
        state.incoming = find_request(event, company, viewer.company)
    if not requests_open(event):
        state.reason = requests_closed_message(event)
    elif not is_approved_participant(event, company):
        state.reason = _("This company is not an approved participant of this event.")
    elif viewer.is_organizer:
        state.can_send = True
    elif viewer.company is None or not is_approved_participant(event, viewer.company):
        state.reason = _(
            "Your company needs an approved participation in this event to request meetings."
        )
    elif state.outgoing is not None and state.outgoing.status != RequestStatus.WITHDRAWN:
        state.reason = None  # the page shows the existing request
    elif state.incoming is not None and state.incoming.status in ACTIVE_STATUSES:
        state.reason = None  # the page points to their request
    else:
        state.can_send = True
    return state
