"""Idle-gap descent (solver.gaps): moves keep every meeting, only close gaps."""

from __future__ import annotations

import math

import solver
from solver.gaps import reduce_gaps
from solver.schedule import idle_gaps
from solver.state import ScheduleState


def three_slot_instance() -> dict:
    return {
        "format": "matchmaker-instance/1",
        "slots": [{"id": f"s{k}", "day": 1, "session": "am"} for k in (1, 2, 3)],
        "participants": [{"id": "p"}, {"id": "q"}, {"id": "s"}, {"id": "x", "unavailable": ["s2"]}],
        "requests": [
            {"id": "px", "a": "p", "b": "x"},
            {"id": "pq", "a": "p", "b": "q"},
            {"id": "qs", "a": "q", "b": "s"},
        ],
    }


def test_exchange_with_partner_meeting_closes_gap():
    inst = solver.load_instance(three_slot_instance())
    state = ScheduleState(inst)
    for request, slot in ((0, 0), (1, 2), (2, 1)):  # px@s1, pq@s3, qs@s2: p waits in s2
        state.place(request, slot)
    assert idle_gaps(inst, state.slot_of) == 1
    assert reduce_gaps(state, math.inf) == 1
    assert idle_gaps(inst, state.slot_of) == 0
    assert state.slot_of.tolist() == [0, 1, 2]  # pq moved to s2, qs to s3
    assert state.n_scheduled == 3


def test_previous_slot_is_never_given_up():
    doc = three_slot_instance()
    doc["previous"] = [{"request": "qs", "slot": "s2", "table": 1}]
    inst = solver.load_instance(doc)
    state = ScheduleState(inst)
    for request, slot in ((0, 0), (1, 2), (2, 1)):
        state.place(request, slot)
    reduce_gaps(state, math.inf)
    assert state.slot_of[2] == 1
