"""Behaviour of ``solver.solve``: hard rules, required/INFEASIBLE, reasons, tables, CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import solver

ROOT = Path(__file__).resolve().parents[2]


def instance(slots, participants, requests, **extra) -> dict:
    """Small instance; ``slots`` as (id, session, capacity), participants as ids or dicts."""
    return {
        "format": "matchmaker-instance/1",
        "name": "t",
        "slots": [{"id": i, "day": 1, "session": s, "capacity": c} for i, s, c in slots],
        "participants": [p if isinstance(p, dict) else {"id": p} for p in participants],
        "requests": [{"id": f"r{k}", **r} for k, r in enumerate(requests, 1)],
        **extra,
    }


def meetings(result: dict) -> dict[str, str]:
    return {m["request"]: m["slot"] for m in result["meetings"]}


def reasons(result: dict) -> dict[str, str]:
    return {u["request"]: u["reason"] for u in result["unscheduled"]}


MORNING = [("s1", "am", 5), ("s2", "am", 5), ("s3", "pm", 5)]


def test_output_format_and_stats():
    inst = instance(MORNING, ["a", "b", "c"], [{"a": "a", "b": "b", "weight": 3}])
    result = solver.solve(inst, time_limit=5)
    assert result["format"] == "matchmaker-schedule/1"
    assert result["instance"] == "t"
    assert set(meetings(result)) == {"r1"}
    stats = result["stats"]
    assert stats["status"] == "OPTIMAL"
    assert (stats["scheduled"], stats["weight"], stats["idle_gaps"], stats["moved"]) == (1, 3, 0, 0)
    assert stats["upper_bound"] >= 3
    assert result["meetings"][0]["table"] == 1


def test_required_conflict_is_infeasible_with_reason_naming_participant_and_slots():
    people = [{"id": "a", "unavailable": ["s2", "s3"]}, "b", "c"]
    reqs = [{"a": "a", "b": "b", "required": True}, {"a": "a", "b": "c", "required": True}]
    result = solver.solve(instance(MORNING, people, reqs), time_limit=5)
    assert result["stats"]["status"] == "INFEASIBLE"
    reason = result["stats"]["reason"]
    assert "a has 2 required meetings" in reason and "s1" in reason
    assert any("a has 2 required meetings" in r for r in reasons(result).values())


def test_required_meeting_wins_over_heavier_one():
    people = [{"id": "a", "parallel": 1, "unavailable": ["s2", "s3"]}, "b", "c"]
    reqs = [{"a": "a", "b": "b", "weight": 9}, {"a": "a", "b": "c", "required": True}]
    result = solver.solve(instance(MORNING, people, reqs), time_limit=5)
    assert meetings(result) == {"r2": "s1"}
    assert "a is fully booked" in reasons(result)["r1"]


def test_pin_session_and_no_common_slot():
    people = ["a", "b", {"id": "c", "unavailable": ["s1", "s2", "s3"]}]
    reqs = [
        {"a": "a", "b": "b", "fixed_slot": "s2"},
        {"a": "a", "b": "c"},
        {"a": "b", "b": "c"},
    ]
    reqs.append({"a": "a", "b": "b", "session": "pm"})
    result = solver.solve(instance(MORNING, people, reqs), time_limit=5)
    assert meetings(result) == {"r1": "s2", "r4": "s3"}
    assert reasons(result)["r2"] == "c has no free slot in common with a"


def test_interpreters_parallel_capacity_and_tables():
    slots = [("s1", "am", 2), ("s2", "am", 2)]
    people = [{"id": "hub", "parallel": 2}, "a", "b", "c", "d"]
    reqs = [
        {"a": "hub", "b": "a", "interpreter": "zh"},
        {"a": "hub", "b": "b", "interpreter": "zh"},
        {"a": "hub", "b": "c", "interpreter": "zh"},
        {"a": "c", "b": "d"},
    ]
    result = solver.solve(instance(slots, people, reqs, interpreters={"zh": 1}), time_limit=5)
    placed = meetings(result)
    zh = [placed[r] for r in ("r1", "r2", "r3") if r in placed]
    assert len(zh) == 2 and len(set(zh)) == 2  # one interpreter per slot
    assert len(placed) == 3
    assert "interpreters" in " ".join(reasons(result).values())
    for slot in ("s1", "s2"):
        tables = sorted(m["table"] for m in result["meetings"] if m["slot"] == slot)
        assert tables == list(range(1, len(tables) + 1)) and len(tables) <= 2


def test_parallel_delegates_meet_at_once():
    slots = [("s1", "am", None)]
    people = [{"id": "hub", "parallel": 3}, "a", "b", "c", "d"]
    reqs = [{"a": "hub", "b": x} for x in "abcd"]
    result = solver.solve(instance(slots, people, reqs), time_limit=5)
    assert len(result["meetings"]) == 3
    assert [m["table"] for m in result["meetings"]] == [1, 2, 3]


def test_max_meetings_keeps_heaviest_and_says_why():
    people = [{"id": "a", "max_meetings": 1}, "b", "c"]
    reqs = [{"a": "a", "b": "b", "weight": 1}, {"a": "a", "b": "c", "weight": 5}]
    result = solver.solve(instance(MORNING, people, reqs), time_limit=5)
    assert set(meetings(result)) == {"r2"}
    assert reasons(result)["r1"] == "a already has its maximum of 1 meetings"


def test_idle_gaps_are_closed():
    slots = [(f"s{k}", "am", 1) for k in range(1, 5)]
    people = ["a", "b", "c", {"id": "d", "unavailable": ["s2", "s3", "s4"]}]
    reqs = [{"a": "a", "b": "b"}, {"a": "a", "b": "c"}, {"a": "c", "b": "d"}]
    result = solver.solve(instance(slots, people, reqs), time_limit=5)
    assert result["stats"]["scheduled"] == 3
    assert result["stats"]["idle_gaps"] == 0


def test_progress_callback_and_cancel():
    inst = instance(MORNING, ["a", "b", "c"], [{"a": "a", "b": "b"}, {"a": "b", "b": "c"}])
    seen: list[dict] = []
    cancel = threading.Event()
    cancel.set()
    result = solver.solve(inst, time_limit=30, on_progress=seen.append, cancel=cancel)
    assert result["stats"]["wall_s"] < 5
    assert result["stats"]["scheduled"] == 2  # the greedy result is still returned
    assert seen and set(seen[0]) == {"solutions", "scheduled", "weight", "bound", "elapsed_s"}


def test_greedy_schedule_same_format():
    inst = instance(MORNING, ["a", "b"], [{"a": "a", "b": "b", "weight": 2}])
    result = solver.greedy_schedule(inst)
    assert result["stats"]["status"] == "FEASIBLE"
    assert result["stats"]["weight"] == 2


def test_cli_solve_writes_schedule_and_prints_progress(tmp_path):
    path = tmp_path / "i.json"
    out = tmp_path / "s.json"
    path.write_text(json.dumps(instance(MORNING, ["a", "b"], [{"a": "a", "b": "b"}])))
    done = subprocess.run(
        [sys.executable, "-m", "solver", "solve", str(path), "-o", str(out), "--seed", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "solutions" in done.stderr and "bound" in done.stderr
    assert json.loads(out.read_text())["stats"]["scheduled"] == 1


def test_cli_infeasible_exits_1(tmp_path):
    people = [{"id": "a", "unavailable": ["s2", "s3"]}, "b", "c"]
    reqs = [{"a": "a", "b": "b", "required": True}, {"a": "a", "b": "c", "required": True}]
    path = tmp_path / "i.json"
    path.write_text(json.dumps(instance(MORNING, people, reqs)))
    done = subprocess.run(
        [sys.executable, "-m", "solver", "solve", str(path), "-o", str(tmp_path / "s.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1
    assert "INFEASIBLE" in done.stderr and "reason:" in done.stderr


def test_required_meeting_squeezed_out_by_pins_is_explained():
    slots = [("s1", "am", 5), ("s2", "am", 5)]
    reqs = [
        {"a": "a", "b": "b", "required": True, "fixed_slot": "s1"},
        {"a": "a", "b": "c", "required": True, "fixed_slot": "s2"},
        {"a": "a", "b": "d", "required": True},
    ]
    result = solver.solve(instance(slots, ["a", "b", "c", "d"], reqs), time_limit=5)
    assert result["stats"]["status"] == "INFEASIBLE"
    assert result["stats"]["reason"] == (
        "required r3 (a-d) cannot be placed: every slot free for both is taken by "
        "pinned meetings of a or d (r1 in s1, r2 in s2)"
    )
    assert reasons(result)["r3"] == result["stats"]["reason"]


def test_static_blocks_are_explained():
    slots = [("s1", "am", 0), ("s2", "am", None)]
    reqs = [{"a": "a", "b": "b", "interpreter": "zh"}]
    result = solver.solve(instance(slots, ["a", "b"], reqs, interpreters={"zh": 0}), time_limit=5)
    assert reasons(result)["r1"] == (
        "no room in any common free slot: no table at all in s1; no zh interpreter at all in s2"
    )


def test_idle_gaps_follow_block_order_when_sessions_interleave():
    slots = [("s1", "am", 5), ("o1", "online", None), ("s2", "am", 5), ("s3", "am", 5)]
    reqs = [{"a": "a", "b": "b", "fixed_slot": "s1"}, {"a": "a", "b": "c", "fixed_slot": "s2"}]
    result = solver.solve(instance(slots, ["a", "b", "c"], reqs), time_limit=5)
    assert result["stats"]["idle_gaps"] == 0  # o1 belongs to another block
    reqs[1]["fixed_slot"] = "s3"
    result = solver.solve(instance(slots, ["a", "b", "c"], reqs), time_limit=5)
    assert result["stats"]["idle_gaps"] == 1


def test_online_meetings_take_no_table():
    slots = [("s1", "am", 1)]
    people = ["a", "b", "c", "d", "e", "f"]
    reqs = [{"a": "a", "b": "b"}, {"a": "c", "b": "d", "online": True}, {"a": "e", "b": "f"}]
    result = solver.solve(instance(slots, people, reqs), time_limit=5)
    tables = {m["request"]: m["table"] for m in result["meetings"]}
    # one table: one of r1/r3 meets at it, the online r2 meets anyway, without a table
    assert tables["r2"] is None
    assert sorted(t for r, t in tables.items() if r != "r2") == [1]
    assert "all tables are taken" in " ".join(reasons(result).values())


def test_a_non_boolean_online_flag_names_the_field():
    bad = instance([("s1", "am", 1)], ["a", "b"], [{"a": "a", "b": "b", "online": "yes"}])
    with pytest.raises(solver.InstanceError, match=r"requests\[0\]\.online"):
        solver.load_instance(bad)
