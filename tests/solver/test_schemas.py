"""The JSON Schemas of ``matchmaker-instance/1`` and ``matchmaker-schedule/1`` (solver/schemas/)
accept what the engine reads and writes and reject what it refuses."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings

import solver
from solver.bench import DEFAULT_B2BSP_DIR
from solver.generate import generate
from solver.reasons import CODES
from tests.solver.schemas import (
    assert_valid_instance,
    assert_valid_schedule,
    schema_errors,
    validator,
)
from tests.solver.strategies import instances
from tests.solver.test_engine import MORNING, instance


def test_the_schemas_are_draft_2020_12_and_list_every_documented_code():
    for name in ("matchmaker-instance-1", "matchmaker-schedule-1"):
        schema = validator(name).schema
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    leaf = validator("matchmaker-schedule-1").schema["$defs"]["why_leaf"]
    assert leaf["properties"]["code"]["enum"] == list(CODES)


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_fairs_are_valid_instances(seed):
    assert_valid_instance(generate(120, seed))


def test_the_shared_b2bsp_events_are_valid_instances():
    paths = sorted(DEFAULT_B2BSP_DIR.glob("*.json"))
    assert paths, f"no events in {DEFAULT_B2BSP_DIR}"
    for path in paths:
        assert_valid_instance(json.loads(path.read_text(encoding="utf-8")))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_slots=6, max_participants=8, max_requests=12))
def test_random_instances_and_every_schedule_written_for_them_are_valid(doc):
    assert_valid_instance(doc)
    assert_valid_schedule(solver.greedy_schedule(doc))
    assert_valid_schedule(solver.solve(doc, time_limit=1.0, workers=1, seed=0))


def test_an_infeasible_schedule_carries_its_core():
    people = [{"id": "a", "unavailable": ["s2", "s3"]}, "b", "c"]
    reqs = [{"a": "a", "b": "b", "required": True}, {"a": "a", "b": "c", "required": True}]
    result = solver.solve(instance(MORNING, people, reqs), time_limit=5)
    assert result["stats"]["status"] == "INFEASIBLE"
    assert_valid_schedule(result)
    stripped = copy.deepcopy(result)
    del stripped["stats"]["why"]
    assert any("'why' is a required property" in e for e in schema_errors(
        "matchmaker-schedule-1", stripped))  # fmt: skip


BASE = instance(MORNING, ["a", "b"], [{"a": "a", "b": "b"}])


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ("format", "other/1", "format"),
        ("slots", [], "slots"),
        ("requests.0.weight", 0, "requests/0/weight"),
        ("requests.0.required", "yes", "requests/0/required"),
        ("participants.0.parallel", 0, "participants/0/parallel"),
        ("slots.0.capacity", -1, "slots/0/capacity"),
        ("interpreters", {"zh": -1}, "interpreters/zh"),
    ],
)
def test_malformed_instances_are_rejected_at_the_field(path, value, expected):
    doc = copy.deepcopy(BASE)
    *parents, last = path.split(".")
    target = doc
    for key in parents:
        target = target[int(key)] if key.isdigit() else target[key]
    target[int(last) if last.isdigit() else last] = value
    errors = schema_errors("matchmaker-instance-1", doc)
    assert any(e.startswith(expected) for e in errors), errors


def test_a_schedule_with_an_unknown_code_or_an_empty_reason_is_rejected():
    doc = instance([("s1", "am", 1)], ["a", "b", "c", "d"], [
        {"a": "a", "b": "b"}, {"a": "c", "b": "d"}])  # fmt: skip
    result = solver.solve(doc, time_limit=2, seed=0)
    assert_valid_schedule(result)
    bad = copy.deepcopy(result)
    bad["unscheduled"][0]["why"]["code"] = "because"
    assert schema_errors("matchmaker-schedule-1", bad)
    bad = copy.deepcopy(result)
    bad["unscheduled"][0]["reason"] = " "
    assert schema_errors("matchmaker-schedule-1", bad)
