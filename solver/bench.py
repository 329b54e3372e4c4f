"""The benchmark of issue 3 (``python -m solver bench [--sizes S,L,XL,replan,b2bsp]``).

Synthetic sizes: generate the fair, compute the LP bound, run the greedy baseline and the
engine, pass both through the independent checker, and report weight and meetings as a
share of the bound and against greedy. ``replan``: solve L, publish it, cancel 2 % of the
companies and re-plan with the published schedule as ``previous``. ``b2bsp``: the real
brokerage events of ../shared/benchmarks/b2bsp (all meetings required, fewest idle gaps).

Each case runs in its own process so that its peak memory (maxrss) is its own.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import resource
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_B2BSP_DIR = ROOT.parent / "shared" / "benchmarks" / "b2bsp"
GENERATOR_SEED = 1

# name: (companies, slots, engine time limit in s)
SIZES = {"S": (300, 24, 10.0), "L": (2_000, 24, 60.0), "XL": (10_000, 32, 300.0)}
REPLAN_CANCEL_SHARE = 0.02
REPLAN_TIME_LIMIT = 10.0
B2BSP_TIME_LIMIT = 10.0

# Fewest idle gaps published for the original events of the B2B Meeting Scheduling benchmark
# (Bofill, Espasa, Garcia, Palahí, Suy, Villaret; MaxSAT results, as quoted in issue 3).
# The .forb0007 and .fixed040-Forb variants have no figure here.
PUBLISHED_IDLE_GAPS = {"forum-13.original": 0, "tic-12.original": 0, "forumt-14.original": 5}


# --------------------------------------------------------------------------- cases


def _peak_mb() -> float:
    """Peak resident memory of this process and its children, in MB (Linux: KB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def _timed(fn, *args, **kwargs):
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, round(time.perf_counter() - started, 2)


def _verdict(report) -> str:
    return "ok" if report.ok else f"{len(report.violations)} violations"


def _share(value: float, of: float) -> float | None:
    return round(100.0 * value / of, 2) if of else None


def _solve_and_measure(instance: dict, time_limit: float, workers: int | None) -> dict:
    """Bound, greedy and engine on one instance, every schedule checked."""
    import solver
    from solver.bound import upper_bound
    from solver.checker import check

    bound, bound_s = _timed(upper_bound, instance)
    greedy, greedy_s = _timed(solver.greedy_schedule, instance)
    engine, engine_s = _timed(solver.solve, instance, time_limit=time_limit, workers=workers)
    g, e = check(instance, greedy), check(instance, engine)
    gw, ew = g.figures["weight"], e.figures["weight"]
    return {
        "companies": len(instance["participants"]),
        "requests": len(instance["requests"]),
        "slots": len(instance["slots"]),
        "time_limit_s": time_limit,
        "bound_weight": bound["weight"],
        "bound_meetings": bound["meetings"],
        "bound_s": bound_s,
        "greedy_weight": gw,
        "greedy_meetings": g.figures["scheduled"],
        "greedy_idle_gaps": g.figures["idle_gaps"],
        "greedy_s": greedy_s,
        "greedy_check": _verdict(g),
        "engine_status": engine["stats"].get("status"),
        "engine_weight": ew,
        "engine_meetings": e.figures["scheduled"],
        "engine_idle_gaps": e.figures["idle_gaps"],
        "engine_zero_meeting": e.figures["zero_meeting_participants"],
        "engine_s": engine_s,
        "engine_check": _verdict(e),
        "engine_violations": e.violations[:20],
        "pct_bound_weight": _share(ew, bound["weight"]),
        "pct_bound_meetings": _share(e.figures["scheduled"], bound["meetings"]),
        "vs_greedy_pct": round(100.0 * (ew - gw) / gw, 2) if gw else None,
        "_schedule": engine,
    }


def case_size(name: str, workers: int | None) -> dict:
    from solver.generate import generate

    companies, slots, limit = SIZES[name]
    instance = generate(companies, GENERATOR_SEED, slots)
    result = _solve_and_measure(instance, limit, workers)
    result.pop("_schedule")
    return result


def cancel_companies(instance: dict, share: float, seed: int) -> tuple[dict, set[str]]:
    """A copy of ``instance`` without ``share`` of its companies (chosen by ``seed``) and
    without their requests."""
    import numpy as np

    rng = np.random.default_rng(seed)
    ids = [p["id"] for p in instance["participants"]]
    count = max(1, round(share * len(ids)))
    gone = {ids[i] for i in rng.choice(len(ids), size=count, replace=False)}
    changed = dict(instance)
    changed["participants"] = [p for p in instance["participants"] if p["id"] not in gone]
    changed["requests"] = [
        r for r in instance["requests"] if r["a"] not in gone and r["b"] not in gone
    ]
    return changed, gone


def case_replan(workers: int | None) -> dict:
    import solver
    from solver.checker import check
    from solver.generate import generate

    companies, slots, limit = SIZES["L"]
    instance = generate(companies, GENERATOR_SEED, slots)
    published, publish_s = _timed(solver.solve, instance, time_limit=limit, workers=workers)
    changed, gone = cancel_companies(instance, REPLAN_CANCEL_SHARE, GENERATOR_SEED)
    kept_ids = {r["id"] for r in changed["requests"]}
    changed["previous"] = [m for m in published["meetings"] if m["request"] in kept_ids]
    result = _solve_and_measure(changed, REPLAN_TIME_LIMIT, workers)
    schedule = result.pop("_schedule")
    slot_now = {m["request"]: m["slot"] for m in schedule["meetings"]}
    table_now = {m["request"]: (m["slot"], m.get("table")) for m in schedule["meetings"]}
    previous = changed["previous"]
    same_slot = sum(slot_now.get(m["request"]) == m["slot"] for m in previous)
    same_table = sum(table_now.get(m["request"]) == (m["slot"], m.get("table")) for m in previous)
    result.update(
        {
            "published_meetings": len(published["meetings"]),
            "published_s": publish_s,
            "published_check": _verdict(check(instance, published)),
            "cancelled_companies": len(gone),
            "unaffected_meetings": len(previous),
            "unchanged_slot": same_slot,
            "unchanged_slot_and_table": same_table,
            "pct_unchanged": _share(same_slot, len(previous)),
            "engine_moved": schedule["stats"].get("moved"),
        }
    )
    return result


def case_b2bsp(path: str, workers: int | None, time_limit: float = B2BSP_TIME_LIMIT) -> dict:
    with open(path, encoding="utf-8") as handle:
        instance = json.load(handle)
    name = Path(path).name.removesuffix(".json")
    result = _event(instance, workers, time_limit)
    result.update(instance=name, published_idle_gaps=PUBLISHED_IDLE_GAPS.get(name))
    return result


def case_brokerage(family: str, seed: int, workers: int | None, time_limit: float) -> dict:
    from solver.brokerage import generate_brokerage

    instance = generate_brokerage(family, seed)
    result = _event(instance, workers, time_limit)
    result.update(instance=f"{family}/{seed}", family=family, seed=seed,
                  planted_idle_gaps=planted_gaps(family, seed, instance))  # fmt: skip
    return result


def planted_gaps(family: str, seed: int, instance: dict) -> int:
    """Idle gaps of the schedule the event was built around (as the checker counts them):
    the optimum is at most this."""
    from solver.brokerage import planted_schedule
    from solver.checker import check

    return check(instance, planted_schedule(family, seed)).figures["idle_gaps"]


def _event(instance: dict, workers: int | None, time_limit: float) -> dict:
    """A brokerage event (all meetings required): solved, checked, idle gaps and their bound."""
    import solver
    from solver.checker import check

    schedule, wall = _timed(solver.solve, instance, time_limit=time_limit, workers=workers)
    report = check(instance, schedule)
    figures = report.figures
    stats = schedule["stats"]
    capacities = {s.get("capacity") for s in instance["slots"]}
    return {
        "participants": len(instance["participants"]),
        "meetings_required": len(instance["requests"]),
        "slots": len(instance["slots"]),
        "tables": max((c for c in capacities if c is not None), default=None),
        "time_limit_s": time_limit,
        "engine_status": stats.get("status"),
        "scheduled": figures["scheduled"],
        "all_scheduled": figures["scheduled"] == len(instance["requests"]) and report.ok,
        "idle_gaps": figures["idle_gaps"],
        "idle_gaps_bound": stats.get("idle_gaps_bound"),
        "engine_s": wall,
        "engine_check": _verdict(report),
        "engine_violations": report.violations[:20],
    }


def family_summary(rows: list[dict]) -> list[dict]:
    """Per generator family: events, all scheduled, mean idle gaps and bound, proven, time."""
    by_family: dict[str, list[dict]] = {}
    for row in rows:
        if "error" not in row:
            by_family.setdefault(row["family"], []).append(row)
    summary = []
    for family, group in by_family.items():
        bounds = [r["idle_gaps_bound"] for r in group if r["idle_gaps_bound"] is not None]
        summary.append(
            {
                "family": family,
                "events": len(group),
                "all_scheduled": sum(r["all_scheduled"] for r in group),
                "mean_idle_gaps": sum(r["idle_gaps"] for r in group) / len(group),
                "total_idle_gaps": sum(r["idle_gaps"] for r in group),
                "total_bound": sum(bounds) if len(bounds) == len(group) else None,
                "total_planted": sum(r.get("planted_idle_gaps", 0) for r in group),
                "proven": sum(r["idle_gaps"] == r["idle_gaps_bound"] for r in group),
                "mean_s": sum(r["engine_s"] for r in group) / len(group),
            }
        )
    return summary


# --------------------------------------------------------------------------- runner


def _child(target: str, args: tuple, queue) -> None:
    try:
        result = globals()[target](*args)
    except Exception:  # reported in the table, the benchmark goes on
        result = {"error": traceback.format_exc(limit=8)}
    result["peak_mb"] = _peak_mb()
    queue.put(result)


def run_isolated(target: str, *args, timeout: float = 3600.0) -> dict:
    """Run ``target(*args)`` in a fresh interpreter; its result gains ``peak_mb``."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(target, args, queue))
    process.start()
    try:
        result = queue.get(timeout=timeout)
    except Exception:
        process.kill()
        result = {"error": f"no result within {timeout:.0f} s (exit code {process.exitcode})"}
    process.join()
    return result


def _fmt(value, suffix: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}{suffix}" if abs(value) < 100 else f"{value:.1f}{suffix}"
    return f"{value}{suffix}"


SIZE_COLUMNS = [
    ("case", lambda r: r["case"]),
    ("comp/req/slots", lambda r: f"{r['companies']}/{r['requests']}/{r['slots']}"),
    ("greedy w/m", lambda r: f"{r['greedy_weight']}/{r['greedy_meetings']}"),
    ("engine w/m", lambda r: f"{r['engine_weight']}/{r['engine_meetings']}"),
    ("bound w/m", lambda r: f"{r['bound_weight']}/{r['bound_meetings']}"),
    ("%bound w", lambda r: _fmt(r["pct_bound_weight"])),
    ("%bound m", lambda r: _fmt(r["pct_bound_meetings"])),
    ("vs greedy", lambda r: _fmt(r["vs_greedy_pct"], "%")),
    ("gaps", lambda r: str(r["engine_idle_gaps"])),
    ("time s", lambda r: f"{r['engine_s']:.1f}/{r['time_limit_s']:.0f}"),
    ("bound s", lambda r: f"{r['bound_s']:.1f}"),
    ("peak MB", lambda r: f"{r['peak_mb']:.0f}"),
    ("check", lambda r: r["engine_check"]),
]
EVENT_COLUMNS = [
    ("instance", lambda r: r["instance"]),
    ("part/meet/slots/tables", lambda r: (
        f"{r['participants']}/{r['meetings_required']}/{r['slots']}/{_fmt(r['tables'])}")),
    ("status", lambda r: r["engine_status"]),
    ("all scheduled", lambda r: "yes" if r["all_scheduled"] else "NO"),
    ("idle gaps", lambda r: str(r["idle_gaps"]) if r["all_scheduled"] else "-"),
    ("bound", lambda r: _fmt(r["idle_gaps_bound"])),
    ("time s", lambda r: f"{r['engine_s']:.1f}"),
    ("check", lambda r: r["engine_check"]),
]  # fmt: skip
B2BSP_COLUMNS = [*EVENT_COLUMNS[:6], ("published", lambda r: _fmt(r["published_idle_gaps"])),
                 *EVENT_COLUMNS[6:]]  # fmt: skip
BROKERAGE_COLUMNS = [*EVENT_COLUMNS[:6], ("planted", lambda r: _fmt(r.get("planted_idle_gaps"))),
                     *EVENT_COLUMNS[6:]]  # fmt: skip
FAMILY_COLUMNS = [
    ("family", lambda r: r["family"]),
    ("events", lambda r: str(r["events"])),
    ("all scheduled", lambda r: f"{r['all_scheduled']}/{r['events']}"),
    ("mean gaps", lambda r: f"{r['mean_idle_gaps']:.1f}"),
    ("total gaps", lambda r: str(r["total_idle_gaps"])),
    ("total bound", lambda r: _fmt(r["total_bound"])),
    ("total planted", lambda r: _fmt(r.get("total_planted"))),
    ("proven optimal", lambda r: f"{r['proven']}/{r['events']}"),
    ("mean time s", lambda r: f"{r['mean_s']:.1f}"),
]


def format_table(rows: list[dict], columns) -> str:
    cells = [[name for name, _ in columns]]
    for row in rows:
        if "error" in row:
            cells.append([row.get("case") or row.get("instance", "?"), "ERROR"])
        else:
            cells.append([get(row) for _, get in columns])
    widths = [max(len(r[i]) for r in cells if i < len(r)) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _environment() -> dict:
    try:
        from importlib.metadata import version

        ortools_version = version("ortools")
    except Exception:
        ortools_version = None
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "ortools": ortools_version,
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "generator_seed": GENERATOR_SEED,
    }


def command_bench(args) -> int:
    cases = [c.strip() for c in args.sizes.split(",") if c.strip()]
    known = [*SIZES, "replan", "b2bsp", "brokerage"]
    unknown = [c for c in cases if c not in known]
    if unknown or not cases:
        print(f"error: --sizes: unknown case(s) {unknown}; choose from {','.join(known)}",
              file=sys.stderr)  # fmt: skip
        return 2
    b2bsp_dir = Path(args.b2bsp_dir) if args.b2bsp_dir else DEFAULT_B2BSP_DIR
    if "b2bsp" in cases and not b2bsp_dir.is_dir():
        print(f"error: --b2bsp-dir: {b2bsp_dir} is not a directory", file=sys.stderr)
        return 2

    from solver.brokerage import FAMILIES

    families = [f.strip() for f in args.families.split(",") if f.strip()]
    bad = [f for f in families if f not in FAMILIES]
    try:
        seeds = _seeds(args.seeds)
    except ValueError:
        seeds = []
    if bad or not seeds:
        print(f"error: --families {bad} / --seeds {args.seeds!r}: families are "
              f"{','.join(FAMILIES)}, seeds like 1-5 or 1,4,9", file=sys.stderr)  # fmt: skip
        return 2
    sized, real, generated = [], [], []
    for case in cases:
        if case == "b2bsp":
            for path in sorted(b2bsp_dir.glob("*.json")):
                print(f"running b2bsp {path.name} ...", file=sys.stderr, flush=True)
                real.append(run_isolated("case_b2bsp", str(path), args.workers, args.event_time))
            continue
        if case == "brokerage":
            for family in families:
                for seed in seeds:
                    print(f"running brokerage {family} seed {seed} ...", file=sys.stderr,
                          flush=True)  # fmt: skip
                    generated.append({"family": family, "instance": f"{family}/{seed}",
                                      **run_isolated("case_brokerage", family, seed,
                                                     args.workers, args.event_time)})  # fmt: skip
            continue
        print(f"running {case} ...", file=sys.stderr, flush=True)
        if case == "replan":
            result = run_isolated("case_replan", args.workers)
        else:
            result = run_isolated("case_size", case, args.workers)
        sized.append({"case": case, **result})
        if "error" in result:
            print(result["error"], file=sys.stderr)

    if sized:
        print(format_table(sized, SIZE_COLUMNS))
        for row in sized:
            if row["case"] == "replan" and "error" not in row:
                print(
                    f"replan: {row['cancelled_companies']} companies cancelled;"
                    f" {row['unchanged_slot']} of {row['unaffected_meetings']} unaffected"
                    f" meetings kept their slot ({_fmt(row['pct_unchanged'])} %),"
                    f" {row['unchanged_slot_and_table']} also their table"
                )
    if real:
        print()
        print(format_table(real, B2BSP_COLUMNS))
    summary = family_summary(generated)
    if generated:
        print()
        print(format_table(generated, BROKERAGE_COLUMNS))
        print()
        print(format_table(summary, FAMILY_COLUMNS))
    output = Path(args.output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "environment": {**_environment(), "load_average": os.getloadavg()},
            "cases": sized,
            "b2bsp": real,
            "brokerage": generated,
            "brokerage_families": summary,
        }
        output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        print(f"error: --output: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"\nsaved {output}")
    return 1 if any(_failed(r) for r in sized + real + generated) else 0


def _seeds(text: str) -> list[int]:
    """'1-5' or '1,4,9' (or a mix) -> seeds."""
    seeds: list[int] = []
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        seeds.extend(range(int(low), int(high or low) + 1))
    return seeds


def _failed(row: dict) -> bool:
    """A crash, or a schedule the checker rejects (an event proven infeasible, where only the
    required meetings are missing, is a finding, not a failure)."""
    if "error" in row:
        return True
    if row.get("engine_status") == "INFEASIBLE":
        return not all(v.startswith("required request ") for v in row["engine_violations"])
    return row.get("engine_check") != "ok"
