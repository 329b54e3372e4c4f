"""Running CP-SAT under a budget: wall-clock, or deterministic when a seed is given.

With ``seed`` set, CP-SAT runs with ``interleave_search`` (deterministic for a fixed number
of workers), every solve is limited by ``max_deterministic_time`` and the search loops count
deterministic time instead of seconds, so the same seed, workers and instance give the same
schedule. The trade-off: deterministic time only roughly tracks seconds (machine speed, load),
so a seeded run may finish earlier or later than ``time_limit`` and interleaved search uses
the cores less well than the default parallel portfolio. A wall-clock guard of
``3 * time_limit + 30 s`` still stops a seeded run that runs far slower than expected.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from ortools.sat.python import cp_model

from solver.model import SubModel

# neighbourhoods solved side by side by the large-neighbourhood search (SOLVER_LANES=2 for
# two). Off by default: measured on L (60 s, 2 cores, twice each) two lanes reached 20,363 and
# 20,376 where one reached 20,436 and 20,442 (S: 2,952-2,957 against 2,954-2,958); a second
# CP-SAT worker per sub-solve gained nothing either (20,439 against 20,442)
LANES = max(1, int(os.environ.get("SOLVER_LANES", "1")))
POLISH_FULL_WORKERS = 2
DETERMINISTIC_PER_SECOND = 0.5  # deterministic-time units per second of time_limit (measured)
BUILD_COST_PER_VAR = 2e-6  # deterministic charge for building a model in Python


class Budget:
    """Time accounting shared by all phases of one ``solve`` call."""

    def __init__(self, time_limit: float, workers: int | None, seed: int | None, cancel=None):
        self.start = time.monotonic()
        self.time_limit = max(0.0, float(time_limit))
        # stop searching a little early: tables, reasons and the output take time too
        self.search_limit = max(0.0, self.time_limit - max(0.6, min(0.02 * self.time_limit, 2.0)))
        self.seed = seed
        self.deterministic = seed is not None
        # measured on 2 cores: 4 workers prove the b2bsp idle-gap optima that 2 or 8 miss
        self.workers = workers if workers else 4
        # neighbourhoods solved at once by the large-neighbourhood search (one CP-SAT worker
        # each). Seeded runs always use LANES, so the schedule does not depend on the machine
        self.lanes = LANES if self.deterministic else max(1, min(LANES, os.cpu_count() or 1))
        self.cancel = cancel
        self.used = 0.0  # deterministic units consumed (seeded mode)
        # generous: on a shared, loaded machine a seeded 1 s run was measured at 8 s
        self.wall_guard = self.start + 3 * self.time_limit + 30

    def reserve(self, seconds: float) -> None:
        """Stop searching ``seconds`` earlier (work after the search, such as the reasons
        of the unscheduled requests), but never before half the time limit."""
        floor = min(self.search_limit, 0.5 * self.time_limit)
        self.search_limit = max(floor, self.search_limit - seconds)

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def remaining(self) -> float:
        """Budget left, in seconds or in deterministic units."""
        if self.cancel is not None and self.cancel.is_set():
            return 0.0
        if self.deterministic:
            if time.monotonic() > self.wall_guard:
                return 0.0
            return self.time_limit * DETERMINISTIC_PER_SECOND - self.used
        return self.search_limit - self.elapsed()

    def charge(self, units: float) -> None:
        self.used += units

    def params(self, limit: float, small_model: bool = False) -> dict:
        """Solver parameters for one solve allowed ``limit`` (seconds or units)."""
        params = {"num_workers": self.workers, "log_search_progress": False}
        if small_model:
            # measured: on LNS-sized models one worker without presolve is 2-3x faster than
            # the parallel portfolio (whose extra workers mostly fail to even reach the hint)
            params.update(num_workers=1, cp_model_presolve=False, linearization_level=2)
        if self.deterministic:
            params.update(
                random_seed=int(self.seed) % (1 << 31),
                interleave_search=True,
                max_deterministic_time=max(limit, 0.01),
                max_time_in_seconds=max(1.0, self.wall_guard - time.monotonic()),
            )
        else:
            params["max_time_in_seconds"] = max(limit, 0.01)
        return params


def run_submodel(
    sub: SubModel,
    budget: Budget,
    limit: float,
    callback=None,
    small=False,
    first=False,
    charge=True,
):
    """Solve ``sub`` within ``limit``; returns (status, solver) and charges the budget
    (unless ``charge`` is false: ``run_parallel`` charges a batch itself).
    ``first``: stop at the first solution (a feasibility question)."""
    solver = cp_model.CpSolver()
    for key, value in budget.params(limit, small).items():
        setattr(solver.parameters, key, value)
    if not small and sub.mode == "polish" and budget.workers >= 4:
        # whole polish model: two full-search workers, the others large-neighbourhood
        # workers. Measured on 20 brokerage events (10 s, quiet 2 cores): 213 idle gaps
        # against 260 with CP-SAT's default split (one full worker: 186, but it lost the
        # proven optima of forum-13.fixed040-Forb and two gapless events)
        solver.parameters.num_full_subsolvers = POLISH_FULL_WORKERS
    if first:
        solver.parameters.stop_after_first_solution = True
    done = threading.Event()
    watcher = None
    if budget.cancel is not None:
        watcher = threading.Thread(target=_watch, args=(budget.cancel, done, solver), daemon=True)
        watcher.start()
    try:
        status = solver.solve(sub.model, callback)
    finally:
        done.set()
    if watcher is not None:
        watcher.join()
    if budget.deterministic and charge:
        budget.charge(_cost(sub, solver))
    return status, solver


def _cost(sub: SubModel, solver: cp_model.CpSolver) -> float:
    n_vars = len(sub.model.proto.variables)
    return solver.response_proto.deterministic_time + BUILD_COST_PER_VAR * n_vars


def run_parallel(subs: list[SubModel], budget: Budget, limit: float) -> list[tuple]:
    """Solve independent small models at once, one thread (and one CP-SAT worker) each;
    returns their (status, solver) in order. A seeded run is charged the costliest solve of
    the batch, as the solves ran side by side: the charge is deterministic too."""
    if len(subs) == 1:
        return [run_submodel(subs[0], budget, limit, small=True)]
    with ThreadPoolExecutor(max_workers=len(subs)) as pool:
        futures = [
            pool.submit(run_submodel, sub, budget, limit, small=True, charge=False) for sub in subs
        ]
        results = [future.result() for future in futures]  # re-raises a solve's exception
    if budget.deterministic:
        pairs = zip(subs, results, strict=True)
        budget.charge(max(_cost(sub, solver) for sub, (_, solver) in pairs))
    return results


def _watch(cancel: threading.Event, done: threading.Event, solver: cp_model.CpSolver) -> None:
    while not done.is_set():
        if cancel.wait(0.05):
            solver.stop_search()
            return


class ProgressCallback(cp_model.CpSolverSolutionCallback):
    """Forwards improving solutions of a full-model solve to ``report``."""

    def __init__(self, report: Callable[[float, float], None]):
        super().__init__()
        self.report = report

    def on_solution_callback(self) -> None:
        self.report(self.objective_value, self.best_objective_bound)
