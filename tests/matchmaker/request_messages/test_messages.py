"""The thread of a meeting request: its two companies (and organizers) read and write it,
everyone else gets 404; writing tells the other side by e-mail."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from matchmaker.enums import EventPhase
from matchmaker.extensions import db
from matchmaker.mail import outbox
from matchmaker.models import MeetingRequest, RequestMessage
from tests import factories
from tests.factories import (
    login,
    make_company,
    make_event,
    make_organizer,
    make_participation,
    make_user,
)

_cheap_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    monkeypatch.setattr(factories, "hash_password", _cheap_hasher.hash)


@pytest.fixture
def thread(db_session):
    event = make_event(phase=EventPhase.REQUESTS)
    dupont, chengdu, bosch = (
        make_company("Dupont SA", "FR"),
        make_company("Chengdu Tech", "CN"),
        make_company("Bosch Werke", "DE"),
    )
    for company in (dupont, chengdu, bosch):
        make_participation(event, company)
    request = MeetingRequest(event=event, from_company=dupont, to_company=chengdu)
    db.session.add(request)
    people = {
        "alice": make_user(dupont),
        "li": make_user(chengdu),
        "hans": make_user(bosch),
        "organizer": make_organizer(),
    }
    db_session.commit()
    return request, people


def _path(request) -> str:
    return f"/requests/{request.id}/messages"


def test_the_two_companies_talk_and_the_other_side_is_told(app, client, db_session, thread):
    request, people = thread
    login(client, people["alice"])
    response = client.post(_path(request), data={"body": "Can we meet on Thursday morning?"})
    assert response.status_code == 302
    [mail] = outbox(app)
    assert mail.to == people["li"].email
    assert mail.subject == "New message from Dupont SA about your meeting request"
    assert "Can we meet on Thursday morning?" in mail.body
    assert _path(request) in mail.body

    other = app.test_client()
    login(other, people["li"])
    page = other.get(_path(request)).get_data(as_text=True)
    assert "Can we meet on Thursday morning?" in page
    other.post(_path(request), data={"body": "Yes, 10:00 at our stand."})
    assert outbox(app)[-1].to == people["alice"].email
    bodies = db_session.scalars(select(RequestMessage.body).order_by(RequestMessage.id)).all()
    assert bodies == ["Can we meet on Thursday morning?", "Yes, 10:00 at our stand."]


def test_another_company_and_anonymous_cannot_read_or_post(app, client, db_session, thread):
    request, people = thread
    anonymous = app.test_client()
    assert anonymous.get(_path(request)).status_code == 302  # to the log-in page
    assert anonymous.post(_path(request), data={"body": "x"}).status_code == 302
    login(client, people["hans"])
    assert client.get(_path(request)).status_code == 404
    assert client.post(_path(request), data={"body": "Let me in"}).status_code == 404
    assert client.get("/requests/999999/messages").status_code == 404
    assert db_session.scalars(select(RequestMessage)).all() == []
    assert outbox(app) == []


def test_an_organizer_writes_as_support_and_both_sides_are_told(app, client, db_session, thread):
    request, people = thread
    login(client, people["organizer"])
    assert client.get(_path(request)).status_code == 200
    client.post(_path(request), data={"body": "Your table is B12."})
    told = sorted(mail.to for mail in outbox(app))
    assert told == sorted([people["alice"].email, people["li"].email])
    assert all(m.subject.startswith("Message from the organizers") for m in outbox(app))
    [message] = db_session.scalars(select(RequestMessage)).all()
    assert message.company_id is None


def test_an_empty_or_too_long_message_is_refused(app, client, db_session, thread):
    request, people = thread
    login(client, people["alice"])
    assert client.post(_path(request), data={"body": "   "}).status_code == 400
    assert client.post(_path(request), data={"body": "x" * 2001}).status_code == 400
    assert db_session.scalars(select(RequestMessage)).all() == []
