"""The benchmark runner: argument errors, the re-plan cancellation, one isolated b2bsp case."""

from __future__ import annotations

import argparse
import json

from solver import bench
from solver.generate import generate


def args(**overrides) -> argparse.Namespace:
    values = {"sizes": "S", "output": "unused.json", "workers": 1, "b2bsp_dir": None,
              "families": "hard", "seeds": "1", "event_time": 2.0}  # fmt: skip
    return argparse.Namespace(**{**values, **overrides})


def test_unknown_case_exits_2(capsys):
    assert bench.command_bench(args(sizes="S,XXL")) == 2
    assert "--sizes" in capsys.readouterr().err


def test_missing_b2bsp_dir_exits_2(tmp_path, capsys):
    assert bench.command_bench(args(sizes="b2bsp", b2bsp_dir=str(tmp_path / "none"))) == 2
    assert "--b2bsp-dir" in capsys.readouterr().err


def test_cancel_companies_removes_them_and_their_requests():
    instance = generate(200, 3)
    changed, gone = bench.cancel_companies(instance, 0.02, seed=1)
    assert len(gone) == 4
    assert len(changed["participants"]) == 196
    assert all(r["a"] not in gone and r["b"] not in gone for r in changed["requests"])
    lost = [r for r in instance["requests"] if r["a"] in gone or r["b"] in gone]
    assert len(changed["requests"]) + len(lost) == len(instance["requests"])
    assert len(instance["participants"]) == 200  # the original is untouched


def test_b2bsp_case_runs_in_its_own_process(tmp_path):
    event = {
        "format": "matchmaker-instance/1",
        "slots": [
            {"id": f"s{k}", "day": 1, "session": "morning", "capacity": 2} for k in range(1, 4)
        ],
        "participants": [{"id": p, "unavailable": [], "parallel": 1} for p in "abc"],
        "requests": [
            {"id": "m1", "a": "a", "b": "b", "weight": 1, "required": True},
            {"id": "m2", "a": "a", "b": "c", "weight": 1, "required": True},
            {"id": "m3", "a": "b", "b": "c", "weight": 1, "required": True},
        ],
    }
    path = tmp_path / "tiny.original.json"
    path.write_text(json.dumps(event))
    row = bench.run_isolated("case_b2bsp", str(path), 1, timeout=120)
    assert "error" not in row, row.get("error")
    assert row["instance"] == "tiny.original"
    assert row["all_scheduled"] is True
    assert row["engine_check"] == "ok"
    assert row["peak_mb"] > 0
    assert "tiny.original" in bench.format_table([row], bench.B2BSP_COLUMNS)


def test_unknown_family_or_bad_seeds_exit_2(capsys):
    assert bench.command_bench(args(sizes="brokerage", families="hard,nope")) == 2
    assert bench.command_bench(args(sizes="brokerage", seeds="x")) == 2
    assert "--families" in capsys.readouterr().err


def test_seed_ranges():
    assert bench._seeds("1-3,7") == [1, 2, 3, 7]


def test_brokerage_rows_and_family_summary(tmp_path, capsys):
    output = tmp_path / "bench.json"
    code = bench.command_bench(
        args(sizes="brokerage", families="two-sessions", seeds="1,2", output=str(output))
    )
    assert code == 0
    document = json.loads(output.read_text())
    rows = document["brokerage"]
    assert [r["instance"] for r in rows] == ["two-sessions/1", "two-sessions/2"]
    assert all(r["all_scheduled"] and r["engine_check"] == "ok" for r in rows)
    assert all(0 <= r["idle_gaps_bound"] <= r["idle_gaps"] for r in rows)
    (family,) = document["brokerage_families"]
    assert family["events"] == 2
    assert family["total_idle_gaps"] == sum(r["idle_gaps"] for r in rows)
    assert family["total_bound"] == sum(r["idle_gaps_bound"] for r in rows)
    # the planted schedule is a feasible one: the lower bound never exceeds its gaps
    assert all(r["idle_gaps_bound"] <= r["planted_idle_gaps"] for r in rows)
    assert family["total_planted"] == sum(r["planted_idle_gaps"] for r in rows)
    printed = capsys.readouterr().out
    assert "two-sessions/2" in printed and "proven optimal" in printed
