"""Synthetic fairs: deterministic, valid for the engine and the checker, realistic in shape."""

from __future__ import annotations

from collections import Counter

import pytest

import solver
from solver.checker import check, parse_instance
from solver.generate import generate


def test_same_seed_same_fair_other_seed_other_fair():
    assert generate(80, 5) == generate(80, 5)
    assert generate(80, 5) != generate(80, 6)


@pytest.mark.parametrize("companies", [10, 80, 300])
def test_valid_for_engine_and_checker(companies):
    instance = generate(companies, 1)
    solver.load_instance(instance)
    parse_instance(instance)


@pytest.mark.parametrize(
    ("companies", "requests", "slots"),
    [(300, 2_000, 24), (2_000, 15_000, 24), (10_000, 80_000, 32)],
)
def test_sizes_as_promised(companies, requests, slots):
    instance = generate(companies, 0)
    assert len(instance["participants"]) == companies
    assert len(instance["slots"]) == slots
    assert abs(len(instance["requests"]) - requests) <= 0.05 * requests
    eu = sum(p["side"] == "EU" for p in instance["participants"])
    assert eu == round(0.4 * companies)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_popularity_is_heavy_tailed(seed):
    instance = generate(2_000, seed)
    received = Counter(r["b"] for r in instance["requests"])
    counts = sorted(received.values(), reverse=True)
    top_share = sum(counts[:20]) / len(instance["requests"])  # top 1 % of companies
    assert top_share > 0.05  # five times a uniform share
    assert counts[0] > 10 * counts[len(counts) // 2]


def test_every_feature_is_present():
    instance = generate(300, 3)
    requests, participants = instance["requests"], instance["participants"]
    slots = {s["id"] for s in instance["slots"]}
    day1 = {s["id"] for s in instance["slots"] if s["day"] == 1}
    sides = Counter(
        tuple(sorted(p["side"] for p in participants if p["id"] in (r["a"], r["b"])))
        for r in requests
    )
    assert sides[("CN", "EU")] > 0.7 * len(requests)
    assert sides[("CN", "CN")] + sides[("EU", "EU")] > 0
    assert {r["weight"] for r in requests} == {1, 2, 3}
    assert any(r["required"] for r in requests)
    assert any(r["fixed_slot"] for r in requests)
    assert {r["session"] for r in requests} == {None, "morning", "afternoon"}
    assert "zh" in {r["interpreter"] for r in requests}
    assert instance["interpreters"]["zh"] >= 1
    assert any(p["parallel"] == 2 for p in participants)
    assert any("max_meetings" in p for p in participants)
    assert any(set(p["unavailable"]) == slots - day1 for p in participants)  # day 1 only
    assert any(0 < len(p["unavailable"]) <= 3 for p in participants)
    assert any(s["capacity"] is None for s in instance["slots"])  # online slots
    tables = instance["slots"][0]["capacity"]
    assert tables * len(slots) < len(requests)  # tables are a real constraint


@pytest.mark.parametrize("seed", [0, 1])
def test_pinned_and_required_meetings_are_feasible(seed):
    instance = generate(60, seed)
    schedule = solver.solve(instance, time_limit=3.0, workers=1, seed=seed)
    assert schedule["stats"]["status"] in ("OPTIMAL", "FEASIBLE")
    assert check(instance, schedule).violations == []
