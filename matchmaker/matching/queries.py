"""Suggestions for a company and for the organizers, from the profiles and the edition's history.

A suggestion is never a company of the same side, one the reader is already in contact with at
this edition (a request either way that was not withdrawn, or an open proposal), one that declined
or was declined at any edition, or one the reader dismissed. Pairs that met at a past edition and
reported an agreement are follow-ups and rank higher.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select, union_all

from matchmaker.enums import AgreementLevel, ProposalAnswer, RequestStatus
from matchmaker.extensions import db
from matchmaker.matching.profiles import edition_index, edition_profiles
from matchmaker.matching.scoring import Match, Profile, score_pair, top_matches
from matchmaker.models import (
    Company,
    Event,
    MeetingProposal,
    MeetingRequest,
    OutcomeReport,
    SuggestionDismissal,
)

DEFAULT_LIMIT = 10
FEW_REQUESTS = 3  # organizers see companies with fewer active requests than this


@dataclass
class Suggestion:
    company: Company
    match: Match


def excluded_partners(event: Event, company_id: int) -> set[int]:
    """Companies never suggested to ``company_id`` at ``event`` (see the module docstring), in
    one statement."""
    either = or_(
        MeetingRequest.from_company_id == company_id, MeetingRequest.to_company_id == company_id
    )
    in_contact = select(
        MeetingRequest.from_company_id.label("a"), MeetingRequest.to_company_id.label("b")
    ).where(
        either,
        or_(MeetingRequest.event_id == event.id, MeetingRequest.status == RequestStatus.DECLINED),
        MeetingRequest.status != RequestStatus.WITHDRAWN,
    )
    proposed = select(MeetingProposal.company_a_id, MeetingProposal.company_b_id).where(
        MeetingProposal.event_id == event.id,
        or_(MeetingProposal.company_a_id == company_id, MeetingProposal.company_b_id == company_id),
    )
    dismissed = select(SuggestionDismissal.company_id, SuggestionDismissal.partner_id).where(
        SuggestionDismissal.event_id == event.id, SuggestionDismissal.company_id == company_id
    )
    partners = set()
    for a, b in db.session.execute(union_all(in_contact, proposed, dismissed)):
        partners.add(b if a == company_id else a)
    partners.discard(company_id)
    return partners


def follow_up_partners(event: Event, company_id: int | None = None) -> set[tuple[int, int]]:
    """Pairs (both orders) that met at an earlier edition and reported an agreement."""
    statement = (
        select(MeetingRequest.from_company_id, MeetingRequest.to_company_id)
        .join(OutcomeReport, OutcomeReport.request_id == MeetingRequest.id)
        .where(
            MeetingRequest.event_id != event.id,
            OutcomeReport.agreement != AgreementLevel.NONE,
        )
    )
    if company_id is not None:
        statement = statement.where(
            or_(
                MeetingRequest.from_company_id == company_id,
                MeetingRequest.to_company_id == company_id,
            )
        )
    pairs = set()
    for a, b in db.session.execute(statement):
        pairs.add((a, b))
        pairs.add((b, a))
    return pairs


def _profile_for(profiles: list[Profile], company_id: int) -> Profile | None:
    return next((p for p in profiles if p.company_id == company_id), None)


def suggestions_for(event: Event, company_id: int, limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
    """The best partners for ``company_id`` at ``event``, strongest first, with reasons. Empty
    when the company does not take part in the edition."""
    index = edition_index(event)
    position = index.position.get(company_id)
    if position is None:
        return []
    reader = index.candidates[position]
    follow_ups = {b for a, b in follow_up_partners(event, company_id) if a == company_id}
    matches = top_matches(
        reader,
        index.candidates,
        limit,
        excluded=excluded_partners(event, company_id),
        follow_ups=follow_ups,
        index=index,
    )
    companies = {
        c.id: c
        for c in db.session.scalars(
            select(Company).where(Company.id.in_([m.partner_id for m in matches]))
        )
    }
    return [Suggestion(companies[m.partner_id], m) for m in matches]


def match_between(event: Event, reader_id: int, partner_id: int) -> Match | None:
    """The score and reasons of one pair (for the organizers' proposal page)."""
    profiles = edition_profiles(event)
    reader, partner = _profile_for(profiles, reader_id), _profile_for(profiles, partner_id)
    if reader is None or partner is None:
        return None
    follow_up = (reader_id, partner_id) in follow_up_partners(event, reader_id)
    score, reasons = score_pair(reader, partner, follow_up)
    return Match(partner_id, score, reasons)


def active_request_counts(event: Event) -> dict[int, int]:
    """Pending or accepted requests per company (sent and received) at ``event``."""
    counts: dict[int, int] = {}
    rows = db.session.execute(
        select(MeetingRequest.from_company_id, MeetingRequest.to_company_id).where(
            MeetingRequest.event_id == event.id,
            MeetingRequest.status.in_([RequestStatus.PENDING, RequestStatus.ACCEPTED]),
        )
    )
    for a, b in rows:
        counts[a] = counts.get(a, 0) + 1
        counts[b] = counts.get(b, 0) + 1
    return counts


@dataclass
class LonelyCompany:
    company: Company
    requests: int
    suggestions: list[Suggestion]


def companies_with_few_requests(
    event: Event,
    threshold: int = FEW_REQUESTS,
    per_company: int = 3,
    offset: int = 0,
    limit: int = 30,
) -> tuple[int, list[LonelyCompany]]:
    """How many participants have fewer than ``threshold`` active requests, and one page of them
    (fewest requests first), each with its best suggestions (scored for the page at once)."""
    index = edition_index(event)
    profiles = index.candidates
    counts = active_request_counts(event)
    lonely_all = sorted(
        (p for p in profiles if counts.get(p.company_id, 0) < threshold),
        key=lambda p: (counts.get(p.company_id, 0), p.company_id),
    )
    lonely = lonely_all[offset : offset + limit]
    if not lonely:
        return len(lonely_all), []
    follow_ups = follow_up_partners(event)
    result_ids: list[tuple[Profile, list[Match]]] = []
    scores = index.scores(lonely, follow_ups)
    for row, reader in enumerate(lonely):
        excluded = excluded_partners(event, reader.company_id)
        order = sorted(
            (j for j, c in enumerate(profiles) if c.side != reader.side),
            key=lambda j: (-float(scores[row, j]), profiles[j].company_id),
        )
        matches = []
        for j in order:
            candidate = profiles[j]
            if candidate.company_id in excluded:
                continue
            score, reasons = score_pair(
                reader, candidate, (reader.company_id, candidate.company_id) in follow_ups
            )
            if score < 1:
                break
            matches.append(Match(candidate.company_id, score, reasons))
            if len(matches) == per_company:
                break
        result_ids.append((reader, matches))
    wanted = {r.company_id for r, _ in result_ids} | {
        m.partner_id for _, ms in result_ids for m in ms
    }
    companies = {c.id: c for c in db.session.scalars(select(Company).where(Company.id.in_(wanted)))}
    rows = [
        LonelyCompany(
            companies[reader.company_id],
            counts.get(reader.company_id, 0),
            [Suggestion(companies[m.partner_id], m) for m in matches],
        )
        for reader, matches in result_ids
    ]
    rows.sort(key=lambda row: (row.requests, row.company.id))
    return len(lonely_all), rows


def open_proposals_for(event: Event, company_id: int) -> list[MeetingProposal]:
    return list(
        db.session.scalars(
            select(MeetingProposal)
            .where(
                MeetingProposal.event_id == event.id,
                or_(
                    MeetingProposal.company_a_id == company_id,
                    MeetingProposal.company_b_id == company_id,
                ),
                MeetingProposal.answer_a != ProposalAnswer.DECLINED,
                MeetingProposal.answer_b != ProposalAnswer.DECLINED,
                MeetingProposal.request_id.is_(None),
            )
            .order_by(MeetingProposal.created_at, MeetingProposal.id)
        )
    )


def proposals_of_event(event: Event) -> list[MeetingProposal]:
    return list(
        db.session.scalars(
            select(MeetingProposal)
            .where(MeetingProposal.event_id == event.id)
            .order_by(MeetingProposal.created_at.desc(), MeetingProposal.id.desc())
        )
    )
