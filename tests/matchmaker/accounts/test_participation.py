"""A representative applies for the company's participation in an edition and sees its status."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from matchmaker.enums import AttendanceMode, EventPhase, ParticipationStatus
from matchmaker.models import Participation
from tests.factories import login, make_event, make_organizer, make_participation, make_user


def _setup(db_session, phase=EventPhase.REGISTRATION):
    event = make_event(phase=phase, start_date=date(2026, 11, 26), end_date=date(2026, 11, 28))
    user = make_user()
    db_session.commit()
    return event, user


def test_a_representative_applies_with_delegates_attendance_and_days(client, db_session):
    event, user = _setup(db_session)
    login(client, user)
    page = client.get("/account/participations")
    assert page.status_code == 200 and event.name.encode() in page.data
    assert client.get(f"/account/participations/{event.id}").status_code == 200
    response = client.post(
        f"/account/participations/{event.id}",
        data={"delegates": "3", "attendance": "remote", "days": ["2026-11-26", "2026-11-28"]},
    )
    assert response.status_code == 302
    participation = db_session.scalar(select(Participation))
    assert participation.company_id == user.company_id
    assert participation.status == ParticipationStatus.PENDING
    assert participation.delegates == 3
    assert participation.attendance == AttendanceMode.REMOTE
    assert [d.date for d in participation.days] == [date(2026, 11, 26), date(2026, 11, 28)]
    assert b"Awaiting approval" in client.get("/account/participations").data


def test_applying_again_updates_the_same_application(client, db_session):
    event, user = _setup(db_session)
    login(client, user)
    url = f"/account/participations/{event.id}"
    client.post(url, data={"delegates": "1", "attendance": "on_site", "days": ["2026-11-26"]})
    client.post(url, data={"delegates": "2", "attendance": "on_site", "days": ["2026-11-27"]})
    assert db_session.scalar(select(func.count()).select_from(Participation)) == 1
    participation = db_session.scalar(select(Participation))
    db_session.refresh(participation)
    assert participation.delegates == 2


def test_an_application_refuses_bad_values(client, db_session):
    event, user = _setup(db_session)
    login(client, user)
    url = f"/account/participations/{event.id}"
    for data, message in (
        ({"delegates": "0", "attendance": "on_site", "days": ["2026-11-26"]}, b"between 1 and 20"),
        (
            {"delegates": "abc", "attendance": "on_site", "days": ["2026-11-26"]},
            b"Not a valid integer",
        ),
        (
            {"delegates": "2", "attendance": "teleport", "days": ["2026-11-26"]},
            b"Choose on site or online.",
        ),
        ({"delegates": "2", "attendance": "on_site"}, b"Choose at least one day."),
        (
            {"delegates": "2", "attendance": "on_site", "days": ["2030-01-01"]},
            b"days of this edition only",
        ),
    ):
        response = client.post(url, data=data)
        assert response.status_code == 400, data
        assert message in response.data, message
    assert db_session.scalar(select(func.count()).select_from(Participation)) == 0


def test_an_edition_past_its_registration_answers_404_to_new_applicants(client, db_session):
    event, user = _setup(db_session, phase=EventPhase.SCHEDULING)
    login(client, user)
    assert client.get(f"/account/participations/{event.id}").status_code == 404
    response = client.post(
        f"/account/participations/{event.id}",
        data={"delegates": "1", "attendance": "on_site", "days": ["2026-11-26"]},
    )
    assert response.status_code == 404
    assert db_session.scalar(select(func.count()).select_from(Participation)) == 0


def test_an_existing_participant_cannot_change_it_once_registration_closed(client, db_session):
    event, user = _setup(db_session, phase=EventPhase.SCHEDULING)
    make_participation(event, user.company)
    db_session.commit()
    login(client, user)
    assert client.get(f"/account/participations/{event.id}").status_code == 200
    response = client.post(
        f"/account/participations/{event.id}",
        data={"delegates": "5", "attendance": "on_site", "days": ["2026-11-26"]},
    )
    assert response.status_code == 409
    assert b"no longer accepts registrations" in response.data


def test_an_unknown_edition_is_404(client, db_session):
    _event, user = _setup(db_session)
    login(client, user)
    assert client.get("/account/participations/999999").status_code == 404


def test_a_representative_withdraws_and_reapplies(client, db_session):
    event, user = _setup(db_session)
    make_participation(event, user.company, status=ParticipationStatus.APPROVED)
    db_session.commit()
    login(client, user)
    assert client.post(f"/account/participations/{event.id}/withdraw").status_code == 302
    participation = db_session.scalar(select(Participation))
    db_session.refresh(participation)
    assert participation.status == ParticipationStatus.WITHDRAWN
    assert client.post(f"/account/participations/{event.id}/withdraw").status_code == 409
    client.post(
        f"/account/participations/{event.id}",
        data={"delegates": "1", "attendance": "on_site", "days": ["2026-11-26"]},
    )
    db_session.refresh(participation)
    assert participation.status == ParticipationStatus.PENDING


def test_a_rejected_company_cannot_reapply(client, db_session):
    event, user = _setup(db_session)
    make_participation(event, user.company, status=ParticipationStatus.REJECTED)
    db_session.commit()
    login(client, user)
    response = client.post(
        f"/account/participations/{event.id}",
        data={"delegates": "1", "attendance": "on_site", "days": ["2026-11-26"]},
    )
    assert response.status_code == 409


def test_organizers_do_not_apply(client, db_session):
    event, _user = _setup(db_session)
    organizer = make_organizer()
    db_session.commit()
    login(client, organizer)
    assert client.get(f"/account/participations/{event.id}").status_code == 403
