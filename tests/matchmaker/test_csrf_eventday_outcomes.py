"""Every POST form of the event-day and outcome pages refuses a request without a CSRF token,
and is accepted with the token of its page."""

from __future__ import annotations

import pytest

from matchmaker import create_app
from matchmaker.enums import MeetingStatus
from matchmaker.eventday import operations as day
from matchmaker.eventday.tokens import check_in_token
from matchmaker.extensions import db
from tests.builders import build_published_fair
from tests.conftest import csrf_token_from, fair_day_moment, login_with_csrf
from tests.factories import PASSWORD, make_user

ORGANIZER_FORMS = [
    "/check-in/{token}",
    "/organizer/events/{event}/check-in/{alpha}",
    "/organizer/events/{event}/check-in/{alpha}/undo",
    "/events/{event}/day/meetings/{ac}/status",
    "/organizer/events/{event}/day/meetings/{ac}/rebook",
    "/organizer/events/{event}/day/meetings/{be}/replace/{ae}",
    "/events/{event}/meetings/{alpha}/{ac}/report",
    "/organizer/events/{event}/outcomes/remind",
]
REPRESENTATIVE_FORMS = [
    "/events/{event}/day/meetings/{ac}/status",
    "/events/{event}/meetings/{alpha}/{ac}/report",
]


@pytest.fixture
def csrf_app(database_url, clock):
    clock.set(fair_day_moment())
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": True,
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
        fair = build_published_fair()
        make_user(fair.companies["alpha"], email="rep@example.com")
        plan, placement = day.placement_for(fair.event, fair.requests["be"].id, fair.organizer)
        day.set_meeting_status(fair.event, plan, placement, MeetingStatus.CANCELLED, fair.organizer)
        db.session.commit()
        app.config["IDS"] = {
            "event": fair.event.id,
            "alpha": fair.companies["alpha"].id,
            "ac": fair.requests["ac"].id,
            "ae": fair.requests["ae"].id,
            "be": fair.requests["be"].id,
            "token": check_in_token(fair.event.id, fair.companies["alpha"].id),
            "slot": fair.slots[4].id,
        }
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def _login(client, email):
    login_with_csrf(client, email, PASSWORD)


def test_organizer_forms_refuse_a_post_without_a_token(csrf_app):
    client = csrf_app.test_client()
    _login(client, "desk@example.com")
    ids = csrf_app.config["IDS"]
    for url in ORGANIZER_FORMS:
        response = client.post(
            url.format(**ids),
            data={"status": "held", "slot_id": ids["slot"], "held": "yes"},
        )
        assert response.status_code == 400, url
    with csrf_app.app_context():
        from matchmaker.models import CheckIn, MeetingDayStatus, OutcomeReport

        assert db.session.query(CheckIn).count() == 0
        assert db.session.query(OutcomeReport).count() == 0
        assert db.session.query(MeetingDayStatus).count() == 1  # the cancelled one only


def test_representative_forms_refuse_a_post_without_a_token(csrf_app):
    client = csrf_app.test_client()
    _login(client, "rep@example.com")
    for url in REPRESENTATIVE_FORMS:
        response = client.post(
            url.format(**csrf_app.config["IDS"]), data={"status": "held", "held": "yes"}
        )
        assert response.status_code == 400, url


def test_forms_posted_with_their_token_are_accepted(csrf_app):
    client = csrf_app.test_client()
    _login(client, "desk@example.com")
    ids = csrf_app.config["IDS"]
    page = client.get("/check-in/{token}".format(**ids)).get_data(as_text=True)
    response = client.post(
        "/check-in/{token}".format(**ids), data={"csrf_token": csrf_token_from(page)}
    )
    assert response.status_code == 302
    report = "/events/{event}/meetings/{alpha}/{ac}/report".format(**ids)
    token = csrf_token_from(client.get(report).get_data(as_text=True))
    response = client.post(
        report,
        data={"csrf_token": token, "held": "yes", "next_step": "none", "agreement": "none"},
    )
    assert response.status_code == 302
