"""Property: over random edits of a draft, the editor's free-slot offer for every meeting (and
for an unscheduled request) is exactly the set of slots the conflict checker accepts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import (
    CompanyLanguage,
    InterpreterPool,
    Meeting,
    Participation,
    SlotUnavailability,
)
from matchmaker.scheduling import editing
from matchmaker.scheduling.occupancy import Occupancy
from tests.builders import build_published_fair

SLOTS = 12  # the first slots of the fair's first day are enough to crowd it

operations = st.lists(
    st.one_of(
        st.tuples(st.just("move"), st.integers(0, 10), st.integers(0, SLOTS - 1)),
        st.tuples(st.just("remove"), st.integers(0, 10), st.just(0)),
        st.tuples(st.just("add"), st.integers(0, 10), st.integers(0, SLOTS - 1)),
        st.tuples(st.just("unavailable"), st.integers(0, 4), st.integers(0, SLOTS - 1)),
        st.tuples(st.just("tables"), st.integers(0, 3), st.integers(0, SLOTS - 1)),
        st.tuples(st.just("close"), st.just(0), st.integers(0, SLOTS - 1)),
        st.tuples(st.just("delegates"), st.integers(0, 4), st.integers(1, 2)),
    ),
    max_size=8,
)


@pytest.fixture
def crowded(db_session):
    """The published fair's draft, with Gamma and Delta speaking only Chinese (one interpreter
    per slot) so that interpreters are a constraint too."""
    fair = build_published_fair()
    for key in ("gamma", "delta"):
        fair.companies[key].language_links = [CompanyLanguage(language="zh")]
    db.session.add(InterpreterPool(event_id=fair.event.id, language="zh", per_slot=1))
    draft = editing.draft_for_editing(fair.event, fair.organizer)
    db_session.commit()
    return fair, draft


def _apply(fair, draft, operation) -> None:
    kind, index, slot_index = operation
    slots = fair.slots[:SLOTS]
    companies = [fair.companies[k] for k in ("alpha", "beta", "gamma", "delta", "epsilon")]
    meetings = list(
        db.session.scalars(
            select(Meeting).where(Meeting.version_id == draft.id).order_by(Meeting.id)
        )
    )
    try:
        if kind == "move" and meetings:
            editing.move_meeting(
                meetings[index % len(meetings)], slots[slot_index], None, fair.organizer
            )
        elif kind == "remove" and meetings:
            editing.remove_meeting(meetings[index % len(meetings)], fair.organizer)
        elif kind == "add":
            requests = [fair.requests[k] for k in ("ac", "ad", "bc", "be", "ae", "eb")]
            editing.add_meeting(
                draft, requests[index % len(requests)], slots[slot_index], None, fair.organizer
            )
        elif kind == "unavailable":
            participation = _participation(fair, companies[index])
            key = (participation.id, slots[slot_index].id)
            row = db.session.get(SlotUnavailability, key)
            if row is None:
                db.session.add(SlotUnavailability(participation_id=key[0], slot_id=key[1]))
            else:
                db.session.delete(row)
        elif kind == "tables":
            slots[slot_index].table_count = index if index < 3 else None
        elif kind == "close":
            slots[slot_index].closed = not slots[slot_index].closed
        elif kind == "delegates":
            _participation(fair, companies[index]).delegates = slot_index
        db.session.flush()
    except RuleViolation:
        db.session.rollback()


def _participation(fair, company) -> Participation:
    return db.session.scalar(
        select(Participation).where(
            Participation.event_id == fair.event.id, Participation.company_id == company.id
        )
    )


def _accepted(draft, request, meeting, slots) -> set[int]:
    accepted = set()
    for slot in slots:
        try:
            editing._place(draft, request, slot, None, ignoring=meeting)
        except RuleViolation:
            continue
        accepted.add(slot.id)
    return accepted


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=operations)
def test_the_free_slot_offer_equals_what_the_conflict_checker_accepts(app, crowded, edits):
    fair, draft = crowded
    for operation in edits:
        _apply(fair, draft, operation)
    occupancy = Occupancy.of(draft)
    for meeting in db.session.scalars(select(Meeting).where(Meeting.version_id == draft.id)):
        moving = next(r for r in occupancy.rows if r.meeting_id == meeting.id)
        offered = {o.slot.id for o in occupancy.offers(meeting.request, moving) if o.free}
        assert offered == _accepted(draft, meeting.request, meeting, occupancy.slots)
    unscheduled = fair.requests["ae"]
    if not any(r.request_id == unscheduled.id for r in occupancy.rows):
        offered = {o.slot.id for o in occupancy.offers(unscheduled, None) if o.free}
        assert offered == _accepted(draft, unscheduled, None, occupancy.slots)
    db.session.rollback()
