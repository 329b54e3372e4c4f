"""The scheduling pipeline: load -> greedy -> CP-SAT improvement -> tables -> reasons -> JSON.

1. Greedy construction (previous meetings kept first when re-planning).
2. Required requests the greedy could not place: CP-SAT on the required requests alone;
   infeasible -> status INFEASIBLE with a reason built from an infeasible core. Then the
   move repair of the greedy (``solver.greedy.repair``).
3. Weight phase: small instances are solved as one model (greedy as complete hint);
   larger ones by large-neighbourhood search (``solver.lns``).
4. Polish phase: idle gaps (and, when re-planning, moved meetings) with weight held.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable

import numpy as np

from solver import bound
from solver.gap_bound import alone_gap_bound
from solver.gaps import reduce_gaps
from solver.greedy import construct, greedy_state, repair
from solver.instance import InstanceError, load_instance, load_instance_file
from solver.lns import LocalSearch
from solver.reasons import infeasibility_reason, unscheduled_reason
from solver.required import place_required
from solver.schedule import covered_count, idle_gaps, schedule_dict
from solver.search import Budget
from solver.state import ScheduleState

FULL_MODEL_VARS = 30_000  # up to this many x[r, t] booleans, solve the whole model at once
# CP-SAT on the whole polish model (its workers use every core) gets FULL_POLISH_SHARE of the
# polish time whenever the weight model was small enough to solve whole; the neighbourhoods
# take the rest. Measured on a quiet 2-core machine (10 s per event):
# whole model 4 idle gaps on six "gapless" events (optimum 0) where neighbourhoods alone left
# 25-35; 198 against 219-236 on twelve hard/tight/fixed/two-sessions events; forumt-14 5 (the
# optimum) against 9-10. An earlier rule skipped the whole model on dense events: it was
# measured at load 20-30, where a multi-worker solve gets a fraction of a core
FULL_POLISH_SHARE = 0.9
ALONE_BOUND_SHARE = 0.02  # deterministic units per second of time_limit for the gap floor
WEIGHT_SHARE = 0.85  # part of the time limit for the weight phase when gaps may remain
REASON_SECONDS = 0.0006  # per unscheduled request (measured 0.48 ms on XL), kept for reasons


def greedy_schedule(instance: dict) -> dict:
    """The weight-ordered greedy baseline (no repair, no CP-SAT)."""
    clock = Budget(0, None, None)
    inst = load_instance(instance)
    state = greedy_state(inst)
    reasons = {r: unscheduled_reason(state, r) for r in np.flatnonzero(state.slot_of < 0)}
    status = "FEASIBLE" if _required_ok(state) else "UNKNOWN"
    ub = bound.upper_bound(instance)["weight"]
    return schedule_dict(
        inst, state.slot_of, reasons, status=status, upper_bound=ub, wall_s=clock.elapsed()
    )


def solve(
    instance: dict,
    *,
    time_limit: float = 30.0,
    workers: int | None = None,
    seed: int | None = None,
    on_progress: Callable[[dict], None] | None = None,
    cancel: threading.Event | None = None,
) -> dict:
    """Schedule ``instance`` (see the module docstring and solver/README.md)."""
    budget = Budget(time_limit, workers, seed, cancel)
    inst = load_instance(instance)
    upper = _BoundThread(instance, early=not budget.deterministic)
    state = greedy_state(inst, replan=True)
    progress = _Progress(state, budget, upper, on_progress)
    progress()
    core = place_required(state, budget)
    if core:
        reason = infeasibility_reason(state, core)
        reasons = {r: unscheduled_reason(state, r) for r in np.flatnonzero(state.slot_of < 0)}
        for r in core:
            if state.slot_of[r] < 0:
                reasons[r] = reason
        return schedule_dict(
            inst, state.slot_of, reasons, status="INFEASIBLE", upper_bound=upper.result(),
            wall_s=budget.elapsed(), extra={"reason": reason.text, "why": reason.why},
        )  # fmt: skip
    # seeded runs must not depend on the clock: the repair then runs to its end
    repair(state, None if budget.deterministic else budget.start + 0.2 * time_limit)
    # explaining each unscheduled request takes time after the search (13 s for the 27,000 of
    # a 10,000-company fair): keep it inside the time limit
    budget.reserve(REASON_SECONDS * int(np.count_nonzero(state.slot_of < 0)))
    progress()
    optimal, gap_bound = _optimise(state, budget, upper, progress)
    construct(state)  # anything that still fits (e.g. after a cancelled search)
    reasons = {r: unscheduled_reason(state, r) for r in np.flatnonzero(state.slot_of < 0)}
    status = ("OPTIMAL" if optimal else "FEASIBLE") if _required_ok(state) else "UNKNOWN"
    return schedule_dict(
        inst, state.slot_of, reasons, status=status, upper_bound=upper.result(),
        wall_s=budget.elapsed(),
        extra={"solutions": progress.solutions, "idle_gaps_bound": gap_bound},
    )  # fmt: skip


def _optimise(
    state: ScheduleState, budget: Budget, upper: _BoundThread, progress
) -> tuple[bool, int | None]:
    """Weight phase then polish phase. Returns (both proven optimal, a lower bound on idle
    gaps at the final weight or None when none is known)."""
    inst = state.inst
    search = LocalSearch(state, budget, progress)
    n_vars = sum(m.bit_count() for m in inst.allowed)
    small = n_vars <= FULL_MODEL_VARS
    polish_needed = any(len(b) >= 3 for b in inst.blocks) or bool((inst.previous_slot >= 0).any())
    weight_optimal = state.weight_total >= upper.known() and covered_count(
        inst, state.slot_of
    ) == sum(1 for p in range(inst.n_participants) if inst.requests_of[p])
    share = WEIGHT_SHARE if polish_needed else 1.0
    if not weight_optimal:
        phase_end = budget.remaining() * (1 - share)
        if small:
            outcome = search.full("weight", max(0.05, budget.remaining() - phase_end))
            weight_optimal = outcome.startswith("optimal")
        if not weight_optimal:
            search.improve_weight(
                lambda: budget.remaining() <= phase_end or state.weight_total >= upper.known()
            )
    if not polish_needed:  # no block of 3 slots: no idle gap is possible
        return weight_optimal and small, 0
    # deterministic mode: bounded by passes only, never by the clock
    deadline = float("inf") if budget.deterministic else budget.start + budget.search_limit
    if reduce_gaps(state, deadline):
        progress()
    floor = alone_gap_bound(inst, ALONE_BOUND_SHARE * budget.time_limit)
    search.gap_bound = floor

    def at_floor() -> bool:
        return idle_gaps(inst, state.slot_of, state.busy) <= floor

    if not at_floor() and small:
        outcome = search.full("polish", max(0.05, budget.remaining() * FULL_POLISH_SHARE))
        if outcome.startswith("optimal"):
            return weight_optimal, search.gap_bound
    if not at_floor():
        search.polish(at_floor)
    return weight_optimal and at_floor(), search.gap_bound


def _required_ok(state: ScheduleState) -> bool:
    return bool(np.all(state.slot_of[state.inst.required] >= 0))


class _BoundThread:
    """``solver.bound.upper_bound`` computed in the background while the search runs."""

    def __init__(self, instance: dict, early: bool):
        """``early``: let the search use the bound as soon as it is ready (not in seeded
        runs, where the moment it arrives would make the result depend on the clock)."""
        self._early = early
        self._value: int | None = None
        self._error: BaseException | None = None
        self._fallback = sum(int(r.get("weight", 1)) for r in instance["requests"])
        self._thread = threading.Thread(target=self._run, args=(instance,), daemon=True)
        self._thread.start()

    def _run(self, instance: dict) -> None:
        try:
            self._value = int(bound.upper_bound(instance)["weight"])
        except BaseException as exc:  # re-raised in result()
            self._error = exc

    def known(self) -> int:
        """Best bound available now (total weight until the LP bound is ready)."""
        return self._value if self._early and self._value is not None else self._fallback

    def result(self) -> int:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self.latest()

    def latest(self) -> int:
        """For display: the LP bound if ready, else the total weight."""
        return self._value if self._value is not None else self._fallback


class _Progress:
    """Counts improvements and forwards them to ``on_progress``."""

    def __init__(self, state: ScheduleState, budget: Budget, upper: _BoundThread, callback):
        self.state, self.budget, self.upper, self.callback = state, budget, upper, callback
        self.solutions = 0

    def __call__(self, extra: dict | None = None) -> None:
        """Report the current schedule; ``extra``: figures of a running whole-model solve
        (its objective and CP-SAT bound; the schedule itself is updated when it ends)."""
        self.solutions += 1
        if self.callback is not None:
            info = {
                "solutions": self.solutions,
                "scheduled": int(self.state.n_scheduled),
                "weight": int(self.state.weight_total),
                "bound": int(self.upper.latest()),
                "elapsed_s": round(self.budget.elapsed(), 2),
            }
            self.callback({**info, **(extra or {})})


def command_solve(args) -> int:
    """``python -m solver solve``: exit 0 on a schedule, 1 when INFEASIBLE, 2 on bad input."""
    try:
        instance = load_instance_file(args.instance).raw
    except InstanceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    def show(info: dict) -> None:
        if not args.quiet:
            print(
                f"[{info['elapsed_s']:7.2f}s] solutions {info['solutions']:4d}  "
                f"scheduled {info['scheduled']}  weight {info['weight']}  bound {info['bound']}"
                + (f"  objective {info['objective']:.0f}" if "objective" in info else ""),
                file=sys.stderr,
            )

    result = solve(
        instance, time_limit=args.time_limit, workers=args.workers, seed=args.seed,
        on_progress=show,
    )  # fmt: skip
    try:
        with open(args.output, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=1)
            handle.write("\n")
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 2
    stats = result["stats"]
    print(
        f"{stats['status']}: {stats['scheduled']} meetings, weight {stats['weight']} "
        f"(bound {stats['upper_bound']}), idle gaps {stats['idle_gaps']}, "
        f"moved {stats['moved']}, {stats['wall_s']}s",
        file=sys.stderr,
    )
    if "reason" in stats:
        print(f"reason: {stats['reason']}", file=sys.stderr)
    return 1 if stats["status"] == "INFEASIBLE" else 0


__all__ = ["command_solve", "greedy_schedule", "solve"]
