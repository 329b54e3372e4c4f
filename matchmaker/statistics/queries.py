"""The figures the fair reports, computed from participations, requests, the day plan and the
outcome reports.

Definitions (also in the README):

* registered: participation rows of the edition in any status; participating: approved ones;
* meetings scheduled: the published schedule plus meetings booked on the day;
* held: marked held on the day, or (without a day mark) reported held by at least one side;
  no-show rate: no-shows / (held + no-shows);
* agreement of a meeting: the furthest level either side reports (intention < signed), with
  the type given alongside it; sector pair: the European company's sector × the Chinese one's;
* response rate: reports received / two per meeting that did not fall through;
* cumulative: each company counted once however many editions it took part in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from matchmaker.caching import STATISTICS, cached
from matchmaker.enums import (
    AgreementLevel,
    AgreementType,
    MeetingStatus,
    ParticipationStatus,
    RequestStatus,
    Side,
)
from matchmaker.extensions import db
from matchmaker.models import (
    Company,
    Event,
    Meeting,
    MeetingDayStatus,
    MeetingRequest,
    OutcomeReport,
    Participation,
    PastEdition,
)
from matchmaker.outcomes.queries import OutcomeRules, outcome_facts


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class EditionStats:
    event: Event
    registered_by_side: dict[Side, int]
    registered_by_country: dict[str, int]
    registered_by_sector: dict[str, int]
    participating_by_side: dict[Side, int]
    participating_by_country: dict[str, int]
    participating_by_sector: dict[str, int]
    requests_sent: int
    requests_accepted: int
    meetings_scheduled: int
    meetings_held: int
    no_shows: int
    cancelled: int
    agreements_by_type: dict[AgreementType | None, dict[AgreementLevel, int]]
    agreements_by_sector_pair: dict[tuple[str, str], int]
    reports_expected: int
    reports_received: int
    disagreements: int

    @property
    def registered(self) -> int:
        return sum(self.registered_by_side.values())

    @property
    def participating(self) -> int:
        return sum(self.participating_by_side.values())

    @property
    def no_show_rate(self) -> float | None:
        return _rate(self.no_shows, self.meetings_held + self.no_shows)

    @property
    def response_rate(self) -> float | None:
        return _rate(self.reports_received, self.reports_expected)

    @property
    def agreements_intended(self) -> int:
        return sum(v[AgreementLevel.INTENTION] for v in self.agreements_by_type.values())

    @property
    def agreements_signed(self) -> int:
        return sum(v[AgreementLevel.SIGNED] for v in self.agreements_by_type.values())

    @property
    def agreements(self) -> int:
        return self.agreements_intended + self.agreements_signed


def edition_stats(event: Event, outcomes: Sequence[OutcomeRules] | None = None) -> EditionStats:
    """The edition's figures, counted from the plain facts of its meetings (``outcome_facts``:
    a few column queries, no ORM object) unless the caller has the full outcomes already."""
    rows = db.session.execute(
        select(Company.side, Company.country, Company.sector, Participation.status)
        .join(Participation, Participation.company_id == Company.id)
        .where(Participation.event_id == event.id)
    ).all()
    registered = dict.fromkeys(Side, 0)
    registered_by_country: Counter[str] = Counter()
    registered_by_sector: Counter[str] = Counter()
    by_side = dict.fromkeys(Side, 0)
    by_country: Counter[str] = Counter()
    by_sector: Counter[str] = Counter()
    for side, country, sector, status in rows:
        registered[side] += 1
        registered_by_country[country] += 1
        registered_by_sector[sector or "—"] += 1
        if status == ParticipationStatus.APPROVED:
            by_side[side] += 1
            by_country[country] += 1
            by_sector[sector or "—"] += 1
    request_counts = dict(
        db.session.execute(
            select(MeetingRequest.status, func.count())
            .where(MeetingRequest.event_id == event.id)
            .group_by(MeetingRequest.status)
        ).all()
    )
    if outcomes is None:
        outcomes = outcome_facts(event)
    sectors = _sectors(event) if outcomes else {}
    by_type: dict[AgreementType | None, dict[AgreementLevel, int]] = {}
    by_pair: Counter[tuple[str, str]] = Counter()
    held = no_shows = cancelled = expected = received = disagreeing = 0
    for outcome in outcomes:
        status = outcome.status
        if status == MeetingStatus.NO_SHOW:
            no_shows += 1
        elif status == MeetingStatus.CANCELLED:
            cancelled += 1
        if outcome.held:
            held += 1
        if not outcome.fell_through:
            expected += 2
            received += len(outcome.reports)
        if outcome.disagreements:
            disagreeing += 1
        level = outcome.agreement
        if level != AgreementLevel.NONE:
            counts = by_type.setdefault(outcome.agreement_type, dict.fromkeys(AgreementLevel, 0))
            counts[level] += 1
            by_pair[_sector_pair(outcome, sectors)] += 1
    return EditionStats(
        event=event,
        registered_by_side=registered,
        registered_by_country=dict(registered_by_country.most_common()),
        registered_by_sector=dict(registered_by_sector.most_common()),
        participating_by_side=by_side,
        participating_by_country=dict(by_country.most_common()),
        participating_by_sector=dict(by_sector.most_common()),
        requests_sent=sum(request_counts.values()),
        requests_accepted=request_counts.get(RequestStatus.ACCEPTED, 0),
        meetings_scheduled=len(outcomes),
        meetings_held=held,
        no_shows=no_shows,
        cancelled=cancelled,
        agreements_by_type=dict(
            sorted(
                by_type.items(),
                key=lambda item: list(AgreementType).index(item[0]) if item[0] else 99,
            )
        ),
        agreements_by_sector_pair=dict(by_pair.most_common()),
        reports_expected=expected,
        reports_received=received,
        disagreements=disagreeing,
    )


def _sectors(event: Event) -> dict[int, tuple[Side, str]]:
    """Side and sector of every company with a meeting request in the edition (a subquery,
    not a list of thousands of ids)."""
    in_requests = (
        select(MeetingRequest.from_company_id)
        .where(MeetingRequest.event_id == event.id)
        .union(select(MeetingRequest.to_company_id).where(MeetingRequest.event_id == event.id))
    )
    return {
        company_id: (side, sector or "—")
        for company_id, side, sector in db.session.execute(
            select(Company.id, Company.side, Company.sector).where(Company.id.in_(in_requests))
        )
    }


def _sector_pair(outcome: OutcomeRules, sectors: dict[int, tuple[Side, str]]) -> tuple[str, str]:
    """(European company's sector, Chinese company's sector); same-side meetings sorted."""
    a = sectors[outcome.company_ids[0]]
    b = sectors[outcome.company_ids[1]]
    if a[0] == Side.CN and b[0] == Side.EU:
        a, b = b, a
    elif a[0] == b[0]:
        a, b = sorted((a, b), key=lambda item: item[1])
    return a[1], b[1]


@dataclass(frozen=True)
class YearFigures:
    """One edition in the history over the years: computed from this system's records, or the
    aggregate figures entered for an edition run before it (``aggregate``)."""

    year: int
    name: str
    companies_by_side: dict[Side, int]  # company participations
    meetings: int  # held
    agreements: int
    aggregate: bool
    edition: EditionStats | None = None  # the detailed figures of an edition run here


class _OverTheYears:
    """The figures of every edition, run here or entered with aggregate figures, and their
    totals: the one home of "since 2006: 14 editions, …" for the organizers' and the public
    statistics. A class using it gives ``_years()``."""

    def _years(self) -> list[YearFigures]:
        raise NotImplementedError

    def over_the_years(self) -> list[YearFigures]:
        """Oldest first."""
        return sorted(self._years(), key=lambda row: (row.year, row.aggregate))

    @property
    def edition_count(self) -> int:
        """Every edition: run here or entered with its aggregate figures."""
        return len(self._years())

    @property
    def first_year(self) -> int | None:
        return min((row.year for row in self._years()), default=None)

    @property
    def participations_by_side_with_past(self) -> dict[Side, int]:
        """Company participations over all editions (a company in two editions counts twice:
        aggregate figures cannot tell returning companies)."""
        rows = self._years()
        return {side: sum(row.companies_by_side[side] for row in rows) for side in Side}

    @property
    def meetings_with_past(self) -> int:
        return sum(row.meetings for row in self._years())

    @property
    def agreements_with_past(self) -> int:
        return sum(row.agreements for row in self._years())


def _aggregate_years(past) -> list[YearFigures]:
    return [
        YearFigures(
            year=p.year,
            name=p.name,
            companies_by_side={Side.EU: p.companies_eu, Side.CN: p.companies_cn},
            meetings=p.meetings,
            agreements=p.agreements,
            aggregate=True,
        )
        for p in past
    ]


@dataclass
class CumulativeStats(_OverTheYears):
    editions: list[EditionStats]
    companies_by_side: dict[Side, int]  # distinct companies, returning ones counted once
    returning: int  # companies in two editions or more
    # Editions run before this system: aggregate figures only (see matchmaker/history).
    past: list[PastEdition] = field(default_factory=list)

    def _years(self) -> list[YearFigures]:
        return [
            YearFigures(
                year=e.event.year,
                name=e.event.name,
                companies_by_side=e.participating_by_side,
                meetings=e.meetings_held,
                agreements=e.agreements,
                aggregate=False,
                edition=e,
            )
            for e in self.editions
        ] + _aggregate_years(self.past)

    @property
    def companies(self) -> int:
        return sum(self.companies_by_side.values())

    @property
    def participations(self) -> int:
        return sum(e.participating for e in self.editions)

    @property
    def meetings_held(self) -> int:
        return sum(e.meetings_held for e in self.editions)

    @property
    def meetings_scheduled(self) -> int:
        return sum(e.meetings_scheduled for e in self.editions)

    @property
    def agreements(self) -> int:
        return sum(e.agreements for e in self.editions)

    @property
    def agreements_signed(self) -> int:
        return sum(e.agreements_signed for e in self.editions)

    @property
    def agreements_intended(self) -> int:
        return sum(e.agreements_intended for e in self.editions)


def all_editions() -> list[Event]:
    return list(db.session.scalars(select(Event).order_by(Event.start_date, Event.id)))


def _distinct_companies(event_ids: list[int]) -> tuple[dict[Side, int], int]:
    """Companies approved in any of the editions, each counted once, by side; and how many of
    them took part in two editions or more."""
    per_company = (
        select(
            Participation.company_id.label("company_id"),
            func.count(Participation.event_id).label("editions"),
        )
        .where(
            Participation.event_id.in_(event_ids),
            Participation.status == ParticipationStatus.APPROVED,
        )
        .group_by(Participation.company_id)
        .subquery()
    )
    by_side = dict.fromkeys(Side, 0)
    returning = 0
    for side, count, repeat in db.session.execute(
        select(
            Company.side,
            func.count(),
            func.coalesce(func.sum(case((per_company.c.editions >= 2, 1), else_=0)), 0),
        )
        .join(per_company, per_company.c.company_id == Company.id)
        .group_by(Company.side)
    ):
        by_side[side] = count
        returning += int(repeat)
    return by_side, returning


def cumulative_stats(events: list[Event] | None = None) -> CumulativeStats:
    events = events if events is not None else all_editions()
    editions = [edition_stats(event) for event in events]
    by_side, returning = _distinct_companies([event.id for event in events])
    return CumulativeStats(
        editions=editions, companies_by_side=by_side, returning=returning, past=_past_editions()
    )


def _past_editions() -> list[PastEdition]:
    return list(db.session.scalars(select(PastEdition).order_by(PastEdition.year)))


@dataclass(frozen=True)
class PublicEdition:
    name: str
    participating_by_side: dict[Side, int]
    meetings_held: int
    agreements: int
    year: int = 0


@dataclass(frozen=True)
class PublicPastEdition:
    """An edition run before this system: the aggregate figures the organizers entered."""

    name: str
    year: int
    companies_eu: int
    companies_cn: int
    meetings: int
    agreements: int


@dataclass(frozen=True)
class PublicSummary(_OverTheYears):
    """The press figures over all editions (plain values, so the summary can be cached); the
    same names as ``CumulativeStats`` for what the public page shows."""

    editions: list[PublicEdition]  # oldest first
    companies_by_side: dict[Side, int]
    meetings_held: int
    agreements: int
    past: list[PublicPastEdition] = field(default_factory=list)

    def _years(self) -> list[YearFigures]:
        return [
            YearFigures(
                year=e.year,
                name=e.name,
                companies_by_side=e.participating_by_side,
                meetings=e.meetings_held,
                agreements=e.agreements,
                aggregate=False,
            )
            for e in self.editions
        ] + _aggregate_years(self.past)


def public_summary() -> PublicSummary:
    """The same for every visitor: cached until a participation, a schedule, a day status or an
    outcome report changes (``matchmaker.caching``; at most ``CACHE_MAX_STALENESS_S`` late)."""
    return cached(STATISTICS, "public", _public_summary)


def _public_summary() -> PublicSummary:
    """The same figures as ``cumulative_stats`` gives for these items, counted in SQL: a few
    statements per edition, no meeting or report loaded (tests compare the two)."""
    events = all_editions()
    by_event: dict[int, dict[Side, int]] = {event.id: dict.fromkeys(Side, 0) for event in events}
    for event_id, side, count in db.session.execute(
        select(Participation.event_id, Company.side, func.count())
        .join(Company, Company.id == Participation.company_id)
        .where(Participation.status == ParticipationStatus.APPROVED)
        .group_by(Participation.event_id, Company.side)
    ):
        by_event[event_id][side] = count
    editions = []
    for event in events:
        held, agreements = _held_and_agreements(event)
        editions.append(
            PublicEdition(event.name, by_event[event.id], held, agreements, year=event.year)
        )
    by_side, _returning = _distinct_companies([event.id for event in events])
    past = [
        PublicPastEdition(p.name, p.year, p.companies_eu, p.companies_cn, p.meetings, p.agreements)
        for p in _past_editions()
    ]
    return PublicSummary(
        editions=editions,
        companies_by_side=by_side,
        meetings_held=sum(e.meetings_held for e in editions),
        agreements=sum(e.agreements for e in editions),
        past=past,
    )


def _held_and_agreements(event: Event) -> tuple[int, int]:
    """Meetings held and meetings with an agreement, by the definitions of ``MeetingOutcome``
    over the day plan's placements (published meetings and those booked on the day)."""
    placed = select(MeetingDayStatus.request_id.label("request_id")).where(
        MeetingDayStatus.event_id == event.id, MeetingDayStatus.slot_id.is_not(None)
    )
    if event.published_version_id is not None:
        placed = placed.union(
            select(Meeting.request_id).where(Meeting.version_id == event.published_version_id)
        )
    placements = placed.subquery()
    reported_held = (
        select(OutcomeReport.id)
        .where(OutcomeReport.request_id == placements.c.request_id, OutcomeReport.held.is_(True))
        .exists()
    )
    reported_agreement = (
        select(OutcomeReport.id)
        .where(
            OutcomeReport.request_id == placements.c.request_id,
            OutcomeReport.agreement != AgreementLevel.NONE,
        )
        .exists()
    )
    fell_through = [status for status in MeetingStatus if status.fell_through]
    held = case(
        (MeetingDayStatus.status == MeetingStatus.HELD, 1),
        (MeetingDayStatus.status.in_(fell_through), 0),
        (reported_held, 1),
        else_=0,
    )
    row = db.session.execute(
        select(
            func.coalesce(func.sum(held), 0),
            func.coalesce(func.sum(case((reported_agreement, 1), else_=0)), 0),
        )
        .select_from(placements)
        .outerjoin(MeetingDayStatus, MeetingDayStatus.request_id == placements.c.request_id)
    ).one()
    return int(row[0]), int(row[1])
