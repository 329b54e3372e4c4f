"""Manual edits of a draft: pins survive a re-run, conflicts are refused with reasons."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from matchmaker.enums import RequestStatus
from matchmaker.errors import RuleViolation
from matchmaker.models import Participation, ScheduleRun, TimeSlot
from matchmaker.scheduling.editing import (
    add_meeting,
    draft_for_editing,
    move_meeting,
    remove_meeting,
    set_pinned,
)
from matchmaker.scheduling.operations import set_unavailable_slots
from matchmaker.scheduling.publishing import publish, version_of_run
from matchmaker.scheduling.runs import start_run
from matchmaker.scheduling.tasks import execute_run


def _draft(fair, db_session):
    run = start_run(fair.event, fair.organizer)
    db_session.commit()
    execute_run(run.id)
    return version_of_run(db_session.get(ScheduleRun, run.id))


def _slots(db_session, event):
    return db_session.scalars(
        select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
    ).all()


def _free_slot_for(draft, meeting, slots, tables=2):
    """A slot where both companies are free and a table is left (the fixture has two tables)."""
    companies = {meeting.request.from_company_id, meeting.request.to_company_id}
    busy = {
        m.slot_id
        for m in draft.meetings
        if companies & {m.request.from_company_id, m.request.to_company_id}
    }
    tables_taken = Counter(m.slot_id for m in draft.meetings if m.table_id is not None)
    return next(s for s in slots if s.id not in busy and tables_taken[s.id] < tables)


def test_a_pinned_meeting_stays_in_its_slot_when_the_scheduler_runs_again(ready_fair, db_session):
    draft = _draft(ready_fair, db_session)
    meeting = draft.meetings[0]
    target = _free_slot_for(draft, meeting, list(reversed(_slots(db_session, ready_fair.event))))
    move_meeting(meeting, target, None, ready_fair.organizer)
    set_pinned(meeting, True, ready_fair.organizer)
    db_session.commit()

    rerun = _draft(ready_fair, db_session)
    again = next(m for m in rerun.meetings if m.request_id == meeting.request_id)
    assert again.slot_id == target.id and again.pinned


def test_moving_onto_a_busy_company_or_taken_table_is_refused(ready_fair, db_session):
    draft = _draft(ready_fair, db_session)
    first = draft.meetings[0]
    company = first.request.from_company_id
    clash = next(
        m
        for m in draft.meetings
        if m is not first and company in (m.request.from_company_id, m.request.to_company_id)
    )
    with pytest.raises(RuleViolation, match="already has a meeting"):
        move_meeting(first, clash.slot, None, ready_fair.organizer)

    neighbour = next(
        m
        for m in draft.meetings
        if not {m.request.from_company_id, m.request.to_company_id}
        & {first.request.from_company_id, first.request.to_company_id}
    )
    with pytest.raises(RuleViolation, match=f"Table {neighbour.table.number} is taken"):
        move_meeting(first, neighbour.slot, neighbour.table, ready_fair.organizer)


def test_a_slot_where_one_side_is_unavailable_or_closed_is_refused(ready_fair, db_session):
    draft = _draft(ready_fair, db_session)
    meeting = draft.meetings[0]
    target = _free_slot_for(draft, meeting, _slots(db_session, ready_fair.event))
    participation = db_session.scalars(
        select(Participation).where(
            Participation.event_id == ready_fair.event.id,
            Participation.company_id == meeting.request.to_company_id,
        )
    ).one()
    set_unavailable_slots(participation, {target.id}, ready_fair.organizer)
    with pytest.raises(RuleViolation, match="is unavailable in that slot"):
        move_meeting(meeting, target, None, ready_fair.organizer)
    target.closed = True
    with pytest.raises(RuleViolation, match="The slot is closed"):
        move_meeting(meeting, target, None, ready_fair.organizer)


def test_removed_meetings_can_be_added_back_by_hand(ready_fair, db_session):
    draft = _draft(ready_fair, db_session)
    meeting = draft.meetings[0]
    request, slot = meeting.request, meeting.slot
    remove_meeting(meeting, ready_fair.organizer)
    assert request.id not in {m.request_id for m in draft.meetings}
    added = add_meeting(draft, request, slot, None, ready_fair.organizer)
    assert added.pinned and added.table is not None
    with pytest.raises(RuleViolation, match="already meet"):
        add_meeting(draft, request, slot, None, ready_fair.organizer)


def test_a_declined_request_cannot_be_added(ready_fair, db_session):
    draft = _draft(ready_fair, db_session)
    meeting = draft.meetings[0]
    request, slot = meeting.request, meeting.slot
    remove_meeting(meeting, ready_fair.organizer)
    request.status = RequestStatus.DECLINED
    with pytest.raises(RuleViolation, match=r"(?i)declined"):
        add_meeting(draft, request, slot, None, ready_fair.organizer)


def test_published_versions_are_frozen_and_edits_go_to_a_copy(ready_fair, db_session):
    draft = _draft(ready_fair, db_session)
    publish(draft, ready_fair.organizer)
    db_session.commit()
    with pytest.raises(RuleViolation, match="frozen"):
        remove_meeting(draft.meetings[0], ready_fair.organizer)
    copy = draft_for_editing(ready_fair.event, ready_fair.organizer)
    assert copy.is_draft and copy.number == draft.number + 1
    assert sorted((m.request_id, m.slot_id) for m in copy.meetings) == sorted(
        (m.request_id, m.slot_id) for m in draft.meetings
    )
    remove_meeting(copy.meetings[0], ready_fair.organizer)
    db_session.commit()
    assert len(draft.meetings) == len(copy.meetings) + 1
    assert draft_for_editing(ready_fair.event, ready_fair.organizer) is copy
