"""Neighbourhoods solved side by side (solver.lns lanes): a job whose solution no longer fits
is not committed; seeded runs stay reproducible; the schedule never breaks a rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import solver
from solver.brokerage import FAMILIES, generate_brokerage
from solver.checker import check
from solver.greedy import greedy_state, repair
from solver.lns import LocalSearch
from solver.required import place_required
from solver.schedule import idle_gaps, schedule_dict
from solver.search import LANES, Budget, run_submodel
from solver.state import ScheduleState


def one_table_instance() -> dict:
    """Request ``ab`` may only use s2; ``cd`` may use any slot; one table per slot."""
    return {
        "format": "matchmaker-instance/1",
        "slots": [{"id": f"s{k}", "day": 1, "session": "am", "capacity": 1} for k in (1, 2, 3)],
        "participants": [
            {"id": "a", "unavailable": ["s1", "s3"]},
            {"id": "b"},
            {"id": "c"},
            {"id": "d"},
        ],
        "requests": [{"id": "ab", "a": "a", "b": "b"}, {"id": "cd", "a": "c", "b": "d"}],
    }


def solved_job():
    """A search on the one-table instance and the solved job "schedule ab" (at s2)."""
    inst = solver.load_instance(one_table_instance())
    state = ScheduleState(inst)
    search = LocalSearch(state, Budget(5, 1, None), lambda *args: None)
    job = search._prepare("people", [0], inst.all_slots, "weight")
    status, cp_solver = run_submodel(job.sub, search.budget, 2.0, small=True)
    assert job.sub.targets(cp_solver) == {0: 1}  # ab at s2, its only slot
    return state, search, job, status, cp_solver


def test_a_solution_that_no_longer_fits_is_not_committed():
    state, search, job, status, cp_solver = solved_job()
    state.place(1, 1)  # meanwhile another lane put cd at s2: the table is taken
    assert search._commit(job, status, cp_solver, 2.0) == "conflict"
    assert state.slot_of.tolist() == [-1, 1]  # nothing half-applied


def test_a_solution_that_still_fits_is_committed():
    state, search, job, status, cp_solver = solved_job()
    state.place(1, 2)  # the other lane used s3: no conflict
    assert search._commit(job, status, cp_solver, 2.0).startswith("optimal")
    assert state.slot_of.tolist() == [1, 2]


def polished(instance: dict, seed: int | None, lanes: int) -> tuple[ScheduleState, int]:
    """The engine's start (greedy, required meetings placed, repair), then the neighbourhood
    polish alone with ``lanes`` lanes. Returns the state and the idle gaps before polishing."""
    inst = solver.load_instance(instance)
    state = greedy_state(inst, replan=True)
    budget = Budget(1.5, 1, seed)
    budget.lanes = lanes
    assert place_required(state, budget) == []  # brokerage events are feasible
    repair(state, None)
    before = idle_gaps(inst, state.slot_of, state.busy)
    LocalSearch(state, budget, lambda *args: None).polish(lambda: False)
    return state, before


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(FAMILIES)), st.integers(min_value=200, max_value=10_000))
def test_parallel_polish_keeps_every_rule_and_never_adds_gaps(family, seed):
    instance = generate_brokerage(family, seed)
    state, before = polished(instance, None, lanes=2)
    inst = state.inst
    scheduled = int((state.slot_of >= 0).sum())
    assert scheduled == inst.n_requests  # every meeting of a brokerage event is required
    assert idle_gaps(inst, state.slot_of, state.busy) <= before
    schedule = schedule_dict(inst, state.slot_of, {}, status="FEASIBLE", upper_bound=0, wall_s=0)
    report = check(instance, schedule)
    assert report.violations == [], report.violations


def test_seeded_parallel_polish_is_reproducible():
    instance = generate_brokerage("hard", 7)
    one, _ = polished(instance, seed=3, lanes=2)
    two, _ = polished(instance, seed=3, lanes=2)
    assert one.slot_of.tolist() == two.slot_of.tolist()


def test_seeded_runs_use_the_same_lanes_on_any_machine():
    assert Budget(1, None, seed=1).lanes == LANES


def test_time_kept_for_the_reasons_never_cuts_the_search_below_half_the_limit():
    budget = Budget(100, None, None)
    full = budget.search_limit
    budget.reserve(10)
    assert budget.search_limit == full - 10
    budget.reserve(1_000)
    assert budget.search_limit == 50


def test_the_polish_still_solves_neighbourhoods_smaller_than_min_free():
    """Three meetings in all: every neighbourhood is below MIN_FREE, and p's gap still closes."""
    instance = {
        "format": "matchmaker-instance/1",
        "slots": [{"id": f"s{k}", "day": 1, "session": "am"} for k in (1, 2, 3)],
        "participants": [{"id": "p"}, {"id": "q"}, {"id": "s"}, {"id": "x", "unavailable": ["s2"]}],
        "requests": [
            {"id": "px", "a": "p", "b": "x"},
            {"id": "pq", "a": "p", "b": "q"},
            {"id": "qs", "a": "q", "b": "s"},
        ],
    }
    inst = solver.load_instance(instance)
    state = ScheduleState(inst)
    for request, slot in ((0, 0), (1, 2), (2, 1)):  # px@s1, pq@s3, qs@s2: p waits in s2
        state.place(request, slot)
    assert idle_gaps(inst, state.slot_of, state.busy) == 1
    LocalSearch(state, Budget(2.0, 1, 1), lambda *args: None).polish(lambda: False)
    assert idle_gaps(inst, state.slot_of, state.busy) == 0
    assert state.n_scheduled == 3
