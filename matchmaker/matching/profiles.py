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
from matchmaker.matching.scoring import Profile
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


def profile_of(company: Company) -> Profile:
    """The matchmaking profile of ``company`` (pure: reads only the loaded object)."""
    offered_text = topics_in(company.offers or "") | topics_in(company.description or "")
    sought = set(topics_in(company.seeks or "")) | set(company.topics(TopicRole.SEEK))
    offered = set(offered_text) | set(company.topics(TopicRole.OFFER))
    if company.sector:
        offered |= set(SECTOR_DOMAINS.get(company.sector, ()))
        offered |= set(SECTOR_ACTIVITIES.get(company.sector, ()))
    location = {t for t in offered if t in REGIONS}  # "distribution in Western China"
    offered -= location
    if company.country in COUNTRY_REGIONS:
        location.add(COUNTRY_REGIONS[company.country])
    if company.side == Side.EU:
        location.add("europe")
    if company.country == "CN":
        location.add("china")
        if (company.region or "") in WESTERN_CHINA_PROVINCES:
            location.add("western_china")
    return Profile(
        company_id=company.id,
        side=company.side.value,
        offers=frozenset(offered),
        seeks=frozenset(sought),
        location=frozenset(location),
        sector=company.sector,
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
_editions: dict[int, tuple[tuple, list[Profile]]] = {}


def edition_profiles(event: Event) -> list[Profile]:
    """The profiles of every approved participant of ``event``, by company id."""
    stamp = edition_stamp(event)
    with _editions_lock:
        cached = _editions.get(event.id)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    companies = db.session.scalars(approved_companies_statement(event)).all()
    profiles = [cached_profile(company) for company in companies]
    with _editions_lock:
        _editions[event.id] = (stamp, profiles)
    return profiles
