"""Organizers create and edit editions and move them through their phases."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from matchmaker.enums import EventPhase
from matchmaker.models import Event, EventDay
from tests.factories import login, make_event, make_organizer

EVENT = {
    "name": "EU-China Investment and Trade Fair",
    "year": "2027",
    "venue": "Chengdu Century City",
    "timezone": "Asia/Shanghai",
    "start_date": "2027-05-20",
    "end_date": "2027-05-22",
    "request_cap": "15",
    "description": "The 2027 edition.",
}


@pytest.fixture
def organizer(client, db_session):
    user = make_organizer()
    db_session.commit()
    login(client, user)
    return user


def _days(db_session, event_id):
    return [
        d.date
        for d in db_session.scalars(
            select(EventDay).where(EventDay.event_id == event_id).order_by(EventDay.date)
        )
    ]


def test_an_organizer_creates_an_edition_with_one_row_per_day(client, db_session, organizer):
    assert client.get("/organizer/").status_code == 200
    assert client.get("/organizer/events/new").status_code == 200
    response = client.post("/organizer/events/new", data=EVENT)
    assert response.status_code == 302
    event = db_session.scalar(select(Event))
    assert event.name == EVENT["name"] and event.year == 2027
    assert event.phase == EventPhase.REGISTRATION
    assert event.request_cap == 15
    assert _days(db_session, event.id) == [date(2027, 5, 20), date(2027, 5, 21), date(2027, 5, 22)]
    assert client.get(f"/organizer/events/{event.id}").status_code == 200


def test_editing_the_dates_makes_the_days_follow(client, db_session, organizer):
    event = make_event(phase=EventPhase.REGISTRATION)
    db_session.commit()
    assert client.get(f"/organizer/events/{event.id}/edit").status_code == 200
    data = {**EVENT, "start_date": "2026-11-27", "end_date": "2026-11-29"}
    assert client.post(f"/organizer/events/{event.id}/edit", data=data).status_code == 302
    assert _days(db_session, event.id) == [
        date(2026, 11, 27),
        date(2026, 11, 28),
        date(2026, 11, 29),
    ]


def test_the_dates_are_fixed_once_scheduling_started(client, db_session, organizer):
    event = make_event(phase=EventPhase.SCHEDULING)
    db_session.commit()
    data = {**EVENT, "start_date": "2026-11-27", "end_date": "2026-11-29"}
    response = client.post(f"/organizer/events/{event.id}/edit", data=data)
    assert response.status_code == 409
    assert b"The dates are fixed once scheduling has started." in response.data


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("timezone", "Mars/Olympus_Mons", b"Unknown time zone"),
        ("timezone", "../../etc/passwd", b"Unknown time zone"),
        ("year", "twenty", b"Not a valid integer value."),
        ("year", "1500", b"between 2000 and 2100"),
        ("start_date", "2027-13-40", b"Not a valid date value."),
        ("end_date", "2027-05-01", b"The last day cannot be before the first day."),
        ("request_cap", "0", b"between 1 and 1000"),
        ("name", "x" * 201, b"Use at most 200 characters."),
        ("name", "", b"Enter the name of the edition."),
    ],
)
def test_bad_edition_input_gets_a_field_message_and_nothing_is_saved(
    client, db_session, organizer, field, value, message
):
    response = client.post("/organizer/events/new", data={**EVENT, field: value})
    assert response.status_code == 400
    assert message in response.data
    assert db_session.scalar(select(func.count()).select_from(Event)) == 0


def test_an_over_long_edition_is_refused(client, db_session, organizer):
    response = client.post("/organizer/events/new", data={**EVENT, "end_date": "2027-12-31"})
    assert response.status_code == 400
    assert b"at most 14 days" in response.data


def test_two_editions_cannot_share_name_and_year(client, db_session, organizer):
    client.post("/organizer/events/new", data=EVENT)
    response = client.post("/organizer/events/new", data=EVENT)
    assert response.status_code == 409
    assert b"exists already" in response.data
    assert db_session.scalar(select(func.count()).select_from(Event)) == 1


def test_phases_move_forward_one_step_and_back_one_step(client, db_session, organizer):
    event = make_event(phase=EventPhase.REGISTRATION)
    db_session.commit()
    url = f"/organizer/events/{event.id}/phase"
    assert client.post(url, data={"phase": "requests"}).status_code == 302
    assert client.post(url, data={"phase": "scheduling"}).status_code == 302
    assert client.post(url, data={"phase": "requests"}).status_code == 302  # one step back
    # Skipping ahead is refused.
    response = client.post(url, data={"phase": "closed"})
    assert response.status_code == 409
    db_session.expire_all()
    assert db_session.get(Event, event.id).phase == EventPhase.REQUESTS


def test_an_unknown_phase_is_400(client, db_session, organizer):
    event = make_event()
    db_session.commit()
    response = client.post(f"/organizer/events/{event.id}/phase", data={"phase": "party"})
    assert response.status_code == 400


def test_unknown_editions_are_404(client, organizer):
    for url in (
        "/organizer/events/999",
        "/organizer/events/999/edit",
        "/organizer/events/999/participations",
        "/organizer/events/999/requests",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post("/organizer/events/999/phase", data={"phase": "requests"}).status_code == 404
    assert client.post("/organizer/events/999/edit", data=EVENT).status_code == 404


def test_a_racing_edition_with_the_same_name_and_year_is_a_message(db_session, organizer):
    from matchmaker.errors import RuleViolation
    from matchmaker.organizer import operations

    make_event(name="Twin", year=2027)
    db_session.commit()
    data = operations.EventData(
        name="Twin", year=2027, start_date=date(2027, 1, 1), end_date=date(2027, 1, 2)
    )
    original = operations._check_event
    operations._check_event = lambda data, event: None  # the check ran before the other commit
    try:
        with pytest.raises(RuleViolation):
            operations.create_event(organizer, data)
    finally:
        operations._check_event = original
    db_session.rollback()
    assert db_session.scalar(select(func.count()).select_from(Event)) == 1


def test_shortening_an_edition_drops_the_removed_days_from_participations(
    client, db_session, organizer
):
    from matchmaker.models import Participation
    from tests.factories import make_company, make_participation

    event = make_event(
        phase=EventPhase.REQUESTS, start_date=date(2026, 11, 26), end_date=date(2026, 11, 28)
    )
    participation = make_participation(event, make_company())
    db_session.commit()
    data = {**EVENT, "start_date": "2026-11-27", "end_date": "2026-11-28"}
    assert client.post(f"/organizer/events/{event.id}/edit", data=data).status_code == 302
    db_session.expire_all()
    days = [d.date for d in db_session.get(Participation, participation.id).days]
    assert days == [date(2026, 11, 27), date(2026, 11, 28)]
