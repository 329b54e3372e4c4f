"""Actions that notify many people or cannot be undone ask first and state the consequence."""

from __future__ import annotations

import pytest

from matchmaker.enums import ParticipationStatus, RequestStatus
from matchmaker.extensions import db
from matchmaker.mail import outbox
from matchmaker.models import MeetingRequest, Participation
from tests.builders import build_published_fair
from tests.conftest import fair_day_moment
from tests.factories import login, make_user


@pytest.fixture
def fair(db_session, clock):
    clock.set(fair_day_moment(day=1))
    built = build_published_fair()
    db_session.commit()
    return built


def _organizer(app, fair):
    client = app.test_client()
    login(client, fair.organizer)
    return client


def test_the_reminder_says_how_many_people_get_an_e_mail_before_sending(app, fair):
    for key in ("alpha", "beta"):
        make_user(fair.companies[key])
    db.session.commit()
    client = _organizer(app, fair)
    page = client.get(f"/organizer/events/{fair.event.id}/outcomes/remind").get_data(as_text=True)
    assert "2 representatives of 5 companies get an e-mail asking for 8 outcome reports" in page
    assert "Send 2 e-mails" in page and outbox(app) == []


def test_rejecting_an_application_asks_first(app, fair):
    zeta = db.session.scalar(
        db.select(Participation).where(Participation.company_id == fair.companies["zeta"].id)
    )
    client = _organizer(app, fair)
    page = client.get(f"/organizer/participations/{zeta.id}/reject").get_data(as_text=True)
    assert "Reject the application of Zeta Srl?" in page and "told by e-mail" in page
    db.session.refresh(zeta)
    assert zeta.status == ParticipationStatus.PENDING  # looking writes nothing


def test_declining_a_request_asks_first_and_says_it_cannot_be_sent_again(app, fair):
    beta_rep = make_user(fair.companies["beta"])
    db.session.commit()
    client = app.test_client()
    login(client, beta_rep)
    pending = fair.requests["eb"]  # Epsilon → Beta
    page = client.get(f"/requests/{pending.id}/decline").get_data(as_text=True)
    assert "Decline the request of Epsilon Ltd?" in page and "cannot be sent again" in page
    assert db.session.get(MeetingRequest, pending.id).status == RequestStatus.PENDING
    other = make_user(fair.companies["alpha"])
    db.session.commit()
    stranger = app.test_client()
    login(stranger, other)
    assert stranger.get(f"/requests/{pending.id}/decline").status_code == 404
