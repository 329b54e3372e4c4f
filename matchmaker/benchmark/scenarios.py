"""What the benchmark loads: one scenario per page, and the fair-morning mix with writes.

A scenario is a list of ``Call`` s (method, path, form body, whose cookie). Reads cycle over
their calls; every write call targets a row of its own (a pair without a request, a pending
request, a meeting, a company's report), so a write is sent once and its row can be looked
up afterwards (``verify``): a successful answer whose row is missing is a lost write.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from flask import Flask
from sqlalchemy import or_, select

from matchmaker.benchmark.server import STATIC_PATH
from matchmaker.benchmark.sessions import UserSession, logged_in
from matchmaker.enums import MeetingStatus, ParticipationStatus, RequestStatus, Role
from matchmaker.extensions import db
from matchmaker.models import (
    Event,
    Meeting,
    MeetingDayStatus,
    MeetingRequest,
    OutcomeReport,
    Participation,
    User,
)

SEARCH_EN = ("software", "logistics", "machinery", "food", "solar energy")
SEARCH_ZH = ("科技", "成都", "有限公司", "机械", "食品")
FILTERS = ("side=EU", "side=CN&sector=C", "cooperation=investment_in", "language=de", "country=FR")


@dataclass(frozen=True)
class Call:
    label: str
    path: str
    session: UserSession | None = None
    method: str = "GET"
    form: dict[str, str] | None = None
    write: str | None = None  # what to verify afterwards: a key of ``VERIFIERS``
    target: tuple = ()  # the ids the verifier looks up

    @property
    def body(self) -> str:
        if self.form is None:
            return ""
        return urlencode({"csrf_token": self.session.csrf_token, **self.form})


@dataclass
class Scenario:
    name: str
    calls: list[Call]
    group: str = "attendee"  # attendee, public, static, organizer, mix
    note: str = ""


@dataclass
class Population:
    """Users and rows the scenarios are drawn from."""

    event_id: int
    attendees: list[UserSession]  # representatives of companies with published meetings
    meetings: dict[int, list[tuple[int, int]]]  # company id → (request id, other company id)
    organizer: UserSession
    listed: list[int] = field(default_factory=list)  # approved company ids


def population(app: Flask, event_id: int, organizer_id: int, users: int, seed: int) -> Population:
    rng = random.Random(seed)
    meetings: dict[int, list[tuple[int, int]]] = {}
    version_id = db.session.scalar(
        select(Meeting.version_id)
        .join(MeetingRequest, Meeting.request_id == MeetingRequest.id)
        .where(MeetingRequest.event_id == event_id)
        .order_by(Meeting.version_id.desc())
        .limit(1)
    )
    rows = db.session.execute(
        select(MeetingRequest.id, MeetingRequest.from_company_id, MeetingRequest.to_company_id)
        .join(Meeting, Meeting.request_id == MeetingRequest.id)
        .where(Meeting.version_id == version_id)
    )
    for request_id, a, b in rows:
        meetings.setdefault(a, []).append((request_id, b))
        meetings.setdefault(b, []).append((request_id, a))
    representatives = {
        user.company_id: user
        for user in db.session.scalars(
            select(User)
            .where(User.role == Role.REPRESENTATIVE, User.company_id.in_(list(meetings)))
            .order_by(User.id.desc())
        )
    }
    chosen = sorted(representatives)
    rng.shuffle(chosen)
    sessions = [logged_in(app, representatives[c]) for c in chosen[:users]]
    listed = list(
        db.session.scalars(
            select(Participation.company_id).where(
                Participation.event_id == event_id,
                Participation.status == ParticipationStatus.APPROVED,
            )
        )
    )
    organizer = logged_in(app, db.session.get(User, organizer_id))
    return Population(event_id, sessions, meetings, organizer, listed)


def page_scenarios(pop: Population, seed: int) -> list[Scenario]:
    rng = random.Random(seed)
    e = pop.event_id

    def each(label: str, make: Callable[[UserSession], str]) -> list[Call]:
        return [Call(label, make(s), s) for s in pop.attendees]

    def other(s: UserSession) -> int:
        return rng.choice(pop.listed)

    pages = rng.sample(range(1, 60), 30)
    return [
        Scenario("static file (baseline)", [Call("static", STATIC_PATH)], "static"),
        Scenario("agenda", each("agenda", lambda s: f"/events/{e}/agenda/{s.company_id}")),
        Scenario("My meetings", each("meetings", lambda s: f"/events/{e}/meetings/{s.company_id}")),
        Scenario("company page", each("company", lambda s: f"/companies/{other(s)}?event={e}")),
        Scenario(
            "catalogue",
            each("catalogue", lambda s: f"/catalogue?event={e}&page={rng.choice(pages)}"),
        ),
        Scenario(
            "catalogue with a filter",
            each("catalogue filter", lambda s: f"/catalogue?event={e}&{rng.choice(FILTERS)}"),
        ),
        Scenario(
            "search, English",
            each("search en", lambda s: f"/catalogue?event={e}&{_q(rng.choice(SEARCH_EN))}"),
        ),
        Scenario(
            "search, Chinese",
            each("search zh", lambda s: f"/catalogue?event={e}&{_q(rng.choice(SEARCH_ZH))}"),
        ),
        Scenario("agenda .ics", each("ics", lambda s: f"/events/{e}/agenda/{s.company_id}.ics")),
        Scenario("public timetable", [Call("timetable", f"/events/{e}/timetable")], "public"),
        Scenario("public statistics", [Call("statistics", "/statistics")], "public"),
    ]


def _q(text: str) -> str:
    return urlencode({"q": text})


def organizer_pages(pop: Population) -> list[Call]:
    """Organizer pages, timed one request at a time (server time and HTML size)."""
    e, o = pop.event_id, pop.organizer
    some_request = next(iter(pop.meetings.values()))[0][0]
    return [
        Call("organizer: edition", f"/organizer/events/{e}", o),
        Call("organizer: participations", f"/organizer/events/{e}/participations", o),
        Call("organizer: companies", "/organizer/companies", o),
        Call("organizer: meeting requests", f"/organizer/events/{e}/requests", o),
        Call("organizer: outcomes", f"/organizer/events/{e}/outcomes", o),
        Call("organizer: edition statistics", f"/organizer/events/{e}/statistics", o),
        Call("organizer: statistics, all editions", "/organizer/statistics", o),
        Call("organizer: floor view", f"/organizer/events/{e}/floor", o),
        Call("organizer: check-in desk", f"/organizer/events/{e}/check-in", o),
        Call("organizer: day meeting", f"/organizer/events/{e}/day/meetings/{some_request}", o),
        Call("organizer: schedule", f"/organizer/events/{e}/schedule/", o),
        # A large edition's table sheets are made in the background: the download link answers
        # a redirect to the export's page (the job itself: ``matchmaker.bench_organizer``).
        Call("export: table sheets PDF (link)", f"/organizer/events/{e}/schedule/tables.pdf", o),
        Call("export: table sheets page", f"/organizer/events/{e}/exports/tables_pdf", o),
        Call("export: schedule CSV", f"/organizer/events/{e}/schedule/published.csv", o),
        Call("export: schedule XLSX", f"/organizer/events/{e}/schedule/published.xlsx", o),
        Call("export: statistics XLSX", f"/organizer/events/{e}/statistics.xlsx", o),
    ]


# --- the fair-morning mix -------------------------------------------------------------------

# Share of each kind of call in the mix (reads as attendees do them, and the four writes).
MIX_WEIGHTS = {
    "agenda": 22,
    "meetings": 18,
    "catalogue": 10,
    "search": 8,
    "company": 10,
    "send request": 6,
    "accept request": 6,
    "mark held": 10,
    "outcome report": 10,
}


def mix_scenario(pop: Population, calls: int, seed: int) -> Scenario:
    """``calls`` calls in the proportions of ``MIX_WEIGHTS``; writes each target their own row."""
    rng = random.Random(seed)
    e = pop.event_id
    by_company = {s.company_id: s for s in pop.attendees}
    writes = {
        "send request": _send_calls(pop, by_company, rng),
        "accept request": _accept_calls(pop, by_company, rng),
        "mark held": [],
        "outcome report": [],
    }
    held = set(
        db.session.scalars(
            select(MeetingDayStatus.request_id).where(MeetingDayStatus.event_id == e)
        )
    )
    reported = set(
        db.session.execute(
            select(OutcomeReport.request_id, OutcomeReport.company_id).where(
                OutcomeReport.event_id == e
            )
        ).tuples()
    )
    for s in pop.attendees:
        for request_id, _other in pop.meetings.get(s.company_id, []):
            if request_id not in held:  # one mark per meeting, by whichever company comes first
                held.add(request_id)
                writes["mark held"].append(
                    Call(
                        "mark held",
                        f"/events/{e}/day/meetings/{request_id}/status",
                        s,
                        "POST",
                        {"status": MeetingStatus.HELD.value, "back": "company"},
                        "held",
                        (request_id,),
                    )
                )
            if (request_id, s.company_id) not in reported:
                writes["outcome report"].append(
                    Call(
                        "outcome report",
                        f"/events/{e}/meetings/{s.company_id}/{request_id}/report",
                        s,
                        "POST",
                        {
                            "held": "yes",
                            "interest": "4",
                            "next_step": "follow_up_call",
                            "agreement": "none",
                        },
                        "report",
                        (request_id, s.company_id),
                    )
                )
    for pool in writes.values():
        rng.shuffle(pool)
    reads = {
        "agenda": lambda s: f"/events/{e}/agenda/{s.company_id}",
        "meetings": lambda s: f"/events/{e}/meetings/{s.company_id}",
        "catalogue": lambda s: f"/catalogue?event={e}&page={rng.randint(1, 60)}",
        "search": lambda s: f"/catalogue?event={e}&{_q(rng.choice(SEARCH_EN + SEARCH_ZH))}",
        "company": lambda s: f"/companies/{rng.choice(pop.listed)}?event={e}",
    }
    labels = list(MIX_WEIGHTS)
    weights = [MIX_WEIGHTS[label] for label in labels]
    result: list[Call] = []
    for _ in range(calls):
        label = rng.choices(labels, weights)[0]
        if label in reads:
            s = rng.choice(pop.attendees)
            result.append(Call(label, reads[label](s), s))
        elif writes[label]:
            result.append(writes[label].pop())
    return Scenario("fair-morning mix", result, "mix")


def _send_calls(pop: Population, by_company: dict[int, UserSession], rng) -> list[Call]:
    """Requests between bench users' companies and listed companies that have no request
    either way yet, within each sender's cap."""
    e = pop.event_id
    existing = {
        frozenset(pair)
        for pair in db.session.execute(
            select(MeetingRequest.from_company_id, MeetingRequest.to_company_id).where(
                MeetingRequest.event_id == e
            )
        )
    }
    active = dict(
        db.session.execute(
            select(MeetingRequest.from_company_id, db.func.count(MeetingRequest.id))
            .where(
                MeetingRequest.event_id == e,
                MeetingRequest.status.in_([RequestStatus.PENDING, RequestStatus.ACCEPTED]),
            )
            .group_by(MeetingRequest.from_company_id)
        ).all()
    )
    cap = db.session.get(Event, e).request_cap
    calls: list[Call] = []
    for company_id, s in by_company.items():
        room = max(0, (cap or 20) - active.get(company_id, 0))
        for to_id in rng.sample(pop.listed, min(len(pop.listed), 3 * room)):
            if room == 0:
                break
            pair = frozenset((company_id, to_id))
            if to_id == company_id or pair in existing:
                continue
            existing.add(pair)
            room -= 1
            calls.append(
                Call(
                    "send request",
                    f"/requests/new/{to_id}?event={e}",
                    s,
                    "POST",
                    {"priority": "normal", "message": "Benchmark"},
                    "sent",
                    (company_id, to_id),
                )
            )
    return calls


def _accept_calls(pop: Population, by_company: dict[int, UserSession], rng) -> list[Call]:
    rows = db.session.execute(
        select(MeetingRequest.id, MeetingRequest.to_company_id).where(
            MeetingRequest.event_id == pop.event_id,
            MeetingRequest.status == RequestStatus.PENDING,
            MeetingRequest.to_company_id.in_(list(by_company)),
        )
    )
    return [
        Call(
            "accept request",
            f"/requests/{request_id}/accept",
            by_company[to_id],
            "POST",
            {},
            "accepted",
            (request_id,),
        )
        for request_id, to_id in rows
    ]


# --- verifying writes afterwards ------------------------------------------------------------


def _sent(event_id: int, from_id: int, to_id: int) -> bool:
    return (
        db.session.scalar(
            select(MeetingRequest.id).where(
                MeetingRequest.event_id == event_id,
                or_(
                    (MeetingRequest.from_company_id == from_id)
                    & (MeetingRequest.to_company_id == to_id),
                ),
            )
        )
        is not None
    )


def _accepted(event_id: int, request_id: int) -> bool:
    return db.session.get(MeetingRequest, request_id).status == RequestStatus.ACCEPTED


def _held(event_id: int, request_id: int) -> bool:
    row = db.session.scalar(
        select(MeetingDayStatus).where(MeetingDayStatus.request_id == request_id)
    )
    return row is not None and row.status == MeetingStatus.HELD


def _reported(event_id: int, request_id: int, company_id: int) -> bool:
    return (
        db.session.scalar(
            select(OutcomeReport.id).where(
                OutcomeReport.request_id == request_id, OutcomeReport.company_id == company_id
            )
        )
        is not None
    )


VERIFIERS = {"sent": _sent, "accepted": _accepted, "held": _held, "report": _reported}


def row_present(call: Call, event_id: int) -> bool:
    return VERIFIERS[call.write](event_id, *call.target)
