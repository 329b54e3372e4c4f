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
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from matchmaker.enums import (
    AgreementLevel,
    AgreementType,
    MeetingStatus,
    ParticipationStatus,
    RequestStatus,
    Side,
)
from matchmaker.extensions import db
from matchmaker.models import Company, Event, MeetingRequest, Participation, PastEdition
from matchmaker.outcomes.queries import MeetingOutcome, meeting_outcomes


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


def edition_stats(event: Event, outcomes: list[MeetingOutcome] | None = None) -> EditionStats:
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
        outcomes = meeting_outcomes(event)
    sectors = _sectors({c for o in outcomes for c in o.placement.company_ids})
    by_type: dict[AgreementType | None, dict[AgreementLevel, int]] = {}
    by_pair: Counter[tuple[str, str]] = Counter()
    held = no_shows = cancelled = expected = received = disagreeing = 0
    for outcome in outcomes:
        status = outcome.placement.status
        if status == MeetingStatus.NO_SHOW:
            no_shows += 1
        elif status == MeetingStatus.CANCELLED:
            cancelled += 1
        if outcome.held:
            held += 1
        if not outcome.placement.fell_through:
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


def _sectors(company_ids: set[int]) -> dict[int, tuple[Side, str]]:
    if not company_ids:
        return {}
    return {
        company_id: (side, sector or "—")
        for company_id, side, sector in db.session.execute(
            select(Company.id, Company.side, Company.sector).where(Company.id.in_(company_ids))
        )
    }


def _sector_pair(outcome: MeetingOutcome, sectors: dict[int, tuple[Side, str]]) -> tuple[str, str]:
    """(European company's sector, Chinese company's sector); same-side meetings sorted."""
    a = sectors[outcome.request.from_company_id]
    b = sectors[outcome.request.to_company_id]
    if a[0] == Side.CN and b[0] == Side.EU:
        a, b = b, a
    elif a[0] == b[0]:
        a, b = sorted((a, b), key=lambda item: item[1])
    return a[1], b[1]


@dataclass
class CumulativeStats:
    editions: list[EditionStats]
    companies_by_side: dict[Side, int]  # distinct companies, returning ones counted once
    returning: int  # companies in two editions or more
    # Editions run before this system: aggregate figures only (see matchmaker/history).
    past: list[PastEdition] = field(default_factory=list)

    @property
    def edition_count(self) -> int:
        """Every edition: run here or entered with its aggregate figures."""
        return len(self.editions) + len(self.past)

    @property
    def first_year(self) -> int | None:
        years = [e.event.year for e in self.editions] + [p.year for p in self.past]
        return min(years) if years else None

    @property
    def participations_by_side_with_past(self) -> dict[Side, int]:
        """Company participations over all editions (a company in two editions counts twice:
        aggregate figures cannot tell returning companies)."""
        totals = {side: sum(e.participating_by_side[side] for e in self.editions) for side in Side}
        totals[Side.EU] += sum(p.companies_eu for p in self.past)
        totals[Side.CN] += sum(p.companies_cn for p in self.past)
        return totals

    @property
    def meetings_with_past(self) -> int:
        return self.meetings_held + sum(p.meetings for p in self.past)

    @property
    def agreements_with_past(self) -> int:
        return self.agreements + sum(p.agreements for p in self.past)

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


def cumulative_stats(events: list[Event] | None = None) -> CumulativeStats:
    events = events if events is not None else all_editions()
    editions = [edition_stats(event) for event in events]
    event_ids = [event.id for event in events]
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
    past = list(db.session.scalars(select(PastEdition).order_by(PastEdition.year)))
    return CumulativeStats(
        editions=editions, companies_by_side=by_side, returning=returning, past=past
    )
