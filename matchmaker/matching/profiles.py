"""Matchmaking profiles of the companies of an edition, kept in memory between requests.

``profile_of`` turns a company into a ``scoring.Profile``: the topics it ticked, the topics its
free text names (offers, seeks, description, in any language), the domains and activities its
NACE sector implies, where it is. Text analysis is the expensive part, so profiles are cached per
``(company id, updated_at)``: a changed profile is analysed again on the next request, the others
are reused (``edition_profiles``). Changing a company's topics touches its ``updated_at``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from matchmaker.enums import ParticipationStatus, Side, TopicRole
from matchmaker.extensions import db
from matchmaker.matching.scoring import CandidateIndex, Profile
from matchmaker.matching.taxonomy import (
    COUNTRY_REGIONS,
    REGIONS,
    SECTOR_ACTIVITIES,
    SECTOR_DOMAINS,
    WESTERN_CHINA_PROVINCES,
)
from matchmaker.matching.text import topics_in
from matchmaker.models import Company, Event, Participation

CACHE_SIZE = 20000

_lock = threading.Lock()
_profiles: OrderedDict[tuple[int, datetime | None], Profile] = OrderedDict()


def build_profile(
    company_id: int,
    side: str,
    offers: str = "",
    seeks: str = "",
    description: str = "",
    *,
    country: str | None = None,
    region: str | None = None,
    sector: str | None = None,
    ticked_offers: tuple[str, ...] = (),
    ticked_seeks: tuple[str, ...] = (),
    cooperation: frozenset[str] = frozenset(),
    languages: frozenset[str] = frozenset(),
    size: str | None = None,
) -> Profile:
    """A matchmaking profile from a company's fields (pure; the evaluation set uses it too)."""
    offered = topics_in(offers) | topics_in(description) | set(ticked_offers)
    sought = topics_in(seeks) | set(ticked_seeks)
    if sector:
        offered |= set(SECTOR_DOMAINS.get(sector, ()))
        offered |= set(SECTOR_ACTIVITIES.get(sector, ()))
    location = {t for t in offered if t in REGIONS}  # "distribution in Western China"
    offered -= location
    if country in COUNTRY_REGIONS:
        location.add(COUNTRY_REGIONS[country])
    if side == Side.EU.value:
        location.add("europe")
    if side == Side.CN.value:
        location.add("china")
        if (region or "") in WESTERN_CHINA_PROVINCES:
            location.add("western_china")
    return Profile(
        company_id=company_id,
        side=side,
        offers=frozenset(offered),
        seeks=frozenset(sought),
        location=frozenset(location),
        sector=sector,
        cooperation=cooperation,
        languages=languages,
        size=size,
    )


def profile_of(company: Company) -> Profile:
    """The matchmaking profile of ``company`` (reads only the loaded object)."""
    return build_profile(
        company.id,
        company.side.value,
        company.offers or "",
        company.seeks or "",
        company.description or "",
        country=company.country,
        region=company.region,
        sector=company.sector,
        ticked_offers=tuple(company.topics(TopicRole.OFFER)),
        ticked_seeks=tuple(company.topics(TopicRole.SEEK)),
        cooperation=frozenset(c.value for c in company.cooperation_types),
        languages=frozenset(company.languages),
        size=company.size_band.value if company.size_band else None,
    )


def cached_profile(company: Company) -> Profile:
    key = (company.id, company.updated_at)
    with _lock:
        profile = _profiles.get(key)
        if profile is not None:
            _profiles.move_to_end(key)
            return profile
    profile = profile_of(company)
    with _lock:
        _profiles[key] = profile
        while len(_profiles) > CACHE_SIZE:
            _profiles.popitem(last=False)
    return profile


def approved_companies_statement(event: Event):
    return (
        select(Company)
        .join(Participation, Participation.company_id == Company.id)
        .where(
            Participation.event_id == event.id,
            Participation.status == ParticipationStatus.APPROVED,
        )
        .options(
            selectinload(Company.topic_links),
            selectinload(Company.cooperation_links),
            selectinload(Company.language_links),
        )
        .order_by(Company.id)
    )


def edition_stamp(event: Event) -> tuple:
    """Changes whenever a participant joins, leaves or edits its profile."""
    row = db.session.execute(
        select(func.count(Company.id), func.max(Company.updated_at), func.sum(Company.id))
        .join(Participation, Participation.company_id == Company.id)
        .where(
            Participation.event_id == event.id,
            Participation.status == ParticipationStatus.APPROVED,
        )
    ).one()
    return (event.id, row[0], row[1], row[2])


_editions_lock = threading.Lock()
_editions: dict[int, tuple[tuple, CandidateIndex]] = {}


def edition_index(event: Event) -> CandidateIndex:
    """The scoring index of every approved participant of ``event`` (its ``candidates`` are the
    profiles, by company id), rebuilt when a participant changes."""
    stamp = edition_stamp(event)
    with _editions_lock:
        cached = _editions.get(event.id)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    companies = db.session.scalars(approved_companies_statement(event)).all()
    index = CandidateIndex([cached_profile(company) for company in companies])
    with _editions_lock:
        _editions[event.id] = (stamp, index)
    return index


def edition_profiles(event: Event) -> list[Profile]:
    """The profiles of every approved participant of ``event``, by company id."""
    return edition_index(event).candidates
