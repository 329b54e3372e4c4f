"""Saving the scheduling set-up once a schedule uses the slots (issue 8's set-up bug)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from matchmaker.models import Meeting, ScheduleSetup, ScheduleVersion, TimeSlot
from tests.builders import build_ready_fair
from tests.factories import login


@pytest.fixture
def fair_with_a_draft(client, db_session):
    """A ready fair (default grid, 2 tables, 5 s limit) whose draft holds one meeting."""
    fair = build_ready_fair()
    first_slot = db_session.scalars(
        select(TimeSlot).where(TimeSlot.event_id == fair.event.id).order_by(TimeSlot.starts_at)
    ).first()
    version = ScheduleVersion(event_id=fair.event.id, number=1)
    db_session.add(version)
    db_session.flush()
    db_session.add(Meeting(version_id=version.id, request_id=fair.requests[0].id, slot=first_slot))
    db_session.commit()
    login(client, fair.organizer)
    return fair


def _form(**changes) -> dict:
    form = {
        "day_start": "09:00", "day_end": "17:30", "lunch_start": "12:00", "lunch_end": "13:30",
        "slot_minutes": 25, "gap_minutes": 5, "table_count": 2, "online_meetings": "y",
    }  # fmt: skip
    form.update(changes)
    return form


def _slot_ids(db_session, event_id: int) -> list[int]:
    return list(db_session.scalars(select(TimeSlot.id).where(TimeSlot.event_id == event_id)))


def test_settings_off_the_grid_save_after_a_draft_exists(client, db_session, fair_with_a_draft):
    event_id = fair_with_a_draft.event.id
    slots_before = _slot_ids(db_session, event_id)
    response = client.post(
        f"/organizer/events/{event_id}/schedule/setup",
        data=_form(online_meetings="", include_pending_requests="y"),
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Set-up saved; the time slots are unchanged." in page
    assert "cannot be regenerated" not in page
    db_session.expire_all()
    setup = db_session.get(ScheduleSetup, event_id)
    assert (setup.online_meetings, setup.include_pending_requests) == (False, True)
    assert _slot_ids(db_session, event_id) == slots_before
    assert db_session.scalar(select(Meeting.id)) is not None


def test_a_new_grid_is_still_refused_and_nothing_is_saved(client, db_session, fair_with_a_draft):
    event_id = fair_with_a_draft.event.id
    slots_before = _slot_ids(db_session, event_id)
    response = client.post(
        f"/organizer/events/{event_id}/schedule/setup",
        data=_form(slot_minutes=30, include_pending_requests="y"),
        follow_redirects=True,
    )
    assert "cannot be regenerated" in response.get_data(as_text=True)
    db_session.expire_all()
    setup = db_session.get(ScheduleSetup, event_id)
    assert (setup.slot_minutes, setup.include_pending_requests) == (25, False)
    assert _slot_ids(db_session, event_id) == slots_before
