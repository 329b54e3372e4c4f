"""Matchmaking actions: ticking topics, dismissing a suggestion, sending a request from a
suggestion, and meetings the organizers propose.

Every function takes the acting user, checks the rules, changes the objects and flushes; the
request commits. A refused action raises ``RuleViolation`` with a message for the user.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from matchmaker.enums import (
    EventPhase,
    ParticipationStatus,
    ProposalAnswer,
    RequestPriority,
    RequestStatus,
    TopicRole,
)
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.matching.taxonomy import is_topic
from matchmaker.meeting_requests.operations import send_request
from matchmaker.models import (
    Company,
    CompanyTopic,
    Event,
    MeetingProposal,
    MeetingRequest,
    Participation,
    SuggestionDismissal,
    User,
)
from matchmaker.models.base import utcnow

MAX_TOPICS_PER_ROLE = 12
MAX_NOTE_LENGTH = 500


def _require_acts_for(actor: User, company: Company) -> None:
    if not (actor.is_organizer or actor.company_id == company.id):
        raise RuleViolation(_("You can only act for your own company."), status_code=403)


def _require_organizer(actor: User) -> None:
    if not actor.is_organizer:
        raise RuleViolation(_("Only organizers can do this."), status_code=403)


def _is_approved(event: Event, company: Company) -> bool:
    return (
        db.session.scalar(
            select(Participation.id).where(
                Participation.event_id == event.id,
                Participation.company_id == company.id,
                Participation.status == ParticipationStatus.APPROVED,
            )
        )
        is not None
    )


# --- topics ---------------------------------------------------------------------------------


def set_topics(actor: User, company: Company, offers: list[str], seeks: list[str]) -> None:
    """Replace the taxonomy topics ``company`` offers and seeks."""
    _require_acts_for(actor, company)
    for topics in (offers, seeks):
        unknown = [t for t in topics if not is_topic(t)]
        if unknown:
            raise RuleViolation(_("Unknown topic."), status_code=400)
        if len(set(topics)) > MAX_TOPICS_PER_ROLE:
            raise RuleViolation(
                _("Choose at most %(n)d topics of each kind.", n=MAX_TOPICS_PER_ROLE),
                status_code=400,
            )
    wanted = {(t, TopicRole.OFFER) for t in offers} | {(t, TopicRole.SEEK) for t in seeks}
    current = {(link.topic, link.role): link for link in company.topic_links}
    if set(current) == wanted:
        return
    for key, link in current.items():
        if key not in wanted:
            company.topic_links.remove(link)
    for topic, role in sorted(wanted - set(current)):
        company.topic_links.append(CompanyTopic(topic=topic, role=role))
    company.updated_at = utcnow()  # the matchmaking profile is analysed again
    db.session.flush()


# --- suggestions ----------------------------------------------------------------------------


def dismiss_suggestion(actor: User, event: Event, company: Company, partner: Company) -> None:
    """``company`` does not want ``partner`` suggested again at ``event`` (idempotent)."""
    _require_acts_for(actor, company)
    if partner.id == company.id:
        raise RuleViolation(_("A company cannot dismiss itself."), status_code=400)
    exists = db.session.scalar(
        select(SuggestionDismissal.id).where(
            SuggestionDismissal.event_id == event.id,
            SuggestionDismissal.company_id == company.id,
            SuggestionDismissal.partner_id == partner.id,
        )
    )
    if exists is None:
        db.session.add(
            SuggestionDismissal(
                event_id=event.id,
                company_id=company.id,
                partner_id=partner.id,
                dismissed_by_id=actor.id,
            )
        )
        db.session.flush()


def request_suggested(
    actor: User, event: Event, company: Company, partner: Company
) -> MeetingRequest:
    """One click from a suggestion: a request with the usual rules and no message."""
    return send_request(actor, event, company, partner, RequestPriority.NORMAL, "")


# --- organizer proposals --------------------------------------------------------------------


def _ordered(a: Company, b: Company) -> tuple[Company, Company]:
    return (a, b) if a.id < b.id else (b, a)


def _request_between(event: Event, a: Company, b: Company) -> MeetingRequest | None:
    return db.session.scalar(
        select(MeetingRequest).where(
            MeetingRequest.event_id == event.id,
            ((MeetingRequest.from_company_id == a.id) & (MeetingRequest.to_company_id == b.id))
            | ((MeetingRequest.from_company_id == b.id) & (MeetingRequest.to_company_id == a.id)),
            MeetingRequest.status != RequestStatus.WITHDRAWN,
        )
    )


def _require_proposal_phase(event: Event) -> None:
    if event.phase not in (EventPhase.REGISTRATION, EventPhase.REQUESTS):
        raise RuleViolation(
            _(
                "Meetings can be proposed only before scheduling starts (phase: %(phase)s).",
                phase=_(event.phase.label),
            ),
            status_code=409,
        )


def propose_meeting(
    actor: User, event: Event, first: Company, second: Company, note: str = ""
) -> MeetingProposal:
    """An organizer proposes that ``first`` and ``second`` meet; both are asked to accept."""
    _require_organizer(actor)
    _require_proposal_phase(event)
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise RuleViolation(
            _("The note is too long: at most %(n)d characters.", n=MAX_NOTE_LENGTH),
            status_code=400,
        )
    if first.id == second.id:
        raise RuleViolation(_("Choose two different companies."), status_code=400)
    if first.side == second.side:
        raise RuleViolation(
            _("Proposed meetings are between a European and a Chinese company."),
            status_code=400,
        )
    for company in (first, second):
        if not _is_approved(event, company):
            raise RuleViolation(
                _(
                    "%(company)s is not an approved participant of %(event)s.",
                    company=company.name,
                    event=event.name,
                ),
                status_code=409,
            )
    if _request_between(event, first, second) is not None:
        raise RuleViolation(
            _(
                "%(a)s and %(b)s are already in contact through a meeting request.",
                a=first.name,
                b=second.name,
            ),
            status_code=409,
        )
    a, b = _ordered(first, second)
    existing = db.session.scalar(
        select(MeetingProposal).where(
            MeetingProposal.event_id == event.id,
            MeetingProposal.company_a_id == a.id,
            MeetingProposal.company_b_id == b.id,
        )
    )
    if existing is not None:
        raise RuleViolation(
            _("This meeting has already been proposed to %(a)s and %(b)s.", a=a.name, b=b.name),
            status_code=409,
        )
    proposal = MeetingProposal(
        event_id=event.id,
        company_a_id=a.id,
        company_b_id=b.id,
        proposed_by_id=actor.id,
        note=note,
    )
    db.session.add(proposal)
    db.session.flush()
    return proposal


def answer_proposal(
    actor: User, proposal: MeetingProposal, company: Company, accept: bool
) -> MeetingProposal:
    """``company`` accepts or declines ``proposal``. When both sides have accepted, an accepted
    meeting request joins the edition, so the scheduler plans the meeting."""
    _require_acts_for(actor, company)
    if company.id not in (proposal.company_a_id, proposal.company_b_id):
        raise RuleViolation(_("This proposal is not for your company."), status_code=404)
    # the row is locked so that two answers arriving together both see each other
    proposal = db.session.scalar(
        select(MeetingProposal).where(MeetingProposal.id == proposal.id).with_for_update()
    )
    event = db.session.get(Event, proposal.event_id)
    _require_proposal_phase(event)
    if not proposal.is_open:
        raise RuleViolation(_("This proposal has already been answered."), status_code=409)
    answer = ProposalAnswer.ACCEPTED if accept else ProposalAnswer.DECLINED
    if company.id == proposal.company_a_id:
        proposal.answer_a = answer
    else:
        proposal.answer_b = answer
    if proposal.answer_a == proposal.answer_b == ProposalAnswer.ACCEPTED:
        a = db.session.get(Company, proposal.company_a_id)
        b = db.session.get(Company, proposal.company_b_id)
        request = _request_between(event, a, b)
        if request is None:
            request = MeetingRequest(
                event_id=event.id,
                from_company_id=a.id,
                to_company_id=b.id,
                priority=RequestPriority.NORMAL,
                message=proposal.note,
                status=RequestStatus.ACCEPTED,
                responded_at=utcnow(),
            )
            db.session.add(request)
        elif request.status == RequestStatus.PENDING:
            request.status = RequestStatus.ACCEPTED
            request.responded_at = utcnow()
        db.session.flush()
        proposal.request_id = request.id
    db.session.flush()
    return proposal
