"""The LP upper bound: never below a brute-force optimum, exact on simple instances, and the
required requests' rows never make it looser."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver.bound import _build, _certified, upper_bound
from tests.solver.brute import brute_force
from tests.solver.strategies import instances


def fair(slots: list[tuple[str, str, int | None]], parts: dict, requests: list) -> dict:
    """Build an instance: slots (id, session, capacity), participants {id: extra}, requests."""
    return {
        "format": "matchmaker-instance/1",
        "slots": [{"id": s, "day": 1, "session": ses, "capacity": c} for s, ses, c in slots],
        "participants": [{"id": p, "unavailable": [], **extra} for p, extra in parts.items()],
        "requests": [
            {"id": f"r{k}", "a": a, "b": b, "weight": w, **extra}
            for k, (a, b, w, extra) in enumerate(requests, 1)
        ],
        "interpreters": {"zh": 1},
    }


@settings(max_examples=150, deadline=None)
@given(instances(max_slots=4, max_participants=5, max_requests=6))
def test_bound_is_never_below_the_optimum(instance):
    optimum = brute_force(instance)
    for granularity in ("block", "slot"):
        bound = upper_bound(instance, granularity)
        if optimum is not None:
            assert bound["weight"] >= optimum.weight
            assert bound["meetings"] >= optimum.meetings
        assert bound["meetings"] <= len(instance["requests"])


@settings(max_examples=200, deadline=None)
@given(
    instances(max_slots=4, max_participants=5, max_requests=6),
    st.lists(st.integers(0, 3), min_size=6, max_size=6),
)
def test_required_rows_stay_valid_and_never_loosen(instance, draws):
    # more required requests than the strategy draws (1 in 8): 1 in 4 on top
    for request, draw in zip(instance["requests"], draws, strict=False):
        request["required"] = request["required"] or draw == 0
    optimum = brute_force(instance)
    for granularity in ("block", "slot"):
        bound = upper_bound(instance, granularity)
        plain = upper_bound(instance, granularity, required=False)
        assert bound["weight"] <= plain["weight"]
        assert bound["meetings"] <= plain["meetings"]
        if optimum is not None:
            assert bound["weight"] >= optimum.weight
            assert bound["meetings"] >= optimum.meetings
        else:  # nothing to bound: the LP without the required rows is as good a figure
            assert bound["weight"] >= 0


def test_required_request_pushes_out_a_heavier_one():
    # two tables in one slot: a-b and c-d are required and take both, so a-c (5) cannot meet
    instance = fair(
        [("s1", "morning", 2)],
        {p: {} for p in "abcd"},
        [("a", "b", 1, {"required": True}), ("c", "d", 2, {"required": True}),
         ("a", "c", 5, {})],
    )  # fmt: skip
    assert upper_bound(instance, required=False) == {"weight": 5, "meetings": 2}
    assert upper_bound(instance) == {"weight": 3, "meetings": 2}
    assert brute_force(instance).weight == 3


def test_required_requests_that_cannot_fit_fall_back_to_the_plain_lp():
    instance = fair(
        [("s1", "morning", 1)],
        {p: {} for p in "abcd"},
        [("a", "b", 1, {"required": True}), ("c", "d", 2, {"required": True}),
         ("a", "c", 5, {})],
    )  # fmt: skip
    assert brute_force(instance) is None
    assert upper_bound(instance) == upper_bound(instance, required=False)
    assert upper_bound(instance) == {"weight": 5, "meetings": 1}


def test_exact_when_nothing_conflicts():
    instance = fair(
        [("s1", "morning", 5), ("s2", "afternoon", 5)],
        {p: {} for p in "abcd"},
        [("a", "b", 3, {}), ("c", "d", 2, {}), ("a", "c", 1, {"session": "afternoon"})],
    )
    assert upper_bound(instance) == {"weight": 6, "meetings": 3}


def test_participant_slots_bind():
    # a has two slots and four requests: the two heaviest fit
    instance = fair(
        [("s1", "morning", 9), ("s2", "morning", 9)],
        {p: {} for p in "abcde"},
        [("a", x, w, {}) for x, w in zip("bcde", (3, 2, 1, 1), strict=True)],
    )
    assert upper_bound(instance) == {"weight": 5, "meetings": 2}
    instance["participants"][0]["parallel"] = 2
    assert upper_bound(instance) == {"weight": 7, "meetings": 4}
    instance["participants"][0]["max_meetings"] = 1
    assert upper_bound(instance) == {"weight": 3, "meetings": 1}


def test_tables_and_interpreters_bind():
    instance = fair(
        [("s1", "morning", 1)],
        {p: {} for p in "abcd"},
        [("a", "b", 2, {}), ("c", "d", 1, {})],
    )
    assert upper_bound(instance) == {"weight": 2, "meetings": 1}
    instance["slots"][0]["capacity"] = None  # online: unlimited
    assert upper_bound(instance) == {"weight": 3, "meetings": 2}
    for r in instance["requests"]:
        r["interpreter"] = "zh"  # one zh interpreter per slot
    assert upper_bound(instance) == {"weight": 2, "meetings": 1}


def test_availability_and_pins_bind():
    instance = fair(
        [("s1", "morning", 9), ("s2", "morning", 9)],
        {"a": {"unavailable": ["s2"]}, "b": {}, "c": {"unavailable": ["s1"]}},
        [("a", "b", 1, {}), ("b", "c", 1, {}), ("a", "c", 5, {})],
    )
    assert upper_bound(instance, "slot") == {"weight": 2, "meetings": 2}  # a, c never meet
    instance["requests"][1]["fixed_slot"] = "s1"  # b-c pinned where c is away
    assert upper_bound(instance, "slot") == {"weight": 1, "meetings": 1}


def test_odd_cycle_is_rounded_down():
    # a triangle in one slot: the LP takes half of each meeting (1.5), the optimum is 1
    instance = fair(
        [("s1", "morning", 9)],
        {p: {} for p in "abc"},
        [("a", "b", 1, {}), ("b", "c", 1, {}), ("a", "c", 1, {})],
    )
    assert upper_bound(instance) == {"weight": 1, "meetings": 1}


def test_no_request_gives_zero():
    instance = fair([("s1", "morning", 3)], {"a": {}, "b": {}}, [])
    assert upper_bound(instance) == {"weight": 0, "meetings": 0}


def test_certificate_is_valid_for_any_duals():
    instance = fair(
        [("s1", "morning", 1), ("s2", "afternoon", 2)],
        {p: {} for p in "abcd"},
        [("a", "b", 3, {}), ("c", "d", 2, {}), ("a", "c", 1, {}), ("b", "d", 1, {})],
    )
    lp, weight = _build(instance, "slot")
    objective = weight[lp.col_request]
    assert _certified(lp, objective, np.zeros(len(lp.rhs))) == weight.sum()
    rng = np.random.default_rng(0)
    for _ in range(20):
        assert _certified(lp, objective, rng.random(len(lp.rhs)) * 3) >= 5  # optimum is 5


def test_certificate_with_required_rows_is_valid_for_any_duals():
    instance = fair(
        [("s1", "morning", 1), ("s2", "afternoon", 2)],
        {p: {} for p in "abcd"},
        [("a", "b", 3, {}), ("c", "d", 2, {}), ("a", "c", 1, {"required": True}),
         ("b", "d", 1, {"required": True})],
    )  # fmt: skip
    optimum = brute_force(instance)
    # a-c and b-d take s2 (or one each), so a-b and c-d cannot both fit: 5, not 6
    assert optimum is not None and optimum.weight == 5
    assert brute_force({**instance, "requests": [
        {**r, "required": False} for r in instance["requests"]]}).weight == 6  # fmt: skip
    lp, weight = _build(instance, "slot")
    assert lp.n_required_rows == 2
    objective = weight[lp.col_request]
    rng = np.random.default_rng(0)
    for _ in range(50):
        assert _certified(lp, objective, rng.random(len(lp.rhs)) * 3) >= optimum.weight


def test_unknown_granularity_is_refused():
    with pytest.raises(ValueError, match="granularity"):
        upper_bound(fair([("s1", "morning", 1)], {"a": {}, "b": {}}, []), "day")
