"""A small fair ready to schedule: slots, tables, companies and accepted requests."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from matchmaker.enums import EventPhase, RequestStatus
from matchmaker.extensions import db
from matchmaker.models import Company, Event, MeetingRequest, User
from matchmaker.scheduling.operations import regenerate_slots, setup_for
from tests.factories import make_company, make_event, make_organizer, make_participation

REDIS_URL = os.environ.get("MATCHMAKER_TEST_REDIS_URL")


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


@pytest.fixture
def ready_fair(db_session) -> ReadyFair:
    fair = build_ready_fair()
    db_session.commit()
    return fair


@pytest.fixture
def redis_app(app):
    """The app with jobs going through RQ on the test Redis (a private, emptied database)."""
    assert REDIS_URL, "MATCHMAKER_TEST_REDIS_URL is not set"
    from redis import Redis

    Redis.from_url(REDIS_URL).flushdb()
    app.config["REDIS_URL"] = REDIS_URL
    yield app
    Redis.from_url(REDIS_URL).flushdb()
