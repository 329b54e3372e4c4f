"""The organizers' area is for organizers only: 403 for representatives, log-in for visitors."""

from __future__ import annotations

import pytest

from tests.factories import login, make_event, make_participation, make_user

GET_PAGES = [
    "/organizer/",
    "/organizer/events/new",
    "/organizer/events/{event}",
    "/organizer/events/{event}/edit",
    "/organizer/events/{event}/participations",
    "/organizer/events/{event}/requests",
    "/organizer/companies",
    "/organizer/companies/{company}/representatives/{user}/deactivate",
]
POST_ACTIONS = [
    "/organizer/events/new",
    "/organizer/events/{event}/edit",
    "/organizer/events/{event}/phase",
    "/organizer/participations/{participation}/approve",
    "/organizer/participations/{participation}/reject",
    "/organizer/companies/{company}/side",
    "/organizer/act-as/{user}",
    "/organizer/companies/{company}/representatives/{user}/deactivate",
    "/organizer/companies/{company}/representatives/{user}/reactivate",
]


@pytest.fixture
def ids(db_session):
    event = make_event()
    user = make_user()
    participation = make_participation(event, user.company)
    db_session.commit()
    return {
        "event": event.id,
        "participation": participation.id,
        "company": user.company_id,
        "user": user.id,
        "representative": user,
    }


def test_a_representative_gets_403_everywhere_in_the_organizer_area(client, ids):
    login(client, ids["representative"])
    for page in GET_PAGES:
        assert client.get(page.format(**ids)).status_code == 403, page
    for action in POST_ACTIONS:
        assert client.post(action.format(**ids), data={}).status_code == 403, action


def test_a_visitor_is_sent_to_log_in(client, ids):
    for page in GET_PAGES:
        response = client.get(page.format(**ids))
        assert response.status_code == 302 and "/login" in response.headers["Location"]
