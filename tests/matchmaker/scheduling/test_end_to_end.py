"""The whole scheduling path through the test client, with each job runner:
set up, fill availability, run, review, pin, publish, agendas, late cancellation, re-plan.

Two users browse at once here, so the test holds no application context across requests
(Flask-Login caches the user on the app context); database reads happen in short contexts.
"""

from __future__ import annotations

import csv
import io
import time

import pytest
from icalendar import Calendar
from sqlalchemy import select

from matchmaker import jobs
from matchmaker.extensions import db
from matchmaker.models import Participation, ScheduleRun, ScheduleVersion, TimeSlot
from tests.builders import build_ready_fair
from tests.conftest import REDIS_URL
from tests.factories import login, make_user

RUNNERS = ["in_process"] + (["redis"] if REDIS_URL else [])


def _run_and_wait(app, client, base: str, kind: str) -> int:
    response = client.post(f"{base}/runs", data={"time_limit_s": 5, "kind": kind})
    assert response.status_code == 302, response.get_data(as_text=True)
    run_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    if app.config.get("REDIS_URL"):
        jobs.run_worker(app, burst=True)  # the separate worker's job, done here
    for _ in range(120):
        data = client.get(f"{base}/runs/{run_id}/progress.json").get_json()
        if not data["active"]:
            break
        time.sleep(0.5)
    assert data["status"] == "succeeded", data
    with app.app_context():
        return db.session.scalar(select(ScheduleVersion.id).where(ScheduleVersion.run_id == run_id))


def _placements(app, version_id: int) -> dict[int, tuple[int, int, int, bool]]:
    """request id -> (slot id, company a, company b, pinned) of a version's meetings."""
    with app.app_context():
        version = db.session.get(ScheduleVersion, version_id)
        return {
            m.request_id: (
                m.slot_id,
                m.request.from_company_id,
                m.request.to_company_id,
                m.pinned,
            )
            for m in version.meetings
        }


def _of(placements, company_id: int) -> dict:
    return {r: p for r, p in placements.items() if company_id in p[1:3]}


@pytest.mark.parametrize("runner", RUNNERS)
def test_from_set_up_to_a_re_planned_published_schedule(request, app, runner):
    if runner == "redis":
        request.getfixturevalue("redis_app")
    with app.app_context():
        fair = build_ready_fair(companies=8, tables=3)
        representative = make_user(fair.companies[1])
        db.session.commit()
        event_id, own = fair.event.id, fair.companies[1].id
        company_ids = [c.id for c in fair.companies]
        organizer_email, representative_email = fair.organizer.email, representative.email
    organizer = app.test_client()
    login(organizer, organizer_email)
    company_client = app.test_client()
    login(company_client, representative_email)
    base = f"/organizer/events/{event_id}/schedule"

    setup = {
        "day_start": "09:00", "day_end": "12:00", "slot_minutes": 25, "gap_minutes": 5,
        "table_count": 3, "time_limit_s": 10,
    }  # fmt: skip
    assert organizer.post(f"{base}/setup", data=setup).status_code == 302
    assert organizer.post(f"{base}/interpreters", data={"pools": "zh=1"}).status_code == 302
    with app.app_context():
        first_slot = db.session.scalars(
            select(TimeSlot.id).where(TimeSlot.event_id == event_id).order_by(TimeSlot.starts_at)
        ).first()
    saved = company_client.post(
        f"/events/{event_id}/availability", data={"unavailable": [first_slot]}
    )
    assert saved.status_code == 302

    draft = _run_and_wait(app, organizer, base, "solve")
    placements = _placements(app, draft)
    page = organizer.get(f"{base}/versions/{draft}").get_data(as_text=True)
    assert f'data-figure="scheduled">{len(placements)}<' in page
    assert all(slot != first_slot for slot, *_ in _of(placements, own).values())

    kept_request = next(iter(_of(placements, own)))
    with app.app_context():
        kept_meeting = db.session.scalar(
            select(ScheduleVersion).where(ScheduleVersion.id == draft)
        ).meetings
        kept_id = next(m.id for m in kept_meeting if m.request_id == kept_request)
    organizer.post(f"{base}/meetings/{kept_id}/pin", data={"pinned": "1"})
    published = organizer.post(f"{base}/versions/{draft}/publish", follow_redirects=True)
    assert "is published" in published.get_data(as_text=True)

    mine = _of(placements, own)
    agenda = company_client.get(f"/events/{event_id}/agenda/{own}").get_data(as_text=True)
    assert agenda.count("data-request=") == len(mine)
    ics = company_client.get(f"/events/{event_id}/agenda/{own}.ics").data
    assert len(list(Calendar.from_ical(ics).walk("VEVENT"))) == len(mine)
    assert company_client.get(f"/events/{event_id}/agenda/{own}.pdf").data.startswith(b"%PDF")

    # A company cannot come: the organizer rejects its participation and re-plans.
    kept_pair = set(placements[kept_request][1:3])
    gone = next(c for c in company_ids if c != own and c not in kept_pair and _of(placements, c))
    with app.app_context():
        participation = db.session.scalar(
            select(Participation.id).where(
                Participation.event_id == event_id, Participation.company_id == gone
            )
        )
    organizer.post(f"/organizer/participations/{participation}/reject")
    replanned = _run_and_wait(app, organizer, base, "replan")
    after = _placements(app, replanned)
    page = organizer.get(f"{base}/versions/{replanned}").get_data(as_text=True)
    assert f"{len(_of(placements, gone))} removed" in page
    assert _of(after, gone) == {}
    assert after[kept_request][0] == placements[kept_request][0] and after[kept_request][3]
    organizer.post(f"{base}/versions/{replanned}/publish")

    exported = organizer.get(f"{base}/published.csv").data.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(exported)))) == len(after) + 1
    with app.app_context():
        run = db.session.scalar(select(ScheduleRun).order_by(ScheduleRun.id.desc()))
        assert len(run.instance["previous"]) == len(placements)
