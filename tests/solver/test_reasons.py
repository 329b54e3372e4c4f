"""Reasons as data: one small instance per ``why`` code, asserting the code and the ids."""

from __future__ import annotations

import solver
from solver.instance import load_instance
from solver.reasons import unscheduled_reason
from solver.state import ScheduleState
from tests.solver.test_engine import instance

AM = [("s1", "am", 5), ("s2", "am", 5), ("s3", "pm", 5)]
ONE = [("s1", "am", 5)]


def solve(inst: dict) -> dict:
    return solver.solve(inst, time_limit=5, seed=0)


def why_of(result: dict, request: str) -> dict:
    (entry,) = [u for u in result["unscheduled"] if u["request"] == request]
    assert entry["reason"].strip()
    return entry["why"]


def ids(why: dict) -> tuple:
    return why["code"], why["participants"], why["slots"], why["languages"]


def test_a_session_no_slot_has_is_unscheduled_not_refused():
    reqs = [{"a": "a", "b": "b", "session": "evening"}, {"a": "a", "b": "c"}]
    result = solve(instance(AM, ["a", "b", "c"], reqs))
    assert result["stats"]["status"] == "OPTIMAL"
    assert [m["request"] for m in result["meetings"]] == ["r2"]
    assert ids(why_of(result, "r1")) == ("session_has_no_slot", ["a", "b"], [], [])
    assert "evening" in result["unscheduled"][0]["reason"]


def test_a_required_request_in_a_missing_session_is_an_infeasible_core_of_one():
    reqs = [{"a": "a", "b": "b", "session": "evening", "required": True}]
    result = solve(instance(AM, ["a", "b"], reqs))
    assert result["stats"]["status"] == "INFEASIBLE"
    assert ids(result["stats"]["why"]) == ("session_has_no_slot", ["a", "b"], [], [])
    assert result["stats"]["why"]["requests"] == ["r1"]
    assert why_of(result, "r1") == result["stats"]["why"]


def test_no_common_slot():
    people = [{"id": "a", "unavailable": ["s1"]}, {"id": "b", "unavailable": ["s2", "s3"]}]
    result = solve(instance(AM, people, [{"a": "a", "b": "b"}]))
    assert ids(why_of(result, "r1")) == ("no_common_slot", ["a", "b"], [], [])


def test_no_common_slot_in_the_wished_session_names_the_common_slots():
    people = [{"id": "a", "unavailable": ["s1", "s2"]}, "b"]
    result = solve(instance(AM, people, [{"a": "a", "b": "b", "session": "am"}]))
    assert ids(why_of(result, "r1")) == ("no_common_slot_in_session", ["a", "b"], ["s3"], [])


def test_max_meetings():
    people = [{"id": "a", "max_meetings": 1}, "b", "c"]
    reqs = [{"a": "a", "b": "b", "weight": 1}, {"a": "a", "b": "c", "weight": 5}]
    result = solve(instance(AM, people, reqs))
    assert ids(why_of(result, "r1")) == ("max_meetings", ["a"], [], [])


def test_participant_full_names_the_booked_side_only():
    reqs = [{"a": "b", "b": "a", "weight": 2}, {"a": "c", "b": "a", "weight": 2}]
    result = solve(instance(ONE, ["a", "b", "c"], reqs))
    (entry,) = result["unscheduled"]
    assert ids(entry["why"]) == ("participant_full", ["a"], ["s1"], [])
    assert "causes" not in entry["why"]


def test_slot_full():
    reqs = [{"a": "a", "b": "b"}, {"a": "c", "b": "d"}]
    result = solve(instance([("s1", "am", 1)], ["a", "b", "c", "d"], reqs))
    (entry,) = result["unscheduled"]
    pair = ["a", "b"] if entry["request"] == "r1" else ["c", "d"]
    assert ids(entry["why"]) == ("slot_full", pair, ["s1"], [])


def test_interpreter_full_names_the_language():
    reqs = [{"a": "a", "b": "b", "interpreter": "zh"}, {"a": "c", "b": "d", "interpreter": "zh"}]
    inst = instance([("s1", "am", None)], ["a", "b", "c", "d"], reqs, interpreters={"zh": 1})
    (entry,) = solve(inst)["unscheduled"]
    pair = ["a", "b"] if entry["request"] == "r1" else ["c", "d"]
    assert ids(entry["why"]) == ("interpreter_full", pair, ["s1"], ["zh"])


def test_no_room_lists_one_cause_per_resource():
    slots = [("s1", "am", 0), ("s2", "am", None)]
    reqs = [{"a": "a", "b": "b", "interpreter": "zh"}]
    result = solve(instance(slots, ["a", "b"], reqs, interpreters={"zh": 0}))
    why = why_of(result, "r1")
    assert ids(why) == ("no_room", ["a", "b"], ["s1", "s2"], ["zh"])
    assert [ids(c) for c in why["causes"]] == [
        ("slot_full", ["a", "b"], ["s1"], []),
        ("interpreter_full", ["a", "b"], ["s2"], ["zh"]),
    ]


def test_lower_weight_when_heavier_meetings_hold_every_slot():
    reqs = [{"a": "a", "b": "b", "weight": 3}, {"a": "a", "b": "c", "weight": 1}]
    result = solve(instance(ONE, ["a", "b", "c"], reqs))
    why = why_of(result, "r2")
    assert ids(why) == ("lower_weight", ["a"], ["s1"], [])
    assert [ids(c) for c in why["causes"]] == [("participant_full", ["a"], ["s1"], [])]


def test_time_limit_when_it_still_fits():
    inst = load_instance(instance(AM, ["a", "b"], [{"a": "a", "b": "b"}]))
    reason = unscheduled_reason(ScheduleState(inst), 0)
    assert (reason.why["code"], reason.why["slots"]) == ("time_limit", ["s1"])


def test_too_many_required_names_the_participant_slots_and_requests():
    people = [{"id": "a", "unavailable": ["s2", "s3"]}, "b", "c"]
    reqs = [{"a": "a", "b": "b", "required": True}, {"a": "a", "b": "c", "required": True}]
    result = solve(instance(AM, people, reqs))
    why = result["stats"]["why"]
    assert ids(why) == ("too_many_required", ["a"], ["s1"], [])
    assert why["requests"] == ["r1", "r2"]
    missing = [u for u in result["unscheduled"] if u["why"] == why]
    assert len(missing) == 1  # the one of the two left out carries the core


def test_pinned_conflict():
    slots = [("s1", "am", 5), ("s2", "am", 5)]
    reqs = [
        {"a": "a", "b": "b", "required": True, "fixed_slot": "s1"},
        {"a": "a", "b": "c", "required": True, "fixed_slot": "s2"},
        {"a": "a", "b": "d", "required": True},
    ]
    why = solve(instance(slots, ["a", "b", "c", "d"], reqs))["stats"]["why"]
    assert ids(why) == ("pinned_conflict", ["a", "d"], ["s1", "s2"], [])
    assert why["requests"] == ["r1", "r2", "r3"]


def test_required_conflict_over_tables():
    reqs = [{"a": "a", "b": "b", "required": True}, {"a": "c", "b": "d", "required": True}]
    result = solve(instance([("s1", "am", 1)], ["a", "b", "c", "d"], reqs))
    assert result["stats"]["status"] == "INFEASIBLE"
    why = result["stats"]["why"]
    assert ids(why) == ("required_conflict", ["a", "b", "c", "d"], ["s1"], [])
    assert why["requests"] == ["r1", "r2"]
