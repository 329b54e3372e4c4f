"""The organizer's scheduling pages, driven through the test client."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Meeting, MeetingTable, ScheduleRun, ScheduleVersion, TimeSlot
from matchmaker.scheduling.instance_export import build_instance
from tests.builders import build_ready_fair
from tests.conftest import login_with_csrf
from tests.factories import PASSWORD, login, make_event, make_user


@pytest.fixture
def organizer_client(app, client, db_session):
    fair = build_ready_fair()
    db_session.commit()
    login(client, fair.organizer)
    return client, fair


def _wait_for_run(client, event_id: int, run_id: int) -> dict:
    url = f"/organizer/events/{event_id}/schedule/runs/{run_id}/progress.json"
    for _ in range(120):  # bounded: at most a minute
        data = client.get(url).get_json()
        if not data["active"]:
            return data
        time.sleep(0.5)
    raise AssertionError("run did not finish")


def _run(client, fair) -> ScheduleVersion:
    base = f"/organizer/events/{fair.event.id}/schedule"
    response = client.post(f"{base}/runs", data={"time_limit_s": 5, "kind": "solve"})
    assert response.status_code == 302
    run_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    data = _wait_for_run(client, fair.event.id, run_id)
    assert data["status"] == "succeeded", data
    assert data["status_label"] == "Finished"  # the page shows the label, never the value
    db.session.expire_all()
    return db.session.scalar(select(ScheduleVersion).where(ScheduleVersion.run_id == run_id))


def test_set_up_generates_slots_and_closing_one_keeps_it_out(organizer_client, db_session):
    client, fair = organizer_client
    base = f"/organizer/events/{fair.event.id}/schedule"
    form = {
        "day_start": "09:00", "day_end": "12:00", "lunch_start": "", "lunch_end": "",
        "slot_minutes": 30, "gap_minutes": 0, "table_count": 4, "time_limit_s": 10,
    }  # fmt: skip
    response = client.post(f"{base}/setup", data=form, follow_redirects=True)
    assert "12 time slots" in response.get_data(as_text=True)
    slots = db_session.scalars(select(TimeSlot).where(TimeSlot.event_id == fair.event.id)).all()
    assert len(slots) == 12  # two days of six
    client.post(f"{base}/slots/{slots[0].id}/toggle")
    db_session.expire_all()
    assert db_session.get(TimeSlot, slots[0].id).closed


def test_a_slot_longer_than_the_day_is_refused_with_a_message(organizer_client, db_session):
    client, fair = organizer_client
    form = {
        "day_start": "09:00", "day_end": "10:00", "slot_minutes": 90, "gap_minutes": 0,
        "table_count": 4, "time_limit_s": 10,
    }  # fmt: skip
    response = client.post(
        f"/organizer/events/{fair.event.id}/schedule/setup", data=form, follow_redirects=True
    )
    assert "does not fit in a day of 60 minutes" in response.get_data(as_text=True)


def test_interpreters_are_saved_and_nonsense_is_refused(organizer_client):
    client, fair = organizer_client
    url = f"/organizer/events/{fair.event.id}/schedule/interpreters"
    ok = client.post(url, data={"pools": "zh=6, de=2"}, follow_redirects=True)
    assert 'value="de=2, zh=6"' in ok.get_data(as_text=True)
    bad = client.post(url, data={"pools": "chinese lots"}, follow_redirects=True)
    assert "is not like" in bad.get_data(as_text=True)


def test_run_review_edit_and_publish_a_draft(organizer_client, db_session):
    client, fair = organizer_client
    version = _run(client, fair)
    base = f"/organizer/events/{fair.event.id}/schedule"
    page = client.get(f"{base}/versions/{version.id}").get_data(as_text=True)
    assert f'data-figure="scheduled">{len(fair.requests)}<' in page
    assert f'data-figure="requested">{len(fair.requests)}<' in page

    meeting = version.meetings[0]
    client.post(f"{base}/meetings/{meeting.id}/pin", data={"pinned": "1"})
    assert db_session.get(Meeting, meeting.id).pinned
    client.post(f"{base}/meetings/{meeting.id}/remove")
    db_session.expire_all()
    assert db_session.get(Meeting, meeting.id) is None

    page = client.post(f"{base}/versions/{version.id}/publish", follow_redirects=True)
    assert "is published" in page.get_data(as_text=True)
    again = client.post(f"{base}/versions/{version.id}/publish", follow_redirects=True)
    assert "was already published" in again.get_data(as_text=True)
    db_session.expire_all()
    assert fair.event.published_version_id == version.id


def test_a_second_run_while_one_is_active_is_refused(organizer_client, db_session):
    client, fair = organizer_client
    run = ScheduleRun(event_id=fair.event.id, time_limit_s=5, instance={}, progress={})
    db_session.add(run)
    db_session.commit()
    response = client.post(
        f"/organizer/events/{fair.event.id}/schedule/runs",
        data={"time_limit_s": 5},
        follow_redirects=True,
    )
    assert "already in progress" in response.get_data(as_text=True)


def test_representatives_get_403_and_foreign_ids_404(app, client, db_session, organizer_client):
    organizer, fair = organizer_client
    version = _run(organizer, fair)
    other_event = make_event()
    db_session.commit()
    missing = organizer.get(f"/organizer/events/{other_event.id}/schedule/versions/{version.id}")
    assert missing.status_code == 404

    representative = make_user(fair.companies[0])
    db_session.commit()
    other_client = app.test_client()
    other_client.post("/login", data={"email": representative.email, "password": PASSWORD})
    assert other_client.get(f"/organizer/events/{fair.event.id}/schedule/").status_code == 403


def test_scheduling_forms_need_a_csrf_token(app, db_session):
    fair = build_ready_fair()
    db_session.commit()
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    login_with_csrf(client, fair.organizer.email, PASSWORD)
    base = f"/organizer/events/{fair.event.id}/schedule"
    for path in ("/setup", "/interpreters", "/runs", "/draft"):
        assert client.post(base + path, data={}).status_code == 400, path


def test_tables_are_named_and_a_slot_can_use_fewer(organizer_client, db_session):
    client, fair = organizer_client
    base = f"/organizer/events/{fair.event.id}/schedule"
    table = db_session.scalars(select(MeetingTable).order_by(MeetingTable.number)).first()
    client.post(f"{base}/tables/{table.id}", data={"name": "Sichuan Hall 1", "zone": "A"})
    slot = db_session.scalars(select(TimeSlot).order_by(TimeSlot.starts_at)).first()
    client.post(f"{base}/slots/{slot.id}/tables", data={"table_count": "1"})
    db_session.expire_all()
    assert (table.name, table.zone) == ("Sichuan Hall 1", "A")
    capacity = {s["id"]: s["capacity"] for s in build_instance(fair.event)["slots"]}
    assert capacity[f"s{slot.id}"] == 1
    assert (
        client.post(f"{base}/slots/{slot.id}/tables", data={"table_count": "-3"}).status_code == 400
    )
    other = make_event()
    db_session.commit()
    assert (
        client.post(f"/organizer/events/{other.id}/schedule/tables/{table.id}").status_code == 404
    )
