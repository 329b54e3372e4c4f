"""The schedule editor: a filtered, paginated grid with free capacity, a meeting's panel that
offers only the slots the conflict rules accept, edits answered as page fragments, and undo."""

from __future__ import annotations

import json
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Meeting, ScheduleVersion
from matchmaker.scheduling.editing import draft_for_editing
from tests.builders import build_published_fair
from tests.factories import login


@pytest.fixture
def draft(db_session):
    fair = build_published_fair()
    copy = draft_for_editing(fair.event, fair.organizer)
    db_session.commit()
    return fair, copy


def _client(app, fair):
    client = app.test_client()
    login(client, fair.organizer)
    return client


def _editor(fair, version):
    return f"/organizer/events/{fair.event.id}/schedule/versions/{version.id}/editor"


def _meeting(version, request):
    return db.session.scalar(
        select(Meeting).where(Meeting.version_id == version.id, Meeting.request_id == request.id)
    )


def test_editing_a_copy_of_the_published_schedule_copies_every_meeting(app, draft):
    fair, copy = draft
    before = {(m.request_id, m.slot_id, m.table_id) for m in fair.version.meetings}
    after = {
        (m.request_id, m.slot_id, m.table_id)
        for m in db.session.get(ScheduleVersion, copy.id).meetings
    }
    assert before == after and copy.is_draft


def test_the_grid_shows_a_day_of_slots_by_table_with_free_capacity(app, draft):
    fair, copy = draft
    page = _client(app, fair).get(_editor(fair, copy)).get_data(as_text=True)
    first = fair.slots[0]
    assert f'id="cap-{first.id}"' in page and "2 of 3 tables free" in page
    ac = _meeting(copy, fair.requests["ac"])
    assert f'id="cell-{ac.slot_id}-t{ac.table_id}"' in page
    assert "Alpha GmbH – Gamma Chengdu" in page
    assert "09:00" in page and "T01:00" not in page
    assert "/static/js/editor.js" in page and "<script>" not in page


def test_the_grid_filters_by_company_and_pages_rows(app, draft):
    fair, copy = draft
    client = _client(app, fair)
    page = client.get(_editor(fair, copy) + "?view=companies&q=gamma").get_data(as_text=True)
    gamma = fair.companies["gamma"]
    assert f'data-row="c{gamma.id}"' in page
    assert f'data-row="c{fair.companies["alpha"].id}"' not in page
    bad = client.get(_editor(fair, copy) + "?view=nope&page=%C2%B2&day=x")
    assert bad.status_code == 200


def test_the_panel_offers_only_free_slots_and_says_why_not_the_others(app, draft):
    fair, copy = draft
    ac = _meeting(copy, fair.requests["ac"])  # Alpha–Gamma; Alpha and Gamma meet in slot 2
    page = _client(app, fair).get(_editor(fair, copy) + f"?meeting={ac.id}").get_data(as_text=True)
    offered = page[
        page.index('id="move-slot"') : page.index("</select>", page.index('id="move-slot"'))
    ]
    assert f'value="{fair.slots[2].id}"' not in offered
    assert f'value="{fair.slots[3].id}"' in offered
    assert "Alpha GmbH already has a meeting in that slot." in page


def test_the_panel_shows_times_in_the_venues_zone_and_a_companys_own_where_it_differs(app, draft):
    fair, copy = draft  # venue in Asia/Shanghai; Alpha is German, Gamma Chinese
    ac = _meeting(copy, fair.requests["ac"])
    page = _client(app, fair).get(_editor(fair, copy) + f"?meeting={ac.id}").get_data(as_text=True)
    select_ = page.index('id="move-slot"')
    option = page[page.index(f'value="{fair.slots[3].id}"', select_) :]
    option = option[: option.index("</option>")]
    starts = fair.slots[3].starts_at.replace(tzinfo=UTC)
    venue = starts.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%H:%M")
    berlin = starts.astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M")
    assert venue != berlin
    assert (
        venue in option
        and f"Alpha GmbH: {starts.astimezone(ZoneInfo('Europe/Berlin')):%a} {berlin}" in option
    )
    assert "Gamma Chengdu:" not in option  # the venue's own zone is not repeated
    zones = page[page.index("data-zones") : page.index("</p>", page.index("data-zones"))]
    assert "China Time" in zones and "Alpha GmbH’s own time: Central European" in zones


def test_a_move_answers_with_the_changed_cells_and_undo_puts_it_back(app, draft):
    fair, copy = draft
    client = _client(app, fair)
    ac = _meeting(copy, fair.requests["ac"])
    old_slot, old_table = ac.slot_id, ac.table_id
    target = fair.slots[4]
    back = _editor(fair, copy) + "?view=tables"
    response = client.post(
        f"/organizer/events/{fair.event.id}/schedule/meetings/{ac.id}/move",
        data={"slot_id": target.id, "table_id": 0, "back": back},
        headers={"X-Editor": "1"},
    )
    answer = json.loads(response.get_data(as_text=True))
    assert response.status_code == 200 and answer["ok"]
    moved = db.session.get(Meeting, ac.id)
    db.session.refresh(moved)
    assert moved.slot_id == target.id
    new_cell = f"cell-{target.id}-t{moved.table_id}"
    assert "Alpha GmbH – Gamma Chengdu" in answer["cells"][new_cell]
    assert "Alpha GmbH" not in answer["cells"][f"cell-{old_slot}-t{old_table}"]
    assert f"cap-{target.id}" in answer["capacity"] and 'id="undo"' in answer["panel"]
    undone = client.post(
        f"/organizer/events/{fair.event.id}/schedule/versions/{copy.id}/undo",
        data={"back": back},
        headers={"X-Editor": "1"},
    )
    assert undone.status_code == 200 and json.loads(undone.get_data(as_text=True))["ok"]
    db.session.refresh(moved)
    assert (moved.slot_id, moved.table_id) == (old_slot, old_table)


def test_a_refused_move_writes_nothing_and_says_why(app, draft):
    fair, copy = draft
    client = _client(app, fair)
    ac = _meeting(copy, fair.requests["ac"])
    busy = fair.slots[2]  # Alpha meets Delta there
    response = client.post(
        f"/organizer/events/{fair.event.id}/schedule/meetings/{ac.id}/move",
        data={"slot_id": busy.id, "table_id": 0},
        headers={"X-Editor": "1"},
    )
    assert response.status_code == 409
    assert (
        "Alpha GmbH already has a meeting" in json.loads(response.get_data(as_text=True))["message"]
    )
    db.session.expire_all()
    assert db.session.get(Meeting, ac.id).slot_id == fair.slots[1].id


def test_without_javascript_an_edit_returns_to_the_editor_with_its_filters(app, draft):
    fair, copy = draft
    client = _client(app, fair)
    ac = _meeting(copy, fair.requests["ac"])
    back = _editor(fair, copy) + "?view=companies&page=1"
    response = client.post(
        f"/organizer/events/{fair.event.id}/schedule/meetings/{ac.id}/pin",
        data={"pinned": "1", "back": back},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(back)
    elsewhere = client.post(
        f"/organizer/events/{fair.event.id}/schedule/meetings/{ac.id}/pin",
        data={"pinned": "0", "back": "https://evil.example/"},
    )
    assert elsewhere.headers["Location"].endswith(_editor(fair, copy))


def test_publishing_asks_first_and_states_who_is_told(app, draft):
    fair, copy = draft
    client = _client(app, fair)
    ac = _meeting(copy, fair.requests["ac"])
    client.post(
        f"/organizer/events/{fair.event.id}/schedule/meetings/{ac.id}/move",
        data={"slot_id": fair.slots[4].id, "table_id": 0},
    )
    page = client.get(
        f"/organizer/events/{fair.event.id}/schedule/versions/{copy.id}/publish"
    ).get_data(as_text=True)
    assert 'data-notified="2"' in page  # Alpha and Gamma: their meeting moved
    assert "Publish version 2: 2 companies get an e-mail" in page
    assert "Alpha GmbH – Gamma Chengdu" in page  # the difference, on the same page
    assert "Publish and notify 2 companies" in page
