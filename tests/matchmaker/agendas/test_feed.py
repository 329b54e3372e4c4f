"""The calendar subscription: a private link per representative that always serves the
company's current agenda, day-of changes included; unknown, revoked or foreign: 404."""

from __future__ import annotations

from datetime import UTC

import pytest
from icalendar import Calendar

from matchmaker.enums import MeetingStatus
from matchmaker.eventday.operations import placement_for, rebook, set_meeting_status
from matchmaker.personal_tokens import create_feed_token, revoke_feed_token
from tests.builders import build_published_fair
from tests.factories import login, make_user


@pytest.fixture
def fair(db_session):
    built = build_published_fair()
    built.extra["alpha_rep"] = make_user(built.companies["alpha"])
    built.extra["gamma_rep"] = make_user(built.companies["gamma"])
    db_session.commit()
    return built


def _events(response) -> dict[str, dict]:
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.data)
    return {
        str(entry["summary"]): {
            "start": entry.decoded("dtstart").astimezone(UTC),
            "status": str(entry["status"]),
            "location": str(entry["location"]),
            "uid": str(entry["uid"]),
        }
        for entry in calendar.walk("VEVENT")
    }


def test_the_feed_serves_the_companys_current_agenda(client, db_session, fair):
    secret = create_feed_token(fair.extra["alpha_rep"])
    db_session.commit()
    events = _events(client.get(f"/calendar/{secret}.ics"))
    assert set(events) == {"B2B meeting: Gamma Chengdu", "B2B meeting: Delta Co"}
    gamma = events["B2B meeting: Gamma Chengdu"]
    assert gamma["start"] == fair.slots[1].starts_at.astimezone(UTC)
    assert gamma["uid"] == f"meeting-{fair.event.id}-{fair.requests['ac'].id}@salon-matchmaker"


def test_a_day_of_change_shows_in_the_feed(client, db_session, fair):
    secret = create_feed_token(fair.extra["alpha_rep"])
    db_session.commit()
    before = _events(client.get(f"/calendar/{secret}.ics"))["B2B meeting: Gamma Chengdu"]

    plan, placement = placement_for(fair.event, fair.requests["ac"].id, fair.organizer)
    rebook(fair.event, placement, fair.slots[4], fair.tables[2], fair.organizer, plan)
    plan, placement = placement_for(fair.event, fair.requests["ad"].id, fair.organizer)
    set_meeting_status(fair.event, plan, placement, MeetingStatus.CANCELLED, fair.organizer)
    db_session.commit()

    after = _events(client.get(f"/calendar/{secret}.ics"))
    moved = after["B2B meeting: Gamma Chengdu"]
    assert moved["uid"] == before["uid"]
    assert moved["start"] == fair.slots[4].starts_at.astimezone(UTC)
    assert moved["start"] != before["start"]
    assert (fair.tables[2].name or "Table 3") in moved["location"]
    assert after["Cancelled: B2B meeting with Delta Co"]["status"] == "CANCELLED"


def test_the_feed_holds_only_the_own_companys_meetings(client, db_session, fair):
    secret = create_feed_token(fair.extra["gamma_rep"])
    db_session.commit()
    events = _events(client.get(f"/calendar/{secret}.ics"))
    assert set(events) == {"B2B meeting: Alpha GmbH", "B2B meeting: Beta SA"}


def test_unknown_revoked_and_replaced_links_are_404(client, db_session, fair):
    rep = fair.extra["alpha_rep"]
    first = create_feed_token(rep)
    db_session.commit()
    assert client.get("/calendar/cal_not-a-real-secret.ics").status_code == 404
    assert client.get("/calendar/.ics").status_code == 404
    second = create_feed_token(rep)  # a new link replaces the old one
    db_session.commit()
    assert client.get(f"/calendar/{first}.ics").status_code == 404
    assert client.get(f"/calendar/{second}.ics").status_code == 200
    revoke_feed_token(rep)
    db_session.commit()
    assert client.get(f"/calendar/{second}.ics").status_code == 404


def test_the_account_page_makes_and_revokes_the_link(client, db_session, fair):
    login(client, fair.extra["alpha_rep"])
    assert "no calendar link yet" in client.get("/account/calendar").get_data(as_text=True)
    page = client.post("/account/calendar").get_data(as_text=True)
    assert "webcal://" in page
    start = page.index("/calendar/cal_")
    secret = page[start + len("/calendar/") : page.index(".ics", start)]
    assert client.get(f"/calendar/{secret}.ics").status_code == 200
    client.post("/account/calendar/revoke")
    assert client.get(f"/calendar/{secret}.ics").status_code == 404
