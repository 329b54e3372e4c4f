"""Property tests of the engine on random small instances (Hypothesis).

Every schedule goes through the independent checker; tiny instances are compared with a
brute-force optimum written independently of the engine (tests/solver/brute.py).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

import solver
from solver.bound import upper_bound
from solver.checker import check
from tests.solver.brute import brute_force
from tests.solver.schemas import assert_valid_schedule
from tests.solver.strategies import instances

TINY = {"max_slots": 4, "max_participants": 5, "max_requests": 6}
SMALL = {"max_slots": 8, "max_participants": 12, "max_requests": 25}


def profile(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )


def solve(instance: dict) -> dict:
    """The engine's schedule, valid against the format's JSON Schema."""
    schedule = solver.solve(instance, time_limit=2.0, workers=1, seed=0)
    assert_valid_schedule(schedule)
    return schedule


def only_required_missing(violations: list[str]) -> bool:
    return all(v.startswith("required request ") for v in violations)


@profile(60)
@given(instances(**TINY))
def test_tiny_instances_reach_the_brute_force_optimum(instance):
    schedule = solve(instance)
    report = check(instance, schedule)
    optimum = brute_force(instance)
    if optimum is None:  # the required requests cannot all fit
        assert schedule["stats"]["status"] == "INFEASIBLE"
        assert only_required_missing(report.violations), report.violations
        return
    assert report.violations == [], report.violations
    assert schedule["stats"]["status"] in ("OPTIMAL", "FEASIBLE")
    assert report.figures["weight"] == optimum.weight


@profile(25)
@given(instances(**SMALL))
def test_small_instances_are_valid_and_between_greedy_and_bound(instance):
    schedule = solve(instance)
    report = check(instance, schedule)
    if schedule["stats"]["status"] == "INFEASIBLE":
        assert only_required_missing(report.violations), report.violations
        return
    assert report.violations == [], report.violations
    weight = report.figures["weight"]
    assert weight <= upper_bound(instance)["weight"]
    greedy = solver.greedy_schedule(instance)
    greedy_report = check(instance, greedy)
    if greedy_report.figures["required_missing"] == 0:
        assert weight >= greedy_report.figures["weight"]


@profile(10)
@given(instances(**SMALL))
def test_same_seed_gives_the_same_schedule(instance):
    first, second = solve(instance), solve(instance)
    assert first["meetings"] == second["meetings"]
    assert first["unscheduled"] == second["unscheduled"]
