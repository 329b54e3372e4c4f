"""One winner for every race: requests fired at the same moment (threads released by a barrier)
against the app served on a loopback port, on each database backend. Each test checks that no
answer is a 5xx, that exactly one action won, and that the rows agree afterwards."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from matchmaker.accounts import operations as accounts_operations
from matchmaker.enums import EventPhase, MeetingStatus, RequestStatus, RunStatus
from matchmaker.eventday import operations as eventday_operations
from matchmaker.extensions import db
from matchmaker.mail import outbox
from matchmaker.meeting_requests import operations as requests_operations
from matchmaker.models import (
    CheckIn,
    Meeting,
    MeetingDayStatus,
    MeetingRequest,
    MeetingTable,
    OutcomeReport,
    Participation,
    ScheduleVersion,
    TimeSlot,
)
from matchmaker.models.scheduling import QUEUED_RUN_TIMEOUT
from matchmaker.outcomes import operations as outcomes_operations
from matchmaker.participations import operations as participations_operations
from matchmaker.scheduling import editing
from matchmaker.scheduling.day_plan import day_plan
from matchmaker.scheduling.operations import regenerate_slots, setup_for
from matchmaker.scheduling.runs import reap_stale_runs, start_run
from tests import factories
from tests.builders import build_published_fair, build_ready_fair
from tests.conftest import fair_day_moment
from tests.factories import (
    make_company,
    make_event,
    make_organizer,
    make_participation,
    make_user,
)
from tests.served import Browser, assert_no_server_error, hold_after_lock, race, serve

ATTEMPTS = 6  # requests fired together per race
_cheap_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def _cheap_passwords(monkeypatch):
    """The password is not what these tests are about: accounts get a cheap argon2 hash (so
    each log-in verifies cheaply too) and log-in does not re-hash it at full cost."""
    monkeypatch.setattr(factories, "hash_password", _cheap_hasher.hash)
    monkeypatch.setattr(accounts_operations, "needs_rehash", lambda _hash: False)


@pytest.fixture
def base_url(app):
    with serve(app) as url:
        yield url


def _browsers(base_url: str, email: str, count: int = ATTEMPTS) -> list[Browser]:
    """``count`` tabs of one logged-in user (one log-in for all)."""
    return Browser(base_url).login(email).tabs(count)


def _draft(event, pairs) -> ScheduleVersion:
    """A draft version holding ``pairs`` of (request, slot, table)."""
    number = (
        db.session.scalar(
            select(func.max(ScheduleVersion.number)).where(ScheduleVersion.event_id == event.id)
        )
        or 0
    ) + 1
    version = ScheduleVersion(event_id=event.id, number=number)
    version.meetings = [
        Meeting(request=request, slot=slot, table=table) for request, slot, table in pairs
    ]
    db.session.add(version)
    db.session.flush()
    return version


@pytest.fixture
def scheduling_fair(db_session):
    """An edition in its scheduling phase: four companies with a representative each, two
    accepted requests, slots and tables, and nothing published."""
    organizer = make_organizer()
    event = make_event(EventPhase.SCHEDULING)
    setup_for(event).table_count = 3
    regenerate_slots(event, organizer)
    companies = [make_company(f"Firm {i}", "DE" if i % 2 else "CN") for i in range(4)]
    for company in companies:
        make_participation(event, company)
        make_user(company)
    requests = [
        MeetingRequest(
            event=event,
            from_company=companies[0],
            to_company=companies[1],
            status=RequestStatus.ACCEPTED,
        ),
        MeetingRequest(
            event=event,
            from_company=companies[0],
            to_company=companies[3],
            status=RequestStatus.ACCEPTED,
        ),
    ]
    db.session.add_all(requests)
    db.session.flush()
    slots = list(
        db.session.scalars(
            select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
        )
    )
    tables = list(
        db.session.scalars(
            select(MeetingTable)
            .where(MeetingTable.event_id == event.id)
            .order_by(MeetingTable.number)
        )
    )
    db_session.commit()
    return {
        "organizer": organizer,
        "event": event,
        "companies": companies,
        "requests": requests,
        "slots": slots,
        "tables": tables,
    }


def test_publishing_one_draft_at_once_publishes_it_once_and_mails_once(
    app, base_url, scheduling_fair, db_session
):
    fair = scheduling_fair
    requests, slots, tables = fair["requests"], fair["slots"], fair["tables"]
    draft = _draft(
        fair["event"], [(requests[0], slots[0], tables[0]), (requests[1], slots[1], tables[0])]
    )
    db_session.commit()
    url = f"/organizer/events/{fair['event'].id}/schedule/versions/{draft.id}/publish"
    browsers = _browsers(base_url, fair["organizer"].email)
    answers = race([lambda b=b: b.post(url, {"replaces": "0"}) for b in browsers])
    assert_no_server_error(answers)
    db_session.expire_all()
    assert db_session.get(type(fair["event"]), fair["event"].id).published_version_id == draft.id
    # Three companies have a meeting, one representative each: three mails, not 3 × attempts.
    recipients = Counter(mail.to for mail in outbox(app))
    assert len(recipients) == 3 and set(recipients.values()) == {1}


def test_of_two_drafts_published_at_once_one_wins(app, base_url, scheduling_fair, db_session):
    fair = scheduling_fair
    requests, slots, tables = fair["requests"], fair["slots"], fair["tables"]
    drafts = [
        _draft(fair["event"], [(requests[0], slots[0], tables[0])]),
        _draft(fair["event"], [(requests[0], slots[1], tables[0])]),
    ]
    db_session.commit()
    event_id = fair["event"].id
    browsers = _browsers(base_url, fair["organizer"].email, count=2 * 3)
    urls = [f"/organizer/events/{event_id}/schedule/versions/{d.id}/publish" for d in drafts]
    calls = [
        lambda b=b, url=urls[i % 2]: b.post(url, {"replaces": "0"}) for i, b in enumerate(browsers)
    ]
    assert_no_server_error(race(calls))
    db_session.expire_all()
    stamped = [d for d in drafts if db_session.get(ScheduleVersion, d.id).published_at]
    assert len(stamped) == 1
    assert db_session.get(type(fair["event"]), event_id).published_version_id == stamped[0].id


def test_two_moves_into_one_slot_of_a_one_delegate_company_leave_one_meeting_there(
    base_url, scheduling_fair, db_session, monkeypatch
):
    fair = scheduling_fair
    requests, slots, tables = fair["requests"], fair["slots"], fair["tables"]
    draft = _draft(
        fair["event"], [(requests[0], slots[0], tables[0]), (requests[1], slots[1], tables[0])]
    )
    db_session.commit()
    meeting_ids = [m.id for m in draft.meetings]
    target = slots[2]
    target_id = str(target.id)
    prefix = f"/organizer/events/{fair['event'].id}/schedule/meetings"
    browsers = _browsers(base_url, fair["organizer"].email)
    hold_after_lock(monkeypatch, editing, ATTEMPTS)
    # Each meeting to a table of its own: the tables' unique constraint cannot decide, only
    # the rule "Firm 0 has one delegate" checked under the draft's lock.
    table_ids = [str(tables[0].id), str(tables[1].id)]
    calls = [
        lambda b=b, m=meeting_ids[i % 2], t=table_ids[i % 2]: b.post(
            f"{prefix}/{m}/move", {"slot_id": target_id, "table_id": t}
        )
        for i, b in enumerate(browsers)
    ]
    assert_no_server_error(race(calls))
    db_session.expire_all()
    in_target = db_session.scalars(
        select(Meeting).where(Meeting.version_id == draft.id, Meeting.slot_id == target.id)
    ).all()
    assert len(in_target) == 1  # Firm 0 has one delegate: one meeting per slot, and one moved


def test_two_rebookings_into_one_slot_on_the_day_leave_one_meeting_there(
    app, base_url, db_session, monkeypatch
):
    fair = build_published_fair()
    db_session.commit()
    alpha_requests = [fair.requests["ac"].id, fair.requests["ad"].id]  # slots 1 and 2
    target = fair.slots[3]
    target_id = str(target.id)
    prefix = f"/organizer/events/{fair.event.id}/day/meetings"
    browsers = _browsers(base_url, fair.organizer.email)
    hold_after_lock(monkeypatch, eventday_operations, ATTEMPTS)
    calls = [
        lambda b=b, r=alpha_requests[i % 2]: b.post(
            f"{prefix}/{r}/rebook", {"slot_id": target_id, "table_id": "0"}
        )
        for i, b in enumerate(browsers)
    ]
    assert_no_server_error(race(calls))
    db_session.expire_all()
    plan = day_plan(fair.event)
    alpha = fair.companies["alpha"].id
    in_target = [p for p in plan.placements if p.slot_id == target.id and alpha in p.company_ids]
    assert len(in_target) == 1


def test_two_companies_asking_each_other_at_once_end_with_one_accepted_request(
    base_url, db_session
):
    event = make_event(EventPhase.REQUESTS)
    pairs = []
    for _ in range(3):
        a, b = make_company(country="DE"), make_company(country="CN")
        make_participation(event, a)
        make_participation(event, b)
        pairs.append((a, b, make_user(a), make_user(b)))
    db_session.commit()
    calls = []
    for a, b, user_a, user_b in pairs:
        browser_a, browser_b = (
            Browser(base_url).login(user_a.email),
            Browser(base_url).login(user_b.email),
        )
        for browser, recipient in ((browser_a, b), (browser_b, a)):
            calls.append(
                lambda br=browser, url=f"/requests/new/{recipient.id}?event={event.id}": br.post(
                    url, {"priority": "normal", "message": "Shall we meet?"}
                )
            )
    assert_no_server_error(race(calls))
    db_session.expire_all()
    for a, b, _ua, _ub in pairs:
        rows = db_session.scalars(
            select(MeetingRequest).where(
                MeetingRequest.from_company_id.in_([a.id, b.id]),
                MeetingRequest.to_company_id.in_([a.id, b.id]),
            )
        ).all()
        assert [row.status for row in rows] == [RequestStatus.ACCEPTED]


def test_accept_decline_and_withdraw_together_have_one_winner(base_url, db_session, monkeypatch):
    event = make_event(EventPhase.REQUESTS)
    sender, recipient = make_company(country="DE"), make_company(country="CN")
    make_participation(event, sender)
    make_participation(event, recipient)
    sender_user, recipient_user = make_user(sender), make_user(recipient)
    request = MeetingRequest(event=event, from_company=sender, to_company=recipient)
    db.session.add(request)
    db_session.commit()
    answers_by_action = {
        "accept": _browsers(base_url, recipient_user.email, 2),
        "decline": _browsers(base_url, recipient_user.email, 2),
        "withdraw": _browsers(base_url, sender_user.email, 2),
    }
    calls, actions = [], []
    for action, browsers in answers_by_action.items():
        for browser in browsers:
            actions.append(action)
            calls.append(
                lambda b=browser, url=f"/requests/{request.id}/{action}": b.post(
                    url, {"seen": "pending"}
                )
            )
    hold_after_lock(monkeypatch, requests_operations, len(calls))
    answers = race(calls)
    assert_no_server_error(answers)
    winners = [
        action for action, answer in zip(actions, answers, strict=True) if answer.status == 302
    ]
    assert len(winners) == 1
    assert {answer.status for answer in answers} == {302, 409}
    db_session.expire_all()
    final = db_session.get(MeetingRequest, request.id).status
    expected = {"accept": "accepted", "decline": "declined", "withdraw": "withdrawn"}
    assert final.value == expected[winners[0]]


def test_a_withdrawn_request_stays_withdrawn_whatever_arrives_together(
    base_url, db_session, monkeypatch
):
    event = make_event(EventPhase.REQUESTS)
    sender, recipient = make_company(country="DE"), make_company(country="CN")
    make_participation(event, sender)
    make_participation(event, recipient)
    sender_user, recipient_user = make_user(sender), make_user(recipient)
    request = MeetingRequest(event=event, from_company=sender, to_company=recipient)
    db.session.add(request)
    db_session.commit()
    withdrawers = _browsers(base_url, sender_user.email, 3)
    accepters = _browsers(base_url, recipient_user.email, 3)
    # No "seen" status: the rules alone must keep "withdrawn" final.
    withdraw, accept = f"/requests/{request.id}/withdraw", f"/requests/{request.id}/accept"
    calls = [lambda b=b: b.post(withdraw) for b in withdrawers] + [
        lambda b=b: b.post(accept) for b in accepters
    ]
    hold_after_lock(monkeypatch, requests_operations, len(calls))
    answers = race(calls)
    assert_no_server_error(answers)
    withdrawn_ok = sum(1 for answer in answers[:3] if answer.status == 302)
    assert withdrawn_ok <= 1
    db_session.expire_all()
    if withdrawn_ok:
        assert db_session.get(MeetingRequest, request.id).status == RequestStatus.WITHDRAWN


def test_first_check_ins_at_once_record_one(base_url, db_session, clock, monkeypatch):
    fair = build_published_fair()
    db_session.commit()
    clock.set(fair_day_moment(0))  # a fair day: check-in is open
    company = fair.companies["alpha"]
    hold_after_lock(monkeypatch, eventday_operations, ATTEMPTS)
    browsers = _browsers(base_url, fair.organizer.email)
    url = f"/organizer/events/{fair.event.id}/check-in/{company.id}"
    answers = race([lambda b=b: b.post(url) for b in browsers])
    assert_no_server_error(answers)
    assert {answer.status for answer in answers} == {302}
    # What each desk was told (the flashed message on the page the answer leads to).
    told = [
        browser.get(answer.headers["Location"]).body
        for browser, answer in zip(browsers, answers, strict=True)
    ]
    checked_in = [page for page in told if f"{company.name} is checked in." in page]
    already = [page for page in told if f"{company.name} was already checked in." in page]
    assert (len(checked_in), len(already)) == (1, ATTEMPTS - 1)
    count = db_session.scalar(
        select(func.count()).select_from(CheckIn).where(CheckIn.company_id == company.id)
    )
    assert count == 1


def test_first_day_statuses_at_once_record_one_row(base_url, db_session, monkeypatch):
    fair = build_published_fair()
    db_session.commit()
    request_id = fair.requests["ac"].id
    browsers = _browsers(base_url, fair.organizer.email)
    url = f"/events/{fair.event.id}/day/meetings/{request_id}/status"
    hold_after_lock(monkeypatch, eventday_operations, ATTEMPTS)
    answers = race([lambda b=b: b.post(url, {"status": "held"}) for b in browsers])
    assert_no_server_error(answers)
    # Under the lock the later ones find the first's row and change nothing: all succeed (a
    # lost race would be a 409 from the unique constraint, however many rows are left).
    assert {answer.status for answer in answers} == {302}
    rows = db_session.scalars(
        select(MeetingDayStatus).where(MeetingDayStatus.request_id == request_id)
    ).all()
    assert [row.status for row in rows] == [MeetingStatus.HELD]


def test_first_outcome_reports_at_once_record_one_report(base_url, db_session, monkeypatch):
    fair = build_published_fair()
    alpha = fair.companies["alpha"]
    user = make_user(alpha)
    db_session.commit()
    request_id = fair.requests["ac"].id
    url = f"/events/{fair.event.id}/meetings/{alpha.id}/{request_id}/report"
    browsers = _browsers(base_url, user.email)
    answer = {"held": "yes", "interest": "4", "next_step": "none", "agreement": "none"}
    hold_after_lock(monkeypatch, outcomes_operations, ATTEMPTS)
    answers = race([lambda b=b: b.post(url, answer) for b in browsers])
    assert_no_server_error(answers)
    assert {answer.status for answer in answers} == {302}  # the later ones correct the first
    count = db_session.scalar(
        select(func.count())
        .select_from(OutcomeReport)
        .where(OutcomeReport.request_id == request_id, OutcomeReport.company_id == alpha.id)
    )
    assert count == 1


def test_edit_a_copy_at_once_makes_one_draft(base_url, db_session, monkeypatch):
    fair = build_published_fair()
    db_session.commit()
    browsers = _browsers(base_url, fair.organizer.email)
    url = f"/organizer/events/{fair.event.id}/schedule/draft"
    hold_after_lock(monkeypatch, editing, ATTEMPTS)
    answers = race([lambda b=b: b.post(url) for b in browsers])
    assert_no_server_error(answers)
    assert {answer.status for answer in answers} == {302}  # every click opens the one copy
    versions = db_session.scalar(
        select(func.count())
        .select_from(ScheduleVersion)
        .where(ScheduleVersion.event_id == fair.event.id)
    )
    assert versions == 2  # the published one and one copy


def test_first_applications_at_once_make_one_participation(base_url, db_session, monkeypatch):
    event = make_event(EventPhase.REGISTRATION)
    user = make_user()
    db_session.commit()
    url = f"/account/participations/{event.id}"
    data = {"delegates": "2", "attendance": "on_site", "days": ["2026-11-26"]}
    browsers = _browsers(base_url, user.email)
    hold_after_lock(monkeypatch, participations_operations, ATTEMPTS)
    answers = race([lambda b=b: b.post(url, data) for b in browsers])
    assert_no_server_error(answers)
    assert {answer.status for answer in answers} == {302}  # the later ones update the first
    count = db_session.scalar(
        select(func.count())
        .select_from(Participation)
        .where(Participation.company_id == user.company_id, Participation.event_id == event.id)
    )
    assert count == 1


def test_a_queued_run_whose_job_never_started_is_reaped(db_session):
    fair = build_ready_fair()
    run = start_run(fair.event, fair.organizer)
    run.created_at = datetime.now(UTC) - QUEUED_RUN_TIMEOUT * 2
    db_session.commit()
    assert reap_stale_runs(fair.event) == 1
    db_session.commit()
    db_session.expire_all()
    assert db_session.get(type(run), run.id).status == RunStatus.FAILED
    start_run(fair.event, fair.organizer)  # the edition can run again
