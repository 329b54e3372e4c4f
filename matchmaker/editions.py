"""Which editions exist, and which one the site is about. Read-only, no access rules (every
logged-in user sees the list of editions)."""

from __future__ import annotations

from sqlalchemy import select

from matchmaker.enums import EventPhase
from matchmaker.extensions import db
from matchmaker.models import Event


def current_event() -> Event | None:
    """The edition the site is about: the latest one that is not closed."""
    return db.session.scalar(
        select(Event)
        .where(Event.phase != EventPhase.CLOSED)
        .order_by(Event.start_date.desc(), Event.id.desc())
        .limit(1)
    )


def get_event(event_id: int) -> Event | None:
    return db.session.get(Event, event_id)


def all_events() -> list[Event]:
    return list(db.session.scalars(select(Event).order_by(Event.start_date.desc(), Event.id)))
