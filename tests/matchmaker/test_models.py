"""Constraints that protect the data hold in the database itself, on every backend."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from matchmaker.enums import Side
from matchmaker.models import Company, Event, MeetingRequest


def _event(**overrides) -> Event:
    fields = dict(
        name="Fair", year=2026, start_date=date(2026, 11, 26), end_date=date(2026, 11, 27)
    )
    fields.update(overrides)
    return Event(**fields)


def _company(name: str, country: str = "DE", side: Side = Side.EU) -> Company:
    return Company(name=name, country=country, side=side)


def test_a_company_cannot_request_a_meeting_with_itself(db_session):
    event, company = _event(), _company("Acme")
    db_session.add_all([event, company])
    db_session.flush()
    db_session.add(MeetingRequest(event=event, from_company=company, to_company=company))
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_the_same_request_twice_in_one_event_is_refused(db_session):
    event, a, b = _event(), _company("A"), _company("B", "CN", Side.CN)
    db_session.add_all([event, a, b])
    db_session.flush()
    db_session.add(MeetingRequest(event=event, from_company=a, to_company=b))
    db_session.flush()
    db_session.add(MeetingRequest(event=event, from_company=a, to_company=b))
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_an_event_cannot_end_before_it_starts(db_session):
    db_session.add(_event(end_date=date(2026, 11, 25)))
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_deleting_a_company_deletes_its_requests(db_session):
    event, a, b = _event(), _company("A"), _company("B", "CN", Side.CN)
    db_session.add_all([event, a, b, MeetingRequest(event=event, from_company=a, to_company=b)])
    db_session.commit()
    db_session.delete(a)
    db_session.commit()
    assert db_session.query(MeetingRequest).count() == 0
