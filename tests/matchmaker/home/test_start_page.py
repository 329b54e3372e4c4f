"""The start page: what a visitor learns about the edition, and a company's next steps."""

from __future__ import annotations

from matchmaker.enums import EventPhase, ParticipationStatus, RequestStatus
from matchmaker.extensions import db
from matchmaker.models import MeetingRequest
from tests.builders import build_ready_fair, publish_by_solver
from tests.factories import (
    login,
    make_company,
    make_event,
    make_organizer,
    make_participation,
    make_user,
)


def _complete(company) -> None:
    company.description = "Valves for water plants."
    company.offers = "Valves"
    company.seeks = "Distributors"
    company.sector = "28"


def test_visitors_learn_the_edition_and_how_to_take_part(client, db_session):
    event = make_event(phase=EventPhase.REGISTRATION, venue="Chengdu Century City")
    for country in ("FR", "DE", "CN"):
        make_participation(event, make_company(country=country))
    make_participation(event, make_company(country="IT"), ParticipationStatus.PENDING)
    db_session.commit()
    page = client.get("/").get_data(as_text=True)
    assert event.name in page and "Chengdu Century City" in page
    assert "Nov 26" in page and "27, 2026" in page  # the dates, formatted for the locale
    assert "Registration is open" in page
    assert 'data-side="EU"><span class="stat-value">2<' in page  # the pending one not counted
    assert 'data-side="CN"><span class="stat-value">1<' in page
    for link in ('href="/register"', 'href="/login"', 'href="/statistics"'):
        assert link in page, link
    assert "/timetable" not in page  # nothing published yet


def test_the_public_timetable_is_linked_once_the_schedule_is_published(client, db_session):
    fair = build_ready_fair(companies=4, tables=2)
    db_session.commit()
    publish_by_solver(fair)
    page = client.get("/").get_data(as_text=True)
    assert f'href="/events/{fair.event.id}/timetable"' in page


def test_without_an_open_edition_the_page_says_so(client, db_session):
    make_event(phase=EventPhase.CLOSED)
    db_session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "No edition is open at the moment." in page


def test_a_new_company_is_asked_to_apply_and_complete_its_profile(client, db_session):
    make_event(phase=EventPhase.REGISTRATION)
    user = make_user()
    db_session.commit()
    login(client, user)
    page = client.get("/").get_data(as_text=True)
    assert 'data-step="apply"' in page and 'data-step="profile"' in page
    assert "what you offer" in page and "your sector" in page


def test_an_approved_company_sees_requests_waiting_for_its_answer(client, db_session):
    event = make_event(phase=EventPhase.REQUESTS)
    me, other, third = make_company(), make_company(country="CN"), make_company(country="CN")
    _complete(me)
    for company in (me, other, third):
        make_participation(event, company)
    db.session.add_all(
        [
            MeetingRequest(event=event, from_company=other, to_company=me),
            MeetingRequest(
                event=event, from_company=third, to_company=me, status=RequestStatus.DECLINED
            ),
            MeetingRequest(event=event, from_company=me, to_company=third),
        ]
    )
    user = make_user(me)
    db_session.commit()
    login(client, user)
    page = client.get("/").get_data(as_text=True)
    assert "1 meeting request waits for your answer" in page
    assert f"1 of {event.request_cap} meeting requests" in page
    assert 'data-step="apply"' not in page


def test_a_pending_application_is_shown_as_awaiting_approval(client, db_session):
    event = make_event(phase=EventPhase.REGISTRATION)
    user = make_user()
    make_participation(event, user.company, ParticipationStatus.PENDING)
    db_session.commit()
    login(client, user)
    page = client.get("/").get_data(as_text=True)
    assert 'data-step="application"' in page and "awaiting approval" in page
    assert 'data-step="answer"' not in page


def test_a_published_agenda_is_on_the_dashboard(app, db_session):
    fair = build_ready_fair(companies=4, tables=2)
    db_session.commit()
    publish_by_solver(fair)
    company = fair.companies[1]
    user = make_user(company)
    db_session.commit()
    client = app.test_client()
    login(client, user)
    page = client.get("/").get_data(as_text=True)
    assert 'data-step="agenda"' in page
    assert f"/events/{fair.event.id}/agenda/{company.id}.pdf" in page


def test_organizers_go_to_the_organizer_area(client, db_session):
    organizer = make_organizer()
    db_session.commit()
    login(client, organizer)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/organizer/")


def test_log_in_lands_on_the_dashboard(client, db_session):
    user = make_user()
    db_session.commit()
    response = login(client, user)
    assert response.headers["Location"] == "/"
