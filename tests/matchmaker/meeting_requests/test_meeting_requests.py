"""Meeting requests through the web: sending, listing, accepting, declining, withdrawing, and
every rule the service enforces."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from matchmaker.enums import EventPhase, ParticipationStatus, RequestPriority, RequestStatus
from matchmaker.extensions import db
from matchmaker.models import MeetingRequest
from tests.conftest import csrf_token_from
from tests.factories import make_company, make_event, make_organizer, make_participation, make_user


@pytest.fixture
def fair(db_session):
    event = make_event(phase=EventPhase.REQUESTS)
    a = make_company("Alpha Pumps GmbH", "DE")
    b = make_company("Beta Robotics Co., Ltd.", "CN")
    c = make_company("Gamma Foods Co., Ltd.", "CN")
    for company in (a, b, c):
        make_participation(event, company)
    f = SimpleNamespace(
        event=event,
        a=a,
        b=b,
        c=c,
        alice=make_user(company=a),
        bob=make_user(company=b),
        carol=make_user(company=c),
        organizer=make_organizer(),
    )
    db_session.commit()
    return f


def send(client, to, event, **data):
    fields = {"priority": "normal", "message": "Shall we meet?"}
    fields.update(data)
    return client.post(f"/requests/new/{to.id}?event={event.id}", data=fields)


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def requests_between(from_company, to_company) -> list[MeetingRequest]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(MeetingRequest).where(
                MeetingRequest.from_company_id == from_company.id,
                MeetingRequest.to_company_id == to_company.id,
            )
        )
    )


def make_request(fair, sender, recipient, status=RequestStatus.PENDING, event=None):
    request = MeetingRequest(
        event=event or fair.event, from_company=sender, to_company=recipient, status=status
    )
    db.session.add(request)
    db.session.commit()
    return request


# --- sending -----------------------------------------------------------------------------------


def test_a_representative_sends_a_request_with_priority_and_message(client, fair, sign_in):
    sign_in(fair.alice)
    response = send(client, fair.b, fair.event, priority="high", message="About robots")
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/companies/{fair.b.id}")
    [request] = requests_between(fair.a, fair.b)
    assert request.status == RequestStatus.PENDING
    assert request.priority == RequestPriority.HIGH
    assert request.message == "About robots"
    assert request.event_id == fair.event.id
    assert request.responded_at is None


def test_the_company_page_then_shows_the_state_of_the_request(client, fair, sign_in):
    sign_in(fair.alice)
    send(client, fair.b, fair.event)
    page = text(client.get(f"/companies/{fair.b.id}"))
    assert "You asked for a meeting: Pending." in page
    assert 'name="message"' not in page


def test_the_request_form_page_shows_the_form(client, fair, sign_in):
    sign_in(fair.alice)
    response = client.get(f"/requests/new/{fair.b.id}")
    assert response.status_code == 200
    assert 'name="priority"' in response.get_data(as_text=True)


def test_a_request_to_your_own_company_is_refused(client, fair, sign_in):
    sign_in(fair.alice)
    response = send(client, fair.a, fair.event)
    assert response.status_code == 400
    assert "cannot request a meeting with itself" in text(response)
    assert requests_between(fair.a, fair.a) == []


def test_a_request_to_a_company_already_asked_is_refused(client, fair, sign_in):
    sign_in(fair.alice)
    send(client, fair.b, fair.event)
    response = send(client, fair.b, fair.event, message="Again")
    assert response.status_code == 409
    assert "You have already asked Beta Robotics Co., Ltd." in text(response)
    [request] = requests_between(fair.a, fair.b)
    assert request.message == "Shall we meet?"


def test_a_declined_request_cannot_be_sent_again(client, fair, sign_in):
    make_request(fair, fair.a, fair.b, RequestStatus.DECLINED)
    sign_in(fair.alice)
    response = send(client, fair.b, fair.event)
    assert response.status_code == 409
    assert "has declined your request" in text(response)


def test_a_withdrawn_request_is_sent_again_by_reopening_it(client, fair, sign_in):
    old = make_request(fair, fair.a, fair.b, RequestStatus.WITHDRAWN)
    sign_in(fair.alice)
    response = send(client, fair.b, fair.event, priority="low", message="Second try")
    assert response.status_code == 302
    [request] = requests_between(fair.a, fair.b)
    assert request.id == old.id
    assert request.status == RequestStatus.PENDING
    assert request.priority == RequestPriority.LOW
    assert request.message == "Second try"


def test_asking_a_company_that_already_asked_you_accepts_their_request(client, fair, sign_in):
    theirs = make_request(fair, fair.b, fair.a)
    sign_in(fair.alice)
    response = send(client, fair.b, fair.event)
    assert response.status_code == 302
    assert requests_between(fair.a, fair.b) == []
    [request] = requests_between(fair.b, fair.a)
    assert request.id == theirs.id
    assert request.status == RequestStatus.ACCEPTED
    page = text(client.get(response.headers["Location"]))
    assert "had already asked you for a meeting: their request is now accepted" in page


@pytest.mark.parametrize(
    "phase", [EventPhase.REGISTRATION, EventPhase.SCHEDULING, EventPhase.PUBLISHED]
)
def test_requests_are_refused_outside_the_request_phase(client, fair, sign_in, phase):
    fair.event.phase = phase
    db.session.commit()
    sign_in(fair.alice)
    response = send(client, fair.b, fair.event)
    assert response.status_code == 409
    assert "possible only in the phase “Meeting requests”" in text(response)
    assert requests_between(fair.a, fair.b) == []


def test_a_company_without_approved_participation_cannot_send(client, fair, sign_in):
    participation = fair.a.participations[0]
    participation.status = ParticipationStatus.PENDING
    db.session.commit()
    sign_in(fair.alice)
    response = send(client, fair.b, fair.event)
    assert response.status_code == 403
    assert "is not an approved participant" in text(response)


def test_a_company_not_approved_for_this_event_cannot_be_asked(client, fair, sign_in):
    other_event = make_event(phase=EventPhase.CLOSED, name="Old", year=2025)
    outsider = make_company("Delta Last Year Oy", "FI")
    make_participation(other_event, outsider)
    db.session.commit()
    sign_in(fair.bob)
    response = send(client, outsider, fair.event)
    assert response.status_code == 409
    assert "Delta Last Year Oy is not an approved participant" in text(response)


def test_a_company_not_listed_anywhere_is_not_found(client, fair, sign_in):
    applicant = make_company("Epsilon Applicant", "IT")
    make_participation(fair.event, applicant, status=ParticipationStatus.PENDING)
    db.session.commit()
    sign_in(fair.alice)
    assert send(client, applicant, fair.event).status_code == 404
    assert client.post("/requests/new/999999", data={"priority": "normal"}).status_code == 404


def test_the_cap_of_active_outgoing_requests_is_enforced(client, fair, sign_in):
    fair.event.request_cap = 1
    db.session.commit()
    sign_in(fair.alice)
    assert send(client, fair.b, fair.event).status_code == 302
    response = send(client, fair.c, fair.event)
    assert response.status_code == 409
    assert "reached the limit of 1 active requests" in text(response)
    assert requests_between(fair.a, fair.c) == []


def test_withdrawn_and_declined_requests_do_not_count_towards_the_cap(client, fair, sign_in):
    fair.event.request_cap = 1
    make_request(fair, fair.a, fair.b, RequestStatus.DECLINED)
    d = make_company("Delta GmbH", "DE")
    make_participation(fair.event, d)
    make_request(fair, fair.a, d, RequestStatus.WITHDRAWN)
    sign_in(fair.alice)
    assert send(client, fair.c, fair.event).status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"message": "x" * 501}, "The message is too long: at most 500 characters."),
        ({"priority": "urgent"}, "Choose a priority from the list."),
    ],
)
def test_bad_form_input_is_refused_with_a_field_message(client, fair, sign_in, data, message):
    sign_in(fair.alice)
    response = send(client, fair.b, fair.event, **data)
    assert response.status_code == 400
    assert message in text(response)
    assert requests_between(fair.a, fair.b) == []


def test_a_message_of_exactly_500_characters_is_accepted(client, fair, sign_in):
    sign_in(fair.alice)
    assert send(client, fair.b, fair.event, message="y" * 500).status_code == 302


def test_an_organizer_sends_a_request_on_behalf_of_a_company(client, fair, sign_in):
    sign_in(fair.organizer)
    page = client.get(f"/companies/{fair.b.id}").get_data(as_text=True)
    assert 'name="from_company"' in page
    response = send(client, fair.b, fair.event, from_company=str(fair.c.id))
    assert response.status_code == 302
    [request] = requests_between(fair.c, fair.b)
    assert request.status == RequestStatus.PENDING


def test_an_organizer_must_say_which_company_sends(client, fair, sign_in):
    sign_in(fair.organizer)
    response = send(client, fair.b, fair.event)
    assert response.status_code == 400
    assert "Choose the participating company" in text(response)


def test_a_bad_event_parameter_is_refused(client, fair, sign_in):
    sign_in(fair.alice)
    assert client.post(f"/requests/new/{fair.b.id}?event=abc").status_code == 400
    assert client.post(f"/requests/new/{fair.b.id}?event=987654").status_code == 404


# --- lists -------------------------------------------------------------------------------------


def test_incoming_and_outgoing_requests_are_listed_with_their_status(client, fair, sign_in):
    make_request(fair, fair.b, fair.a)
    make_request(fair, fair.a, fair.c, RequestStatus.ACCEPTED)
    make_request(fair, fair.b, fair.c)  # not Alpha's business
    sign_in(fair.alice)
    response = client.get("/requests/")
    assert response.status_code == 200
    page = text(response)
    incoming, outgoing = page.split("Outgoing requests")
    assert "Beta Robotics" in incoming and "Gamma Foods" not in incoming
    assert "Gamma Foods" in outgoing and "Accepted" in outgoing
    assert "Active outgoing requests: 1 of at most 20." in page


def test_the_list_shows_the_requests_of_the_chosen_event(client, fair, sign_in):
    old = make_event(phase=EventPhase.CLOSED, name="Old", year=2025)
    make_participation(old, fair.a)
    make_participation(old, fair.c)
    make_request(fair, fair.c, fair.a, RequestStatus.ACCEPTED, event=old)
    make_request(fair, fair.b, fair.a)
    sign_in(fair.alice)
    current = text(client.get("/requests/"))
    assert "Beta Robotics" in current and "Gamma Foods" not in current
    past = text(client.get(f"/requests/?event={old.id}"))
    assert "Gamma Foods" in past and "Beta Robotics" not in past
    assert client.get("/requests/?event=nope").status_code == 400


def test_the_lists_are_behind_login(client, fair):
    response = client.get("/requests/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_an_organizer_sees_all_requests_and_any_companys_lists(client, fair, sign_in):
    make_request(fair, fair.b, fair.a)
    make_request(fair, fair.c, fair.b)
    sign_in(fair.organizer)
    overview = text(client.get("/requests/"))
    assert "All meeting requests" in overview
    assert "Alpha Pumps" in overview and "Gamma Foods" in overview
    lists = text(client.get(f"/requests/?company={fair.b.id}"))
    assert "Requests of Beta Robotics Co., Ltd. (organizer view)" in lists


# --- answering and withdrawing -----------------------------------------------------------------


def test_the_recipient_accepts_a_request(client, fair, sign_in):
    request = make_request(fair, fair.a, fair.b)
    sign_in(fair.bob)
    response = client.post(f"/requests/{request.id}/accept")
    assert response.status_code == 302
    [request] = requests_between(fair.a, fair.b)
    assert request.status == RequestStatus.ACCEPTED
    assert request.responded_at is not None


def test_the_recipient_declines_a_request(client, fair, sign_in):
    request = make_request(fair, fair.a, fair.b)
    sign_in(fair.bob)
    assert client.post(f"/requests/{request.id}/decline").status_code == 302
    [request] = requests_between(fair.a, fair.b)
    assert request.status == RequestStatus.DECLINED
    assert request.responded_at is not None


def test_the_recipient_may_change_their_mind_while_requests_are_open(client, fair, sign_in):
    request = make_request(fair, fair.a, fair.b, RequestStatus.DECLINED)
    sign_in(fair.bob)
    assert client.post(f"/requests/{request.id}/accept").status_code == 302
    assert requests_between(fair.a, fair.b)[0].status == RequestStatus.ACCEPTED


def test_the_sender_withdraws_a_pending_request(client, fair, sign_in):
    request = make_request(fair, fair.a, fair.b)
    sign_in(fair.alice)
    assert client.post(f"/requests/{request.id}/withdraw").status_code == 302
    assert requests_between(fair.a, fair.b)[0].status == RequestStatus.WITHDRAWN


def test_the_sender_withdraws_an_accepted_request(client, fair, sign_in):
    request = make_request(fair, fair.a, fair.b, RequestStatus.ACCEPTED)
    sign_in(fair.alice)
    assert client.post(f"/requests/{request.id}/withdraw").status_code == 302
    assert requests_between(fair.a, fair.b)[0].status == RequestStatus.WITHDRAWN


def test_a_declined_request_cannot_be_withdrawn(client, fair, sign_in):
    request = make_request(fair, fair.a, fair.b, RequestStatus.DECLINED)
    sign_in(fair.alice)
    response = client.post(f"/requests/{request.id}/withdraw")
    assert response.status_code == 409
    assert "Only a pending or accepted request can be withdrawn" in text(response)


def test_a_withdrawn_request_cannot_be_accepted(client, fair, sign_in):
    request = make_request(fair, fair.a, fair.b, RequestStatus.WITHDRAWN)
    sign_in(fair.bob)
    response = client.post(f"/requests/{request.id}/accept")
    assert response.status_code == 409
    assert "has withdrawn this request" in text(response)


def test_only_the_recipient_accepts_or_declines(client, fair, sign_in):
    request = make_request(fair, fair.a, fair.b)
    sign_in(fair.alice)
    response = client.post(f"/requests/{request.id}/accept")
    assert response.status_code == 403
    assert "Only the company that received the request can accept it." in text(response)
    assert client.post(f"/requests/{request.id}/decline").status_code == 403
    assert requests_between(fair.a, fair.b)[0].status == RequestStatus.PENDING


def test_only_the_sender_withdraws(client, fair, sign_in):
    request = make_request(fair, fair.a, fair.b)
    sign_in(fair.bob)
    response = client.post(f"/requests/{request.id}/withdraw")
    assert response.status_code == 403
    assert "Only the company that sent the request can withdraw it." in text(response)
    assert requests_between(fair.a, fair.b)[0].status == RequestStatus.PENDING


@pytest.mark.parametrize("action", ["accept", "decline", "withdraw"])
def test_another_companys_requests_are_not_found(client, fair, sign_in, action):
    request = make_request(fair, fair.a, fair.b)
    sign_in(fair.carol)
    assert client.post(f"/requests/{request.id}/{action}").status_code == 404
    assert client.post(f"/requests/999999/{action}").status_code == 404
    assert requests_between(fair.a, fair.b)[0].status == RequestStatus.PENDING


@pytest.mark.parametrize(
    ("action", "status", "expected"),
    [
        ("accept", RequestStatus.PENDING, RequestStatus.ACCEPTED),
        ("decline", RequestStatus.PENDING, RequestStatus.DECLINED),
        ("withdraw", RequestStatus.ACCEPTED, RequestStatus.WITHDRAWN),
    ],
)
def test_an_organizer_may_act_on_any_request_for_support(
    client, fair, sign_in, action, status, expected
):
    request = make_request(fair, fair.a, fair.b, status)
    sign_in(fair.organizer)
    response = client.post(f"/requests/{request.id}/{action}", data={"company": fair.b.id})
    assert response.status_code == 302
    assert requests_between(fair.a, fair.b)[0].status == expected


@pytest.mark.parametrize("action", ["accept", "decline", "withdraw"])
def test_answering_and_withdrawing_are_refused_outside_the_request_phase(
    client, fair, sign_in, action
):
    request = make_request(fair, fair.a, fair.b)
    fair.event.phase = EventPhase.SCHEDULING
    db.session.commit()
    sign_in(fair.alice if action == "withdraw" else fair.bob)
    response = client.post(f"/requests/{request.id}/{action}")
    assert response.status_code == 409
    assert "possible only in the phase “Meeting requests”" in text(response)
    assert requests_between(fair.a, fair.b)[0].status == RequestStatus.PENDING


def test_requests_cannot_be_answered_with_get(client, fair, sign_in):
    request = make_request(fair, fair.a, fair.b)
    sign_in(fair.bob)
    assert client.get(f"/requests/{request.id}/accept").status_code == 405


# --- CSRF --------------------------------------------------------------------------------------


@pytest.fixture
def csrf_client(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    yield client
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.mark.parametrize("action", ["accept", "decline", "withdraw"])
def test_actions_without_a_csrf_token_are_refused(csrf_client, fair, sign_in, action):
    request = make_request(fair, fair.a, fair.b)
    sign_in(fair.alice if action == "withdraw" else fair.bob)
    response = csrf_client.post(f"/requests/{request.id}/{action}")
    assert response.status_code == 400
    assert requests_between(fair.a, fair.b)[0].status == RequestStatus.PENDING


def test_sending_without_a_csrf_token_is_refused(csrf_client, fair, sign_in):
    sign_in(fair.alice)
    response = send(csrf_client, fair.b, fair.event)
    assert response.status_code == 400
    assert requests_between(fair.a, fair.b) == []


def test_sending_with_the_csrf_token_of_the_company_page_works(csrf_client, fair, sign_in):
    sign_in(fair.alice)
    page = csrf_client.get(f"/companies/{fair.b.id}").get_data(as_text=True)
    token = csrf_token_from(page)
    assert send(csrf_client, fair.b, fair.event, csrf_token=token).status_code == 302
    assert len(requests_between(fair.a, fair.b)) == 1


def test_accepting_with_the_csrf_token_of_the_list_works(csrf_client, fair, sign_in):
    make_request(fair, fair.a, fair.b)
    sign_in(fair.bob)
    page = csrf_client.get("/requests/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # a button form
    request_id = requests_between(fair.a, fair.b)[0].id
    response = csrf_client.post(f"/requests/{request_id}/accept", data={"csrf_token": token})
    assert response.status_code == 302
    assert requests_between(fair.a, fair.b)[0].status == RequestStatus.ACCEPTED
