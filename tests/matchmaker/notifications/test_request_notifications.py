"""Each step of a meeting request tells the other side, in the outbox of the same action."""

from __future__ import annotations

import pytest

from matchmaker.enums import EventPhase
from matchmaker.mail import outbox
from matchmaker.meeting_requests.operations import (
    RequestRefused,
    accept_request,
    decline_request,
    send_request,
    withdraw_request,
)
from tests.factories import make_company, make_event, make_participation, make_user


@pytest.fixture
def pair(db_session):
    event = make_event(phase=EventPhase.REQUESTS)
    sender, recipient = make_company("Dupont SA", "FR"), make_company("Chengdu Tech", "CN")
    for company in (sender, recipient):
        make_participation(event, company)
    sender_rep, recipient_reps = make_user(sender), [make_user(recipient), make_user(recipient)]
    db_session.commit()
    return event, sender, recipient, sender_rep, recipient_reps


def _mails(app):
    mails = list(outbox(app))
    outbox(app).clear()
    return sorted((m.to, m.subject) for m in mails)


def test_every_step_of_a_request_tells_the_other_side(app, db_session, pair):
    event, sender, recipient, sender_rep, recipient_reps = pair
    request = send_request(sender_rep, event, sender, recipient, message="Shall we talk?")
    db_session.commit()
    mails = _mails(app)
    assert mails == sorted(
        (rep.email, f"Dupont SA asks you for a meeting at {event.name}") for rep in recipient_reps
    )

    accept_request(recipient_reps[0], request)
    db_session.commit()
    assert _mails(app) == [(sender_rep.email, "Chengdu Tech accepted your meeting request")]

    decline_request(recipient_reps[1], request)
    db_session.commit()
    assert _mails(app) == [(sender_rep.email, "Chengdu Tech declined your meeting request")]


def test_the_request_mail_carries_the_message_and_a_withdrawal_is_told(app, db_session, pair):
    event, sender, recipient, sender_rep, recipient_reps = pair
    request = send_request(sender_rep, event, sender, recipient, message="Shall we talk?")
    db_session.commit()
    assert all("Shall we talk?" in m.body for m in outbox(app))
    outbox(app).clear()
    withdraw_request(sender_rep, request)
    db_session.commit()
    assert _mails(app) == sorted(
        (rep.email, "Dupont SA withdrew its meeting request") for rep in recipient_reps
    )


def test_a_refused_step_writes_no_mail(app, db_session, pair):
    event, sender, _recipient, sender_rep, _ = pair
    with pytest.raises(RequestRefused):
        send_request(sender_rep, event, sender, sender)
    db_session.rollback()
    db_session.commit()
    assert _mails(app) == []
