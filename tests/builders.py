"""The fairs that tests of several packages build: one home instead of imports from other
packages' conftest files.

* ``build_ready_fair``: a fair ready to schedule (slots, tables, companies, accepted requests);
* ``publish_by_solver``: run the solver on a ready fair and publish the draft;
* ``build_published_fair``: a small published fair built by hand (no solver run), described
  below.


Companies: Alpha (DE, sector 28), Beta (FR, 10) — European; Gamma (CN, 28), Delta (CN, 62),
Epsilon (CN, 10) — Chinese; Zeta (IT, pending: registered, not participating).
Published meetings (slots are the first slots of day 1, tables 1-3):

    r_ac  Alpha–Gamma    slot 1, table 1
    r_ad  Alpha–Delta    slot 2, table 1
    r_bc  Beta–Gamma     slot 2, table 2
    r_be  Beta–Epsilon   slot 0, table 1
    r_ae  Alpha–Epsilon  accepted, not scheduled (a replacement when a slot frees)
    r_db  Delta→Beta     declined;  r_eb  Epsilon→Beta pending
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select

from matchmaker.enums import EventPhase, ParticipationStatus, RequestStatus, RunKind
from matchmaker.extensions import db
from matchmaker.models import (
    Company,
    CompanyLanguage,
    Event,
    Meeting,
    MeetingRequest,
    MeetingTable,
    ScheduleRun,
    ScheduleVersion,
    TimeSlot,
    User,
)
from matchmaker.scheduling.operations import regenerate_slots, setup_for
from matchmaker.scheduling.publishing import publish, version_of_run
from matchmaker.scheduling.runs import start_run
from matchmaker.scheduling.tasks import execute_run
from tests.factories import make_company, make_event, make_organizer, make_participation


@dataclass
class PublishedFair:
    organizer: User
    event: Event
    companies: dict[str, Company]
    requests: dict[str, MeetingRequest]
    slots: list[TimeSlot]
    tables: list[MeetingTable]
    version: ScheduleVersion
    extra: dict = field(default_factory=dict)


def _company(name: str, country: str, sector: str) -> Company:
    company = make_company(name, country, sector=sector)
    company.language_links = [CompanyLanguage(language="en")]
    return company


def build_published_fair(name: str | None = None, year: int = 2026) -> PublishedFair:
    organizer = db.session.scalar(select(User).where(User.email == "desk@example.com"))
    if organizer is None:
        organizer = make_organizer(email="desk@example.com")
    fields = {"name": name} if name else {}
    event = make_event(EventPhase.PUBLISHED, year=year, **fields)
    setup = setup_for(event)
    setup.table_count = 3
    regenerate_slots(event, organizer)
    companies = {
        "alpha": _company("Alpha GmbH", "DE", "28"),
        "beta": _company("Beta SA", "FR", "10"),
        "gamma": _company("Gamma Chengdu", "CN", "28"),
        "delta": _company("Delta Co", "CN", "62"),
        "epsilon": _company("Epsilon Ltd", "CN", "10"),
    }
    for company in companies.values():
        make_participation(event, company)
    zeta = _company("Zeta Srl", "IT", "28")
    make_participation(event, zeta, ParticipationStatus.PENDING)
    companies["zeta"] = zeta

    def request(key: str, a: str, b: str, status=RequestStatus.ACCEPTED) -> MeetingRequest:
        row = MeetingRequest(
            event=event, from_company=companies[a], to_company=companies[b], status=status
        )
        db.session.add(row)
        return row

    requests = {
        "ac": request("ac", "alpha", "gamma"),
        "ad": request("ad", "alpha", "delta"),
        "bc": request("bc", "beta", "gamma"),
        "be": request("be", "beta", "epsilon"),
        "ae": request("ae", "alpha", "epsilon"),
        "db": request("db", "delta", "beta", RequestStatus.DECLINED),
        "eb": request("eb", "epsilon", "beta", RequestStatus.PENDING),
    }
    db.session.flush()
    slots = list(
        db.session.scalars(
            select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
        )
    )
    tables = list(
        db.session.scalars(
            select(MeetingTable)
            .where(MeetingTable.event_id == event.id)
            .order_by(MeetingTable.number)
        )
    )
    version = ScheduleVersion(
        event_id=event.id,
        number=1,
        published_at=datetime.now(UTC),
        published_by_id=organizer.id,
    )
    placed = [("ac", 1, 0), ("ad", 2, 0), ("bc", 2, 1), ("be", 0, 0)]
    version.meetings = [
        Meeting(request=requests[key], slot=slots[s], table=tables[t]) for key, s, t in placed
    ]
    db.session.add(version)
    db.session.flush()
    event.published_version_id = version.id
    db.session.flush()
    return PublishedFair(organizer, event, companies, requests, slots, tables, version)


@dataclass
class ReadyFair:
    organizer: User
    event: Event
    companies: list[Company]
    requests: list[MeetingRequest]


def build_ready_fair(companies: int = 6, tables: int = 2) -> ReadyFair:
    organizer = make_organizer()
    event = make_event(EventPhase.SCHEDULING)
    setup = setup_for(event)
    setup.table_count = tables
    setup.time_limit_s = 5
    regenerate_slots(event, organizer)
    members = [make_company(f"Firm {i}", "DE" if i % 2 else "CN") for i in range(companies)]
    for company in members:
        make_participation(event, company)
    rows = []
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if (a.country == "DE") != (b.country == "DE"):
                row = MeetingRequest(
                    event=event, from_company=a, to_company=b, status=RequestStatus.ACCEPTED
                )
                db.session.add(row)
                rows.append(row)
    db.session.flush()
    return ReadyFair(organizer, event, members, rows)


def publish_by_solver(fair: ReadyFair, kind: RunKind = RunKind.SOLVE) -> ScheduleVersion:
    """Run the solver on ``fair`` (in this process), publish its draft and commit."""
    run = start_run(fair.event, fair.organizer, kind=kind)
    db.session.commit()
    execute_run(run.id)
    version = version_of_run(db.session.get(ScheduleRun, run.id))
    publish(version, fair.organizer)
    db.session.commit()
    return version
