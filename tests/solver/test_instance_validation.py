"""Bad instances get an InstanceError naming the field; the CLI exits 2 without a traceback."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from solver import InstanceError, load_instance

ROOT = Path(__file__).resolve().parents[2]


def base() -> dict:
    return {
        "format": "matchmaker-instance/1",
        "name": "tiny",
        "slots": [
            {"id": "s1", "day": 1, "session": "morning", "capacity": 2},
            {"id": "s2", "day": 1, "session": "morning", "capacity": 2},
            {"id": "s3", "day": 1, "session": "afternoon", "capacity": None},
        ],
        "participants": [
            {"id": "c1", "unavailable": ["s1"], "parallel": 1},
            {"id": "c2"},
            {"id": "c3", "max_meetings": 2},
        ],
        "requests": [
            {"id": "r1", "a": "c1", "b": "c2", "weight": 2},
            {"id": "r2", "a": "c2", "b": "c3", "weight": 1, "interpreter": "zh"},
        ],
        "interpreters": {"zh": 1},
    }


def mutate(path: str, value) -> dict:
    """Copy of ``base()`` with the dotted ``path`` (list indexes as numbers) set to ``value``."""
    doc = copy.deepcopy(base())
    *parents, last = path.split(".")
    node = doc
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    node[int(last) if last.isdigit() else last] = value
    return doc


def test_valid_instance_is_indexed():
    inst = load_instance(base())
    assert inst.slot_ids == ["s1", "s2", "s3"]
    assert inst.blocks == [[0, 1], [2]]
    assert inst.allowed[0] == 0b110  # c1 unavailable in s1
    assert inst.language.tolist() == [-1, 0]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("format", "other/1", "format: expected 'matchmaker-instance/1'"),
        ("requests.1.b", "c999", "requests[1].b: unknown participant 'c999'"),
        ("requests.0.a", "c2", "requests[0].b: a participant cannot meet itself"),
        ("requests.1.id", "r1", "requests[1].id: duplicate id 'r1'"),
        ("participants.2.id", "c1", "participants[2].id: duplicate id 'c1'"),
        ("slots.1.id", "s1", "slots[1].id: duplicate id 's1'"),
        ("requests.0.weight", 0, "requests[0].weight: must be >= 1"),
        ("requests.0.weight", -3, "requests[0].weight: must be >= 1"),
        ("requests.0.weight", "2", "requests[0].weight: expected an integer"),
        ("requests.0.required", "yes", "requests[0].required: expected true or false"),
        ("requests.0.fixed_slot", "s1", "requests[0].fixed_slot: a 'c1' is unavailable in 's1'"),
        ("requests.0.fixed_slot", "s9", "requests[0].fixed_slot: unknown slot 's9'"),
        ("requests.0.session", 7, "requests[0].session: expected a string or null"),
        ("requests.1.interpreter", "fr", "requests[1].interpreter: language 'fr' is not listed"),
        ("participants.0.unavailable", ["s7"], "participants[0].unavailable[0]: unknown slot"),
        ("participants.1.parallel", 0, "participants[1].parallel: must be >= 1"),
        ("slots.0.capacity", -1, "slots[0].capacity: must be >= 0"),
        ("slots", [], "slots: must not be empty"),
        ("requests", "r1", "requests: expected a list"),
        ("interpreters", {"zh": -1}, "interpreters.zh: expected an integer >= 0"),
    ],
)
def test_bad_field_is_named(path, value, message):
    with pytest.raises(InstanceError) as caught:
        load_instance(mutate(path, value))
    assert message in str(caught.value)


def test_pin_outside_request_session_is_rejected():
    doc = mutate("requests.0.session", "afternoon")
    doc["requests"][0]["fixed_slot"] = "s2"
    with pytest.raises(InstanceError, match=r"requests\[0\]\.fixed_slot: 's2' is outside session"):
        load_instance(doc)


def test_previous_entries_of_removed_requests_are_ignored():
    doc = base()
    doc["previous"] = [{"request": "gone", "slot": "s2", "table": 1}]
    assert load_instance(doc).previous_slot.tolist() == [-1, -1]
    doc["previous"].append({"request": "r1", "slot": "s2", "table": 1})
    doc["previous"].append({"request": "r1", "slot": "s3", "table": 1})
    with pytest.raises(InstanceError, match=r"previous\[2\]\.request: request 'r1' appears twice"):
        load_instance(doc)


def run_cli(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    path = tmp_path / "instance.json"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "solver", "solve", str(path), "-o", str(tmp_path / "out.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_cli_malformed_json_exits_2_without_traceback(tmp_path):
    done = run_cli(tmp_path, '{"format": "matchmaker-instance/1", "slots": [')
    assert done.returncode == 2
    assert "malformed JSON" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_unknown_participant_exits_2_naming_the_field(tmp_path):
    done = run_cli(tmp_path, json.dumps(mutate("requests.1.b", "c999")))
    assert done.returncode == 2
    assert "requests[1].b: unknown participant 'c999'" in done.stderr
    assert "Traceback" not in done.stderr
