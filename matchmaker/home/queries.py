"""Reads behind the start page: the edition the site is about and a company's next steps."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from matchmaker.agendas.queries import Agenda, company_agenda, published_version
from matchmaker.editions import current_event
from matchmaker.enums import EventPhase, ParticipationStatus, ProposalAnswer, RequestStatus, Side
from matchmaker.extensions import db
from matchmaker.matching.queries import open_proposals_for, suggestions_for
from matchmaker.meeting_requests.queries import count_active_outgoing
from matchmaker.models import Company, Event, MeetingRequest, Participation, User

DASHBOARD_SUGGESTIONS = 3

# Parts of a company profile that other companies use to choose whom to meet, with the label
# shown when one is missing.
PROFILE_PARTS = {
    "description": _l("a description of the company"),
    "offers": _l("what you offer"),
    "seeks": _l("what you are looking for"),
    "sector": _l("your sector"),
    "languages": _l("the languages you meet in"),
    "cooperation": _l("the kinds of cooperation you want"),
}


@dataclass(frozen=True)
class EditionFacts:
    """What a visitor learns about the current edition."""

    event: Event
    participants: dict[Side, int]
    timetable_published: bool

    @property
    def participant_total(self) -> int:
        return sum(self.participants.values())


@dataclass
class Dashboard:
    """A representative's next steps for the current edition."""

    company: Company
    event: Event | None
    participation: Participation | None
    missing_profile: list[str] = field(default_factory=list)
    incoming_pending: int = 0
    outgoing_active: int = 0
    agenda: Agenda | None = None
    suggestions: list = field(default_factory=list)  # matching.queries.Suggestion
    proposals_to_answer: int = 0  # meetings the organizers propose, not answered yet

    @property
    def approved(self) -> bool:
        return (
            self.participation is not None
            and self.participation.status == ParticipationStatus.APPROVED
        )

    @property
    def next_meetings(self):
        return self.agenda.items[:3] if self.agenda and self.agenda.published else []


def edition_facts(event: Event | None = None) -> EditionFacts | None:
    event = event or current_event()
    if event is None:
        return None
    counts = dict(
        db.session.execute(
            select(Company.side, func.count(Participation.id))
            .join(Participation, Participation.company_id == Company.id)
            .where(
                Participation.event_id == event.id,
                Participation.status == ParticipationStatus.APPROVED,
            )
            .group_by(Company.side)
        ).all()
    )
    return EditionFacts(
        event=event,
        participants={side: counts.get(side, 0) for side in Side},
        timetable_published=published_version(event) is not None,
    )


def missing_profile_parts(company: Company) -> list[str]:
    """Keys of PROFILE_PARTS the company has not filled in yet."""
    present = {
        "description": bool(company.description.strip()),
        "offers": bool(company.offers.strip()),
        "seeks": bool(company.seeks.strip()),
        "sector": bool(company.sector),
        "languages": bool(company.languages),
        "cooperation": bool(company.cooperation_types),
    }
    return [key for key in PROFILE_PARTS if not present[key]]


def pending_incoming(event: Event, company: Company) -> int:
    return db.session.scalar(
        select(func.count(MeetingRequest.id)).where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.to_company_id == company.id,
            MeetingRequest.status == RequestStatus.PENDING,
        )
    )


def dashboard(user: User) -> Dashboard:
    company = user.company
    event = current_event()
    board = Dashboard(company=company, event=event, participation=None)
    board.missing_profile = missing_profile_parts(company)
    if event is None:
        return board
    board.participation = db.session.scalar(
        select(Participation).where(
            Participation.event_id == event.id, Participation.company_id == company.id
        )
    )
    if board.approved:
        board.incoming_pending = pending_incoming(event, company)
        board.outgoing_active = count_active_outgoing(event, company)
        board.agenda = company_agenda(event, company, user)
        if event.phase in (EventPhase.REGISTRATION, EventPhase.REQUESTS):
            board.suggestions = suggestions_for(event, company.id, DASHBOARD_SUGGESTIONS)
            board.proposals_to_answer = sum(
                1
                for proposal in open_proposals_for(event, company.id)
                if proposal.answer_of(company.id) == ProposalAnswer.PENDING
            )
    return board
