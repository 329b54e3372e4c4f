"""Builds the demo fair in the database: organizer, editions, companies with one representative
each, participations and meeting requests with heavy-tailed popularity.

``DemoBuilder.build()`` runs the steps in order; each step is a method that reads what earlier
steps produced from ``self``, so a later feature (slots, tables, availability) adds a step.
Everything is drawn from one ``random.Random(seed)``: the same seed gives the same fair.
Passwords are the exception: they are random per database and never derived from the seed.
"""

from __future__ import annotations

import math
import random
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from argon2 import PasswordHasher
from sqlalchemy import select

from matchmaker.demo.history import add_fair_day
from matchmaker.demo.profiles import CompanyProfile, ProfileFactory, request_message
from matchmaker.enums import (
    AttendanceMode,
    EventPhase,
    ParticipationStatus,
    RequestPriority,
    RequestStatus,
    Role,
    Side,
    SizeBand,
)
from matchmaker.extensions import db
from matchmaker.models import (
    Company,
    CompanyCooperation,
    CompanyLanguage,
    Event,
    EventDay,
    MeetingRequest,
    Participation,
    TimeSlot,
    User,
)
from matchmaker.passwords import hash_password
from matchmaker.scheduling.operations import (
    regenerate_slots,
    set_interpreters,
    set_unavailable_slots,
    setup_for,
)

ORGANIZER_EMAIL = "organizer@salon-demo.example"
FAIR_NAME = "EU–China Investment and Trade Fair"
VENUE = "Chengdu Century City New International Convention and Exhibition Center"
EU_SHARE = 0.4
PENDING_SHARE = 0.02  # of the current edition's participations, left for organizers to approve
# Zipf exponent of popularity: a few companies receive many requests.
POPULARITY_EXPONENT = 1.05
SAME_SIDE_AFFINITY = 0.05  # most requests cross sides (EU↔CN)

# Representatives' passwords are random and never shown; a cheap argon2id hash keeps seeding
# fast. Logging in (after a password reset) upgrades the hash to the standard parameters.
_demo_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@dataclass
class EditionPlan:
    year: int
    start: date
    days: int
    phase: EventPhase
    share_participating: float
    request_cap: int
    # (status, weight) mix of the requests of this edition
    statuses: list[tuple[RequestStatus, int]]
    requests_start: datetime  # requests are dated from here over ``request_window`` days
    request_window: int


CURRENT = EditionPlan(
    year=2026,
    start=date(2026, 12, 9),
    days=2,
    phase=EventPhase.REQUESTS,
    share_participating=1.0,
    request_cap=20,
    statuses=[
        (RequestStatus.PENDING, 46),
        (RequestStatus.ACCEPTED, 34),
        (RequestStatus.DECLINED, 14),
        (RequestStatus.WITHDRAWN, 6),
    ],
    requests_start=datetime(2026, 10, 12, 8, 0, tzinfo=UTC),
    request_window=42,
)
PREVIOUS = EditionPlan(
    year=2025,
    start=date(2025, 11, 20),
    days=2,
    phase=EventPhase.CLOSED,
    share_participating=0.55,
    request_cap=15,
    statuses=[
        (RequestStatus.ACCEPTED, 62),
        (RequestStatus.DECLINED, 30),
        (RequestStatus.WITHDRAWN, 8),
    ],
    requests_start=datetime(2025, 9, 22, 8, 0, tzinfo=UTC),
    request_window=45,
)


OLDER = [
    EditionPlan(
        year=year,
        start=start,
        days=2,
        phase=EventPhase.CLOSED,
        share_participating=share,
        request_cap=15,
        statuses=[
            (RequestStatus.ACCEPTED, 60),
            (RequestStatus.DECLINED, 31),
            (RequestStatus.WITHDRAWN, 9),
        ],
        requests_start=datetime(year, 9, 20, 8, 0, tzinfo=UTC),
        request_window=45,
    )
    for year, start, share in ((2024, date(2024, 11, 21), 0.45), (2023, date(2023, 11, 16), 0.4))
]


@dataclass
class DemoResult:
    organizer_email: str
    organizer_password: str
    events: list[Event] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    requests: list[MeetingRequest] = field(default_factory=list)

    @property
    def current_event(self) -> Event:
        return self.events[0]


class DemoBuilder:
    def __init__(self, companies: int = 300, seed: int = 2026, previous: bool = True) -> None:
        if companies < 2:
            raise ValueError("the demo needs at least two companies")
        self.company_count = companies
        self.seed = seed
        self.with_previous = previous
        self.rng = random.Random(seed)
        self.profiles: list[CompanyProfile] = []
        self.companies: list[Company] = []
        self.organizer: User | None = None
        self.events: list[Event] = []
        self.requests: list[MeetingRequest] = []
        self.organizer_password = ""

    # --- the steps -------------------------------------------------------------------------

    def build(self) -> DemoResult:
        self.add_organizer()
        self.add_companies()
        # The current edition first: on an empty database it is event 1, the one the README's
        # CLI examples (`flask solve 1`) schedule.
        current = self.add_edition(CURRENT)
        past: list[Event] = []
        if self.with_previous:
            past = [self.add_edition(plan) for plan in (PREVIOUS, *OLDER)]
        db.session.flush()
        self.add_schedule_setup(current)
        for event in past:  # published schedules, the day's statuses, outcome reports
            add_fair_day(event, self.organizer, self.rng, max(4, self.company_count // 7))
        db.session.flush()
        return DemoResult(
            organizer_email=ORGANIZER_EMAIL,
            organizer_password=self.organizer_password,
            events=self.events,
            companies=self.companies,
            requests=self.requests,
        )

    def add_organizer(self) -> None:
        self.organizer_password = secrets.token_urlsafe(12)
        self.organizer = User(
            email=ORGANIZER_EMAIL,
            password_hash=hash_password(self.organizer_password),
            full_name="Demo Organizer",
            job_title="Matchmaking desk",
            role=Role.ORGANIZER,
            locale="en",
        )
        db.session.add(self.organizer)
        db.session.flush()

    def add_companies(self) -> None:
        factory = ProfileFactory(self.rng)
        eu_count = round(self.company_count * EU_SHARE)
        sides = [Side.EU] * eu_count + [Side.CN] * (self.company_count - eu_count)
        self.rng.shuffle(sides)
        emails: set[str] = {ORGANIZER_EMAIL}
        for side in sides:
            profile = factory.make(side)
            company = Company(
                name=profile.name,
                name_zh=profile.name_zh,
                country=profile.country,
                region=profile.region,
                side=profile.side,
                sector=profile.sector,
                size_band=profile.size_band,
                founded_year=profile.founded_year,
                website=profile.website,
                description=profile.description,
                offers=profile.offers,
                seeks=profile.seeks,
            )
            company.cooperation_links = [
                CompanyCooperation(cooperation_type=kind) for kind in profile.cooperation_types
            ]
            company.language_links = [CompanyLanguage(language=code) for code in profile.languages]
            email = profile.contact_email
            local, _at, domain = email.partition("@")
            number = 2
            while email in emails:
                email = f"{local}{number}@{domain}"
                number += 1
            emails.add(email)
            representative = User(
                email=email,
                password_hash=_demo_hasher.hash(secrets.token_urlsafe(16)),
                full_name=profile.contact_name,
                job_title=profile.contact_title,
                role=Role.REPRESENTATIVE,
                locale=profile.locale,
                company=company,
            )
            db.session.add_all([company, representative])
            self.profiles.append(profile)
            self.companies.append(company)

    def add_edition(self, plan: EditionPlan) -> Event:
        rng = self.rng
        event = Event(
            name=f"{FAIR_NAME} {plan.year}",
            year=plan.year,
            venue=VENUE,
            timezone="Asia/Shanghai",
            start_date=plan.start,
            end_date=plan.start + timedelta(days=plan.days - 1),
            phase=plan.phase,
            request_cap=plan.request_cap,
            description=(
                "Two days of pre-scheduled one-to-one meetings between European and Chinese "
                "companies, held in Chengdu, Sichuan."
            ),
        )
        event.days = [EventDay(date=plan.start + timedelta(days=i)) for i in range(plan.days)]
        db.session.add(event)
        self.events.append(event)

        indices = [i for i in range(len(self.companies)) if rng.random() < plan.share_participating]
        approved: list[int] = []
        decided_at = datetime.combine(
            plan.start - timedelta(days=75), datetime.min.time(), tzinfo=UTC
        )
        for i in indices:
            pending = plan.phase != EventPhase.CLOSED and rng.random() < PENDING_SHARE
            profile = self.profiles[i]
            participation = Participation(
                event=event,
                company=self.companies[i],
                status=ParticipationStatus.PENDING if pending else ParticipationStatus.APPROVED,
                delegates=_delegates(rng, profile),
                attendance=AttendanceMode.REMOTE if rng.random() < 0.08 else AttendanceMode.ON_SITE,
                decided_at=None if pending else decided_at,
                decided_by_id=None if pending else self.organizer.id,
            )
            participation.days = (
                list(event.days) if rng.random() < 0.82 else [rng.choice(event.days)]
            )
            db.session.add(participation)
            if not pending:
                approved.append(i)
        self.add_requests(event, plan, approved)
        return event

    def add_schedule_setup(self, event: Event) -> None:
        """Slots, tables, interpreters and some blocked slots: ready to run the scheduler."""
        setup = setup_for(event)
        setup.table_count = max(4, self.company_count // 7)
        setup.time_limit_s = 30
        regenerate_slots(event, self.organizer)
        set_interpreters(event, {"zh": max(1, self.company_count // 60)}, self.organizer)
        db.session.flush()
        slot_ids = list(
            db.session.scalars(
                select(TimeSlot.id)
                .where(TimeSlot.event_id == event.id)
                .order_by(TimeSlot.starts_at)
            )
        )
        for participation in event.participations:
            if self.rng.random() < 0.15 and slot_ids:
                blocked = self.rng.sample(slot_ids, k=min(len(slot_ids), self.rng.randint(1, 4)))
                set_unavailable_slots(participation, set(blocked), self.organizer)

    def add_requests(self, event: Event, plan: EditionPlan, approved: list[int]) -> None:
        """Each approved company asks a few others; targets are drawn by a Zipf-like popularity
        (a few companies are asked by many), mostly across sides. Some pairs ask each other."""
        rng = self.rng
        if len(approved) < 2:
            return
        ranks = list(range(1, len(approved) + 1))
        rng.shuffle(ranks)
        popularity = {
            i: rank**-POPULARITY_EXPONENT for i, rank in zip(approved, ranks, strict=True)
        }
        statuses, status_weights = zip(*plan.statuses, strict=True)
        asked: set[tuple[int, int]] = set()
        outgoing: dict[int, int] = dict.fromkeys(approved, 0)

        def add(sender: int, target: int, status: RequestStatus) -> None:
            created = plan.requests_start + timedelta(
                minutes=rng.randrange(plan.request_window * 24 * 60)
            )
            responded = None
            if status in (RequestStatus.ACCEPTED, RequestStatus.DECLINED):
                responded = created + timedelta(minutes=rng.randrange(30, 6 * 24 * 60))
            request = MeetingRequest(
                event=event,
                from_company=self.companies[sender],
                to_company=self.companies[target],
                priority=rng.choices(
                    (RequestPriority.HIGH, RequestPriority.NORMAL, RequestPriority.LOW),
                    weights=(22, 55, 23),
                )[0],
                message=request_message(rng, self.profiles[target]) if rng.random() < 0.85 else "",
                status=status,
                created_at=created,
                updated_at=responded or created,
                responded_at=responded,
            )
            db.session.add(request)
            self.requests.append(request)
            asked.add((sender, target))
            if status in (RequestStatus.PENDING, RequestStatus.ACCEPTED):
                outgoing[sender] += 1

        for sender in approved:
            wanted = _outgoing_count(rng, plan.request_cap)
            side = self.profiles[sender].side
            candidates = [i for i in approved if i != sender]
            weights = [
                popularity[i] * (1.0 if self.profiles[i].side != side else SAME_SIDE_AFFINITY)
                for i in candidates
            ]
            for target in _weighted_sample(rng, candidates, weights, wanted):
                if (target, sender) in asked:
                    continue  # they asked us first; answering theirs is the way
                add(sender, target, rng.choices(statuses, weights=status_weights)[0])

        position = {id(company): i for i, company in enumerate(self.companies)}
        # Mutual interest: some recipients of an open request ask back (both wanted the meeting
        # from the start, e.g. agreed at a previous edition).
        for request in list(self.requests):
            if request.event is not event or request.status not in (
                RequestStatus.PENDING,
                RequestStatus.ACCEPTED,
            ):
                continue
            sender = position[id(request.to_company)]
            target = position[id(request.from_company)]
            if (
                (sender, target) not in asked
                and outgoing[sender] < plan.request_cap
                and rng.random() < 0.04
            ):
                add(sender, target, request.status)


def _delegates(rng: random.Random, profile: CompanyProfile) -> int:
    top = {SizeBand.MICRO: 1, SizeBand.SMALL: 2, SizeBand.MEDIUM: 2, SizeBand.LARGE: 3}
    return rng.randint(1, top[profile.size_band])


def _outgoing_count(rng: random.Random, cap: int) -> int:
    """How many companies a participant asks: many ask a handful, a few use the whole cap."""
    if rng.random() < 0.12:
        return 0
    return min(cap, max(1, round(rng.lognormvariate(math.log(4), 0.6))))


def _weighted_sample(rng: random.Random, items: list[int], weights: list[float], k: int):
    """``k`` distinct items, drawn with probability proportional to weight (Efraimidis–Spirakis)."""
    keyed = sorted(
        ((rng.random() ** (1.0 / w), item) for item, w in zip(items, weights, strict=True)),
        reverse=True,
    )
    return [item for _key, item in keyed[:k]]
