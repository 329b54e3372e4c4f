"""``python -m solver check | bound | generate`` as a user runs them: exit codes and messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import solver

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "solver", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def fair(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "fair.json"
    result = run("generate", "--companies", "40", "--seed", "7", "-o", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_generate_to_stdout_is_the_same_fair(fair):
    result = run("generate", "--companies", "40", "--seed", "7")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads(fair.read_text())


def test_bound_prints_weight_and_meetings(fair):
    result = run("bound", str(fair))
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ") for line in result.stdout.splitlines())
    assert int(lines["weight"]) >= int(lines["meetings"]) > 0
    finer = run("bound", "--granularity", "slot", str(fair))
    assert finer.returncode == 0, finer.stderr
    slot_lines = dict(line.split(": ") for line in finer.stdout.splitlines())
    assert int(slot_lines["weight"]) <= int(lines["weight"])  # per slot is at least as tight


def test_check_accepts_a_valid_schedule_and_prints_figures(fair, tmp_path):
    schedule = solver.greedy_schedule(json.loads(fair.read_text()))
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(schedule))
    result = run("check", str(fair), str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"scheduled: {schedule['stats']['scheduled']} of" in result.stdout
    assert "idle gaps:" in result.stdout
    assert "OK: no hard rule broken" in result.stdout


def test_check_lists_every_violation(fair, tmp_path):
    schedule = solver.greedy_schedule(json.loads(fair.read_text()))
    first = schedule["meetings"][0]
    schedule["meetings"].append(dict(first))  # the same request twice, same table
    schedule["meetings"].append({"request": "nope", "slot": first["slot"], "table": 1})
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(schedule))
    result = run("check", str(fair), str(path))
    assert result.returncode == 1
    assert "scheduled:" in result.stdout  # the figures are printed either way
    assert f"request {first['request']} is scheduled twice" in result.stdout
    assert "unknown request 'nope'" in result.stdout
    assert "VIOLATIONS:" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("bound", "missing.json"), "cannot read instance file missing.json"),
        (("generate", "--companies", "2"), "--companies"),
        (("generate", "--companies", "20", "--slots", "5"), "--slots"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_files_exit_2_naming_the_problem(fair, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    unknown = tmp_path / "unknown.json"
    instance = json.loads(fair.read_text())
    instance["requests"][0]["a"] = "ghost"
    unknown.write_text(json.dumps(instance))
    cases = [
        (("check", str(broken), str(fair)), "is not valid JSON"),
        (("check", str(fair), str(broken)), "schedule file"),
        (("check", str(unknown), str(fair)), "requests[0].a names unknown participant 'ghost'"),
        (("bound", str(unknown)), "requests[0].a"),
        (("bound", str(broken)), "is not valid JSON"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.returncode == 2, args
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
