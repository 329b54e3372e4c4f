"""The CSV and XLSX exports of the schedule show each meeting where it stands on the fair day,
like the agenda: a rebooked meeting at its new slot and table, marked, and a cancelled one
marked."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from matchmaker.enums import MeetingStatus
from matchmaker.eventday.operations import placement_for, rebook, set_meeting_status
from matchmaker.languages.formatting import aware
from tests.builders import build_published_fair
from tests.factories import sign_in_without_form


@pytest.fixture
def changed_fair(db_session):
    fair = build_published_fair()
    plan, placement = placement_for(fair.event, fair.requests["ac"].id, fair.organizer)
    rebook(fair.event, placement, fair.slots[4], fair.tables[2], fair.organizer, plan)
    plan, placement = placement_for(fair.event, fair.requests["ad"].id, fair.organizer)
    set_meeting_status(fair.event, plan, placement, MeetingStatus.CANCELLED, fair.organizer)
    db_session.commit()
    return fair


def _by_request(rows: list[list]) -> dict[int, dict]:
    header = [str(cell) for cell in rows[0]]
    return {
        int(row[header.index("request_id")]): dict(zip(header, row, strict=True))
        for row in rows[1:]
    }


def _exports(app, fair) -> list[dict[int, dict]]:
    client = app.test_client()
    sign_in_without_form(client, fair.organizer)
    base = f"/organizer/events/{fair.event.id}/schedule/published"
    text = client.get(f"{base}.csv").data.decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(client.get(f"{base}.xlsx").data))
    return [
        _by_request(list(csv.reader(io.StringIO(text)))),
        _by_request([list(row) for row in workbook.active.iter_rows(values_only=True)]),
    ]


def test_the_exports_show_the_days_slot_and_table_and_mark_the_change(app, changed_fair):
    fair = changed_fair
    zone = ZoneInfo(fair.event.timezone)
    moved_to = aware(fair.slots[4].starts_at).astimezone(zone)
    for rows in _exports(app, fair):
        moved = rows[fair.requests["ac"].id]
        assert moved["start"] == moved_to.strftime("%H:%M")
        assert moved["date"] == moved_to.date().isoformat()
        assert str(moved["table"]) == str(fair.tables[2].number)
        assert moved["day_status"] == "moved"
        assert rows[fair.requests["ad"].id]["day_status"] == "cancelled"
        untouched = rows[fair.requests["bc"].id]
        assert untouched["day_status"] in ("", None)
        assert len(rows) == len(fair.version.meetings)
