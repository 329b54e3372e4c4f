"""Fair-day services: meeting status, rebooking, freed slots, floor view (injected now)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from werkzeug.exceptions import Forbidden, NotFound

from matchmaker.enums import MeetingStatus
from matchmaker.errors import RuleViolation
from matchmaker.eventday import operations
from matchmaker.eventday.queries import floor_view
from matchmaker.extensions import db
from matchmaker.mail import outbox
from matchmaker.scheduling.day_plan import day_plan
from tests.factories import make_user


def _placement(fair, key, actor=None):
    return operations.placement_for(fair.event, fair.requests[key].id, actor or fair.organizer)


def test_an_organizer_marks_meetings_held_no_show_and_cancelled(app, fair):
    plan, placement = _placement(fair, "ac")
    operations.set_meeting_status(fair.event, plan, placement, MeetingStatus.HELD, fair.organizer)
    plan, placement = _placement(fair, "be")
    beta = fair.companies["beta"]
    operations.set_meeting_status(
        fair.event, plan, placement, MeetingStatus.NO_SHOW, fair.organizer, beta.id
    )
    plan, placement = _placement(fair, "bc")
    operations.set_meeting_status(
        fair.event, plan, placement, MeetingStatus.CANCELLED, fair.organizer
    )
    db.session.commit()
    plan = day_plan(fair.event)
    assert plan.for_request(fair.requests["ac"].id).status == MeetingStatus.HELD
    no_show = plan.for_request(fair.requests["be"].id)
    assert no_show.status == MeetingStatus.NO_SHOW and no_show.fell_through
    assert no_show.day_status.absent_company_id == beta.id
    assert plan.for_request(fair.requests["bc"].id).status == MeetingStatus.CANCELLED
    assert {p.request_id for p in plan.meetings} == {
        fair.requests["ac"].id,
        fair.requests["ad"].id,
    }


def test_either_party_marks_its_meeting_and_nobody_else_can(app, fair):
    alpha_rep = make_user(fair.companies["alpha"])
    gamma_rep = make_user(fair.companies["gamma"])
    beta_rep = make_user(fair.companies["beta"])
    for rep in (alpha_rep, gamma_rep):
        plan, placement = _placement(fair, "ac", rep)
        operations.set_meeting_status(fair.event, plan, placement, MeetingStatus.HELD, rep)
    with pytest.raises(NotFound):
        _placement(fair, "ac", beta_rep)


def test_a_no_show_must_name_one_of_the_two_companies_and_moved_is_not_set_by_hand(app, fair):
    plan, placement = _placement(fair, "ac")
    with pytest.raises(RuleViolation):
        operations.set_meeting_status(
            fair.event,
            plan,
            placement,
            MeetingStatus.NO_SHOW,
            fair.organizer,
            fair.companies["beta"].id,
        )
    with pytest.raises(RuleViolation):
        operations.set_meeting_status(
            fair.event, plan, placement, MeetingStatus.MOVED, fair.organizer
        )


def test_a_late_arrival_is_rebooked_to_a_free_slot_with_the_conflict_rules(app, fair):
    plan, placement = _placement(fair, "ac")
    # Slot 2: Alpha meets Delta and Gamma meets Beta there.
    with pytest.raises(RuleViolation) as refused:
        operations.rebook(fair.event, placement, fair.slots[2], None, fair.organizer, plan)
    assert "Alpha GmbH already has a meeting in that slot." in refused.value.message
    assert "Gamma Chengdu already has a meeting in that slot." in refused.value.message
    operations.rebook(fair.event, placement, fair.slots[4], None, fair.organizer, plan)
    db.session.commit()
    moved = day_plan(fair.event).for_request(fair.requests["ac"].id)
    assert moved.status == MeetingStatus.MOVED
    assert moved.slot_id == fair.slots[4].id and moved.table.number == 1
    assert fair.version.meetings[0].slot_id == fair.slots[1].id  # published version untouched
    mails = outbox(app)
    assert len(mails) == 0  # nobody has a representative in this fair
    # Marked held, then the mark cleared: it is "moved" again, in its new slot.
    for status in (MeetingStatus.HELD, None):
        plan, placement = _placement(fair, "ac")
        operations.set_meeting_status(fair.event, plan, placement, status, fair.organizer)
        assert placement.day_status.status == (status or MeetingStatus.MOVED)
    assert day_plan(fair.event).for_request(fair.requests["ac"].id).slot_id == fair.slots[4].id


def test_only_organizers_rebook(app, fair):
    rep = make_user(fair.companies["alpha"])
    plan, placement = _placement(fair, "ac", rep)
    with pytest.raises(Forbidden):
        operations.rebook(fair.event, placement, fair.slots[4], None, rep, plan)


def test_a_freed_slot_suggests_unscheduled_requests_of_the_present_company(app, fair):
    plan, placement = _placement(fair, "be")
    assert operations.replacement_candidates(fair.event, plan, placement) == []  # not freed
    operations.set_meeting_status(
        fair.event,
        plan,
        placement,
        MeetingStatus.NO_SHOW,
        fair.organizer,
        fair.companies["beta"].id,
    )
    plan, placement = _placement(fair, "be")
    candidates = operations.replacement_candidates(fair.event, plan, placement)
    assert [(r.id, t.number) for r, t in candidates] == [(fair.requests["ae"].id, 1)]
    make_user(fair.companies["alpha"], email="alpha@example.com")
    operations.book_into_slot(fair.event, fair.requests["ae"], placement.slot, fair.organizer, plan)
    db.session.commit()
    booked = day_plan(fair.event).for_request(fair.requests["ae"].id)
    assert booked.booked_on_day and booked.slot_id == fair.slots[0].id
    assert booked.status is None and booked.table.number == 1
    assert [m.to for m in outbox(app)] == ["alpha@example.com"]
    # Booked: it is no longer a candidate, and booking it again is refused.
    plan, placement = _placement(fair, "be")
    assert operations.replacement_candidates(fair.event, plan, placement) == []
    with pytest.raises(RuleViolation):
        operations.book_into_slot(
            fair.event, fair.requests["ae"], fair.slots[5], fair.organizer, plan
        )


def test_nobody_is_suggested_when_neither_side_came(app, fair):
    plan, placement = _placement(fair, "be")
    operations.set_meeting_status(
        fair.event, plan, placement, MeetingStatus.NO_SHOW, fair.organizer, None
    )
    plan, placement = _placement(fair, "be")
    assert operations.replacement_candidates(fair.event, plan, placement) == []


def test_a_cancelled_meeting_cannot_come_back_once_its_slot_is_taken(app, fair):
    plan, placement = _placement(fair, "be")
    operations.set_meeting_status(
        fair.event, plan, placement, MeetingStatus.CANCELLED, fair.organizer
    )
    plan, placement = _placement(fair, "be")
    operations.book_into_slot(fair.event, fair.requests["ae"], placement.slot, fair.organizer, plan)
    # Epsilon now meets Alpha in that slot: the cancelled meeting cannot come back there.
    for status in (None, MeetingStatus.HELD):
        plan, placement = _placement(fair, "be")
        with pytest.raises(RuleViolation) as refused:
            operations.set_meeting_status(fair.event, plan, placement, status, fair.organizer)
        assert "Epsilon Ltd already has a meeting in that slot." in refused.value.message
    # A no-show stays a no-show (another way of falling through) without any check.
    plan, placement = _placement(fair, "be")
    operations.set_meeting_status(
        fair.event, plan, placement, MeetingStatus.NO_SHOW, fair.organizer, None
    )


def test_the_floor_view_follows_the_injected_clock(app, fair):
    plan, placement = _placement(fair, "be")
    operations.set_meeting_status(
        fair.event,
        plan,
        placement,
        MeetingStatus.NO_SHOW,
        fair.organizer,
        fair.companies["epsilon"].id,
    )
    plan, placement = _placement(fair, "ad")
    operations.set_meeting_status(fair.event, plan, placement, MeetingStatus.HELD, fair.organizer)
    db.session.commit()
    slot = fair.slots[2]
    during = floor_view(fair.event, slot.starts_at + timedelta(minutes=3))
    assert during.running and during.slot.id == slot.id
    assert [p.request_id for p in during.tables] == [
        fair.requests["ad"].id,
        fair.requests["bc"].id,
    ]
    assert during.no_show_count == 1 and during.held == 1
    before = floor_view(fair.event, fair.slots[0].starts_at - timedelta(hours=1))
    assert not before.running and before.slot.id == fair.slots[0].id
    # the counters count what was marked, whatever time the floor is shown at
    assert before.no_show_count == 1 and before.held == 1


def test_a_remote_company_is_booked_online_with_its_video_link(app, fair):
    from matchmaker.enums import AttendanceMode

    epsilon = operations.participation_of(fair.event, fair.companies["epsilon"])
    epsilon.attendance = AttendanceMode.REMOTE
    plan, placement = _placement(fair, "be")
    operations.set_meeting_status(
        fair.event, plan, placement, MeetingStatus.CANCELLED, fair.organizer
    )
    plan, freed = _placement(fair, "be")
    [(request, table)] = operations.replacement_candidates(fair.event, plan, freed)
    assert request.id == fair.requests["ae"].id and table is None
    operations.book_into_slot(fair.event, request, freed.slot, fair.organizer, plan)
    booked = day_plan(fair.event).for_request(request.id)
    assert booked.table is None and booked.where == "Online"
    assert (
        booked.video_link
        and booked.video_link == day_plan(fair.event).for_request(request.id).video_link
    )
