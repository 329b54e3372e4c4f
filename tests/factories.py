"""Builders for test data. They add to the session and flush; the caller commits."""

from __future__ import annotations

import itertools
from datetime import date

from matchmaker.accounts.sessions import SESSION_TOKEN_KEY, start_session
from matchmaker.enums import EventPhase, ParticipationStatus, Role, Side
from matchmaker.extensions import db
from matchmaker.models import Company, Event, EventDay, Participation, User
from matchmaker.passwords import hash_password

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def make_event(phase: EventPhase = EventPhase.REQUESTS, **fields) -> Event:
    values = dict(
        name=f"EU-China Fair {next(_counter)}",
        year=2026,
        venue="Chengdu Century City",
        start_date=date(2026, 11, 26),
        end_date=date(2026, 11, 27),
        phase=phase,
    )
    values.update(fields)
    event = Event(**values)
    event.days = [
        EventDay(date=date.fromordinal(d))
        for d in range(values["start_date"].toordinal(), values["end_date"].toordinal() + 1)
    ]
    db.session.add(event)
    db.session.flush()
    return event


def make_company(name: str | None = None, country: str = "DE", **fields) -> Company:
    side = Side.CN if country in {"CN", "HK", "MO"} else Side.EU
    values = dict(name=name or f"Company {next(_counter)}", country=country, side=side)
    values.update(fields)
    company = Company(**values)
    db.session.add(company)
    db.session.flush()
    return company


def make_user(
    company: Company | None = None, role: Role = Role.REPRESENTATIVE, email: str | None = None
) -> User:
    if company is None and role == Role.REPRESENTATIVE:
        company = make_company()
    user = User(
        email=email or f"user{next(_counter)}@example.com",
        password_hash=hash_password(PASSWORD),
        full_name="Test Person",
        role=role,
        company=company,
    )
    db.session.add(user)
    db.session.flush()
    return user


def make_organizer(email: str | None = None) -> User:
    return make_user(company=None, role=Role.ORGANIZER, email=email)


def make_participation(
    event: Event, company: Company, status: ParticipationStatus = ParticipationStatus.APPROVED
) -> Participation:
    participation = Participation(
        event=event, company=company, status=status, days=list(event.days)
    )
    db.session.add(participation)
    db.session.flush()
    return participation


def login(client, user: User | str, password: str = PASSWORD):
    """Log in through the real login form (CSRF off in the default test app); ``user`` is a
    User or an e-mail address."""
    email = user if isinstance(user, str) else user.email
    return client.post("/login", data={"email": email, "password": password})


def sign_in_without_form(client, user: User) -> None:
    """Log ``user`` in on ``client`` without the log-in form (fast: no password check), with a
    real server-side session as the form would open."""
    token = start_session(user)
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
        session[SESSION_TOKEN_KEY] = token
