"""The benchmark's fair: a seeded demo of the requested size, solved and published, reused
when the database already holds it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import click
from flask_migrate import upgrade
from sqlalchemy import func, select

from matchmaker.demo.builder import DemoBuilder
from matchmaker.demo.command import database_has_data, save_login
from matchmaker.enums import EventPhase, Role
from matchmaker.extensions import db
from matchmaker.models import Company, Event, EventDay, Participation, TimeSlot, User
from matchmaker.scheduling.publishing import publish, version_of_run
from matchmaker.scheduling.runs import start_run
from matchmaker.scheduling.tasks import execute_run

BENCH_EVENT_ID = 1  # the demo's current edition


@dataclass(frozen=True)
class BenchFair:
    event_id: int
    companies: int
    organizer_id: int


def ensure_fair(companies: int, solve_seconds: int) -> BenchFair:
    """Seed an empty database (migrations first), solve and publish the current edition; a
    database that already holds a fair is reused as it is (it must have been seeded the same
    way)."""
    upgrade()
    if not database_has_data():
        click.echo(f"Seeding a {companies}-company demo fair…", err=True)
        result = DemoBuilder(companies=companies, seed=2026, previous=True).build()
        db.session.commit()
        save_login(result.organizer_email, result.organizer_password)
    organizer = db.session.scalar(
        select(User).where(User.role == Role.ORGANIZER).order_by(User.id).limit(1)
    )
    event = db.session.get(Event, BENCH_EVENT_ID)
    if organizer is None or event is None:
        raise click.ClickException("The database holds data that is not a demo fair.")
    if event.published_version_id is None:
        click.echo(f"Solving {event.name} ({solve_seconds} s) and publishing…", err=True)
        # As organizers do: requests close, the scheduler runs, the schedule is published (a
        # run in the request phase would be a preview, which cannot be published).
        event.phase = EventPhase.SCHEDULING
        run = start_run(event, organizer, time_limit_s=solve_seconds)
        db.session.commit()
        execute_run(run.id)
        db.session.expire_all()
        version = version_of_run(run)
        if version is None:
            raise click.ClickException(f"The scheduler run {run.id} produced no schedule.")
        publish(version, organizer)
        db.session.commit()
    count = db.session.scalar(
        select(func.count(Company.id)).where(
            Company.id.in_(select(Participation.company_id).where(Participation.event_id == 1))
        )
    )
    return BenchFair(event_id=event.id, companies=count or 0, organizer_id=organizer.id)


def set_phase(event_id: int, phase: EventPhase) -> None:
    """Put the edition in ``phase`` for a scenario (request writes need the request phase; the
    published schedule stays published either way)."""
    event = db.session.get(Event, event_id)
    if event.phase != phase:
        event.phase = phase
        db.session.commit()


def move_to_today(event_id: int) -> int:
    """Shift the edition by whole days so that today (in the venue's zone) is its first fair day:
    the mix then writes what a fair morning writes (meetings marked held, outcome reports),
    which the phase rules refuse before the fair. Returns the shift in days (0: already)."""
    event = db.session.get(Event, event_id)
    today = datetime.now(ZoneInfo(event.timezone)).date()
    shift = today - event.start_date
    if not shift:
        return 0
    days = list(db.session.scalars(select(EventDay).where(EventDay.event_id == event_id)))
    slots = list(db.session.scalars(select(TimeSlot).where(TimeSlot.event_id == event_id)))
    far = timedelta(days=36500)  # first out of the way of every unique (event, date/start)
    for step in (far, shift - far):
        for day in days:
            day.date += step
        for slot in slots:
            slot.starts_at += step
            slot.ends_at += step
        db.session.flush()
    event.start_date += shift
    event.end_date += shift
    db.session.commit()
    return shift.days
