"""The review of a draft and the publication's confirmation read a fixed number of statements,
however many meetings change (no query per listed line), and list the changes by name."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select

from matchmaker.enums import RequestStatus
from matchmaker.extensions import db
from matchmaker.models import Meeting, MeetingRequest, MeetingTable, ScheduleVersion, TimeSlot
from tests.builders import build_ready_fair
from tests.factories import make_company, make_participation, sign_in_without_form


@contextmanager
def _counting():
    counter = {"n": 0}

    def count(*_args, **_kwargs):
        counter["n"] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield counter
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


class Versions:
    def __init__(self):
        self.fair = build_ready_fair()
        event_ = self.fair.event
        self.slots = list(
            db.session.scalars(
                select(TimeSlot).where(TimeSlot.event_id == event_.id).order_by(TimeSlot.starts_at)
            )
        )
        self.tables = list(
            db.session.scalars(
                select(MeetingTable)
                .where(MeetingTable.event_id == event_.id)
                .order_by(MeetingTable.number)
            )
        )
        self.published = ScheduleVersion(
            event_id=event_.id, number=1, published_at=datetime.now(UTC)
        )
        self.draft = ScheduleVersion(event_id=event_.id, number=2)
        db.session.add_all([self.published, self.draft])
        db.session.flush()
        event_.published_version_id = self.published.id
        self.added = 0
        self.names: list[str] = []

    def add_changes(self, count: int) -> None:
        """``count`` more pairs of new companies: moved, added or removed in turn, each in its
        own slot (no conflict)."""
        for i in range(self.added, self.added + count):
            a = make_company(f"Moselle Tools {i}", "DE")
            b = make_company(f"Chengdu Foods {i}", "CN")
            for company in (a, b):
                make_participation(self.fair.event, company)
            request = MeetingRequest(
                event=self.fair.event, from_company=a, to_company=b, status=RequestStatus.ACCEPTED
            )
            db.session.add(request)
            db.session.flush()
            slot = self.slots[i]
            kind = i % 3
            if kind in (0, 2):  # moved, removed: in the published version at table 1
                self.published.meetings.append(
                    Meeting(request=request, slot=slot, table=self.tables[0])
                )
            if kind in (0, 1):  # moved, added: in the draft at table 2
                self.draft.meetings.append(
                    Meeting(request=request, slot=slot, table=self.tables[1])
                )
            self.names.append(f"{a.name} – {b.name}")
        self.added += count
        db.session.commit()


@pytest.fixture
def versions(db_session) -> Versions:
    return Versions()


def _statements(client, url: str) -> tuple[int, str]:
    with _counting() as counter:
        response = client.get(url)
    assert response.status_code == 200, url
    return counter["n"], response.get_data(as_text=True)


@pytest.mark.parametrize("page", ["", "/publish"])
def test_review_and_confirmation_do_not_query_per_changed_meeting(app, versions, page):
    assert len(versions.slots) >= 12
    client = app.test_client()
    sign_in_without_form(client, versions.fair.organizer)
    url = f"/organizer/events/{versions.fair.event.id}/schedule/versions/{versions.draft.id}{page}"
    versions.add_changes(3)  # one of each kind: every bulk load runs
    before, html = _statements(client, url)
    versions.add_changes(9)
    after, html = _statements(client, url)
    assert after == before
    assert "4 added, 4 moved, 4 removed" in html
    for names in versions.names:
        assert names in html


def test_the_schedule_overview_counts_meetings_without_loading_each_version(app, versions):
    client = app.test_client()
    sign_in_without_form(client, versions.fair.organizer)
    url = f"/organizer/events/{versions.fair.event.id}/schedule/"
    versions.add_changes(6)  # published: 4 meetings, draft: 4
    before, html = _statements(client, url)
    for number in (3, 4, 5):
        extra = ScheduleVersion(event_id=versions.fair.event.id, number=number)
        extra.meetings = [
            Meeting(request_id=m.request_id, slot_id=m.slot_id, table_id=m.table_id)
            for m in versions.draft.meetings[: number - 2]
        ]
        db.session.add(extra)
    db.session.commit()
    after, html = _statements(client, url)
    assert after == before
    rows = {
        version.number: html[html.index(f">Version {version.number}<") :].split("</tr>")[0]
        for version in db.session.scalars(select(ScheduleVersion))
    }
    assert "<td>4</td>" in rows[1] and "<td>4</td>" in rows[2]
    assert "<td>1</td>" in rows[3] and "<td>3</td>" in rows[5]
