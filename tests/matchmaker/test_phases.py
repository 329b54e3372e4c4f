"""Phase rules (``matchmaker.phases``), one test per action: each is refused outside its phase
or window with a message naming what allows it, and accepted inside it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from matchmaker import phases
from matchmaker.enums import EventPhase, MeetingStatus, RequestStatus
from matchmaker.errors import RuleViolation
from matchmaker.eventday import operations as day
from matchmaker.extensions import db
from matchmaker.meeting_requests import operations as requests
from matchmaker.models import DayStatusChange, OutcomeChange, ScheduleRun
from matchmaker.outcomes import operations as outcomes
from matchmaker.outcomes.operations import OutcomeData
from matchmaker.scheduling.publishing import publish, version_of_run
from matchmaker.scheduling.runs import start_run
from matchmaker.scheduling.tasks import execute_run
from tests.builders import build_published_fair, build_ready_fair
from tests.conftest import fair_day_moment
from tests.factories import make_user

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def fair(db_session):
    built = build_published_fair()
    db_session.commit()
    return built


def _placement(fair, key, actor):
    return day.placement_for(fair.event, fair.requests[key].id, actor)


def _mark(fair, key, status, actor):
    plan, placement = _placement(fair, key, actor)
    return day.set_meeting_status(fair.event, plan, placement, status, actor)


def _report(fair, company_key, request_key, actor):
    placement, company = outcomes.reportable_placement(
        fair.event, fair.requests[request_key].id, fair.companies[company_key].id, actor
    )
    return outcomes.save_report(fair.event, placement, company, OutcomeData(held=True), actor)


# --- requests ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phase", [EventPhase.REGISTRATION, EventPhase.SCHEDULING, EventPhase.PUBLISHED]
)
def test_requests_are_sent_and_answered_only_in_the_request_phase(app, fair, phase):
    fair.event.phase = phase
    alpha, beta = fair.companies["alpha"], fair.companies["beta"]
    with pytest.raises(RuleViolation, match="“Meeting requests”"):
        requests.send_request(make_user(alpha), fair.event, alpha, beta)
    pending = fair.requests["eb"]
    with pytest.raises(RuleViolation, match="“Meeting requests”"):
        requests.accept_request(fair.organizer, pending)
    fair.event.phase = EventPhase.REQUESTS
    sent = requests.send_request(make_user(alpha), fair.event, alpha, beta)
    assert sent.status == RequestStatus.PENDING


# --- runs and publishing -------------------------------------------------------------------


def _solve(fair):
    run = start_run(fair.event, fair.organizer)
    db.session.commit()
    execute_run(run.id)
    return version_of_run(db.session.get(ScheduleRun, run.id))


def test_a_run_in_the_request_phase_is_a_preview_that_cannot_be_published(app, db_session):
    ready = build_ready_fair()
    ready.event.phase = EventPhase.REQUESTS
    db.session.commit()
    version = _solve(ready)
    run = db.session.get(ScheduleRun, version.run_id)
    assert run.preview is True
    ready.event.phase = EventPhase.SCHEDULING  # requests closed since: still a preview
    with pytest.raises(RuleViolation, match=r"preview.*“Scheduling”"):
        publish(version, ready.organizer)
    db.session.rollback()
    assert ready.event.published_version_id is None


def test_publishing_is_refused_in_the_request_phase_and_moves_scheduling_to_published(
    app, db_session
):
    ready = build_ready_fair()
    db.session.commit()
    version = _solve(ready)
    assert db.session.get(ScheduleRun, version.run_id).preview is False
    ready.event.phase = EventPhase.REQUESTS
    with pytest.raises(RuleViolation, match="“Scheduling” or “Schedule published”"):
        publish(version, ready.organizer)
    ready.event.phase = EventPhase.SCHEDULING
    assert publish(version, ready.organizer) is True
    assert ready.event.phase == EventPhase.PUBLISHED


@pytest.mark.parametrize("phase", [EventPhase.REGISTRATION, EventPhase.CLOSED])
def test_the_scheduler_does_not_run_before_requests_or_after_the_fair(app, db_session, phase):
    ready = build_ready_fair()
    ready.event.phase = phase
    with pytest.raises(RuleViolation, match="“Meeting requests” or “Scheduling”"):
        start_run(ready.event, ready.organizer)


# --- check-in ------------------------------------------------------------------------------


def test_check_in_opens_on_the_fairs_days_in_the_venues_time_zone(app, fair, clock):
    alpha = fair.companies["alpha"]
    clock.set(fair_day_moment(day=-8))
    with pytest.raises(RuleViolation, match="fair's days only, Nov 26, 2026 to Nov 27, 2026"):
        day.check_in(fair.event, alpha, fair.organizer)
    # 23:59 on the eve in Chengdu is already 26 Nov in some zones, not at the venue
    clock.set(datetime(2026, 11, 25, 23, 59, tzinfo=SHANGHAI))
    with pytest.raises(RuleViolation):
        day.check_in(fair.event, alpha, fair.organizer)
    clock.set(datetime(2026, 11, 26, 0, 1, tzinfo=SHANGHAI))  # 25 Nov 16:01 UTC
    _row, created = day.check_in(fair.event, alpha, fair.organizer)
    assert created
    clock.set(datetime(2026, 11, 28, 0, 1, tzinfo=SHANGHAI))
    with pytest.raises(RuleViolation):
        day.check_in(fair.event, fair.companies["beta"], fair.organizer)


# --- day statuses --------------------------------------------------------------------------


def test_nobody_marks_a_meeting_held_before_the_fair(app, fair, clock):
    rep = make_user(fair.companies["alpha"])
    clock.set(fair_day_moment(day=-8))
    for actor in (rep, fair.organizer):
        for status in (MeetingStatus.HELD, MeetingStatus.NO_SHOW):
            with pytest.raises(RuleViolation, match="on the fair's days, from Nov 26, 2026"):
                _mark(fair, "ac", status, actor)


def test_a_company_announces_a_cancellation_before_the_fair(app, fair, clock):
    clock.set(fair_day_moment(day=-8))
    row = _mark(fair, "ac", MeetingStatus.CANCELLED, make_user(fair.companies["alpha"]))
    assert row.status == MeetingStatus.CANCELLED


def test_after_the_fair_only_organizers_correct_a_status_with_the_audit_trail(app, fair, clock):
    rep = make_user(fair.companies["alpha"])
    clock.set(fair_day_moment(day=1))
    _mark(fair, "ac", MeetingStatus.HELD, rep)
    clock.set(fair_day_moment(day=2))
    with pytest.raises(RuleViolation, match="only the organizers can correct"):
        _mark(fair, "ac", MeetingStatus.NO_SHOW, rep)
    _mark(fair, "ac", MeetingStatus.NO_SHOW, fair.organizer)
    db.session.commit()
    trail = db.session.scalars(
        db.select(DayStatusChange)
        .where(DayStatusChange.request_id == fair.requests["ac"].id)
        .order_by(DayStatusChange.id)
    ).all()
    assert [(c.field, c.old_value, c.new_value, c.late, c.changed_by_id) for c in trail] == [
        ("status", None, "held", False, rep.id),
        ("status", "held", "no_show", True, fair.organizer.id),
    ]


def test_closing_the_edition_ends_the_companies_window(app, fair, clock):
    clock.set(fair_day_moment(day=1))
    fair.event.phase = EventPhase.CLOSED
    with pytest.raises(RuleViolation):
        _mark(fair, "ac", MeetingStatus.HELD, make_user(fair.companies["alpha"]))
    assert _mark(fair, "ac", MeetingStatus.HELD, fair.organizer).status == MeetingStatus.HELD


# --- outcome reports -----------------------------------------------------------------------


def test_outcome_reports_open_on_the_first_fair_day(app, fair, clock):
    rep = make_user(fair.companies["alpha"])
    clock.set(fair_day_moment(day=-8))
    for actor in (rep, fair.organizer):
        with pytest.raises(RuleViolation, match="open on the first day of the fair, Nov 26, 2026"):
            _report(fair, "alpha", "ac", actor)
    clock.set(fair_day_moment(day=0, hour=18))
    report, changed = _report(fair, "alpha", "ac", rep)
    assert report.held is True and changed


def test_outcome_reports_stay_open_for_the_configured_period(app, fair, clock):
    rep = make_user(fair.companies["alpha"])
    fair.event.outcome_report_days = 10  # last fair day 27 Nov: open until 7 Dec included
    clock.set(datetime(2026, 12, 7, 23, 30, tzinfo=SHANGHAI))
    _report(fair, "alpha", "ac", rep)
    clock.set(datetime(2026, 12, 8, 0, 30, tzinfo=SHANGHAI))
    with pytest.raises(RuleViolation, match="closed on Dec 7, 2026"):
        _report(fair, "alpha", "ad", rep)
    report, _changed = _report(fair, "alpha", "ad", fair.organizer)
    db.session.commit()
    changes = db.session.scalars(
        db.select(OutcomeChange).where(OutcomeChange.report_id == report.id)
    ).all()
    assert changes and all(c.late and c.on_behalf for c in changes)


def test_windows_follow_the_venues_time_zone(app, db_session):
    event = build_published_fair().event
    event.timezone = "Europe/Paris"
    window = phases.fair_days(event)
    assert window.opens == datetime(2026, 11, 25, 23, 0, tzinfo=ZoneInfo("UTC"))
    assert window.closes - window.opens == timedelta(days=2)
    assert phases.outcome_window(event).closes == window.closes + timedelta(days=30)
