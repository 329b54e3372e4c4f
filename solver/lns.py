"""Large-neighbourhood search: free part of the schedule, re-solve it exactly with CP-SAT.

The current schedule is always a complete hint, and a sub-solution is only kept when it is
not worse (lexicographic key checked after applying), so the schedule never degrades.

Neighbourhoods of the weight phase:

* *slots*: free every meeting in a few random slots; unscheduled requests that could use
  those slots join. Meetings move between the chosen slots, room is made for new ones.
* *participants*: start from an unscheduled request, free all meetings of its two sides and,
  breadth-first, of their partners until the size target: captures move chains across slots.

Polish phase (idle gaps, weight and kept meetings held): free the meetings of a group of
participants inside one (day, session) block and re-order them within that block, or every
meeting of a few slots of a block.

Lanes (``Budget.lanes``, one by default): neighbourhoods solved side by side on threads; see
``_run_lanes`` and "Workers and lanes" in solver/README.md for why it is off by default.
"""

from __future__ import annotations

import math
import os
import random
import sys
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from solver.model import SubModel
from solver.schedule import GapCounter
from solver.search import Budget, ProgressCallback, run_parallel, run_submodel
from solver.state import ScheduleState

GOOD = (cp_model.OPTIMAL, cp_model.FEASIBLE)
DEBUG = bool(os.environ.get("SOLVER_DEBUG"))
SEEDS = 8  # unscheduled requests a neighbourhood may grow from
QUICK = 0.5  # a proof within this share of the limit lets the neighbourhood grow
SLICE = 1.5  # seconds (or deterministic units) per sub-solve
# polish neighbourhoods that free whole slots (the rest: participant groups)
WINDOW_SHARE = 0.5
MIN_FREE = 4  # a smaller polish neighbourhood is solved only if a few tries find no larger one


@dataclass
class _Job:
    """A neighbourhood built as a sub-model, waiting to be solved and committed."""

    kind: str  # the neighbourhood's kind, whose size adapts to the outcome
    free: list[int]
    claimed_slots: int  # slots no other lane may use meanwhile (bitmask)
    mode: str
    sub: SubModel
    people: set[int]


def quality_key(state: ScheduleState) -> tuple[int, int, int]:
    """(weight, covered participants, meetings kept in their previous slot)."""
    inst = state.inst
    kept = int(np.count_nonzero((inst.previous_slot >= 0) & (state.slot_of == inst.previous_slot)))
    return state.weight_total, state.covered, kept


class LocalSearch:
    def __init__(self, state: ScheduleState, budget: Budget, report: Callable[..., None]):
        self.state = state
        self.inst = state.inst
        self.budget = budget
        self.report = report
        self.rng = random.Random(budget.seed if budget.seed is not None else 12345)
        # neighbourhood sizes, adapted on the fly: grow after a quick optimal solve, else shrink
        self.size = {"slots": 2.0, "people": 300.0, "polish": 60.0, "window": 3.0}
        longest = max(len(block) for block in self.inst.blocks)
        self.limits = {
            "slots": (1, max(1, self.inst.n_slots // 2)),
            "people": (30, 4000),
            "polish": (8, 600),
            "window": (2, max(2, longest)),
        }
        self.gap_counter = GapCounter(self.inst)
        self.iterations = 0
        self.build_s = 0.0  # seconds the last sub-model took to build
        # proven lower bound on idle gaps at the schedule's weight, coverage and kept
        # meetings (CP-SAT's bound on the whole polish model); None when not known
        self.gap_bound: int | None = None

    # ------------------------------------------------------------------ plumbing
    def _prepare(
        self, kind: str, free: list[int], window: int, mode: str, claims: bool = False
    ) -> _Job:
        """Build the sub-model of ``free`` within ``window``; the state is left unchanged.
        ``claims``: no other lane may use the window's slots while this job is solved."""
        started = time.monotonic()
        sub = SubModel(self.state, free, window, mode)
        sub.apply(None)  # building took the free requests out: put them back
        self.build_s = time.monotonic() - started
        people = {self.state._a[r] for r in free} | {self.state._b[r] for r in free}
        return _Job(kind, free, window if claims else 0, mode, sub, people)

    def _solve(self, free: list[int], window: int, mode: str, limit: float, whole=False) -> str:
        """Re-solve ``free`` within ``window`` alone; keep the result unless it is worse."""
        job = self._prepare("whole", free, window, mode)
        callback = None
        if whole:  # one long solve: report its improving solutions as they come
            shown = {"scheduled": self.state.n_scheduled, "weight": self.state.weight_total}
            callback = ProgressCallback(
                lambda objective, bound: self.report(
                    {**shown, "objective": round(objective), "cp_bound": round(bound)}
                )
            )
        status, solver = run_submodel(job.sub, self.budget, limit, callback, small=not whole)
        if whole and mode == "polish" and status in GOOD:
            self._record_gap_bound(job.sub, solver, status)
        return self._commit(job, status, solver, limit)

    def _commit(self, job: _Job, status, solver: cp_model.CpSolver, limit: float) -> str:
        """Move the job's requests to the solver's slots if they still fit (a job solved in
        the same batch may have taken a table or a participant's slot first) and the
        schedule is not worse; otherwise leave the schedule as it was."""
        state = self.state
        self.iterations += 1
        if DEBUG:
            print(
                f"lns {job.mode} free={len(job.free)} vars={len(job.sub.model.proto.variables)} "
                f"status={solver.status_name(status)} t={solver.wall_time:.2f} "
                f"obj={solver.objective_value if status in GOOD else None}",
                file=sys.stderr,
            )
        if status not in GOOD:
            return "timeout"
        targets = job.sub.targets(solver)
        before = quality_key(state)
        polish = job.mode == "polish"
        gaps_before = self._gaps(job.people) if polish else 0
        saved = {r: int(state.slot_of[r]) for r in job.free}
        for r, t in saved.items():
            if t >= 0:
                state.remove(r)
        fits = True
        for r, t in targets.items():
            if t >= 0:
                if not state.free_mask(r) >> t & 1:
                    fits = False
                    break
                state.place(r, t)
        worse = not fits
        if fits:
            after = quality_key(state)
            gaps_after = self._gaps(job.people) if polish else 0
            same_kept = after[2] == before[2]
            worse = after < before or (polish and same_kept and gaps_after > gaps_before)
        if worse:
            for r in job.free:
                if state.slot_of[r] >= 0:
                    state.remove(r)
            for r, t in saved.items():
                if t >= 0:
                    state.place(r, t)
            return "timeout" if fits else "conflict"
        if after > before or (polish and gaps_after < gaps_before):
            self.report()
        if status != cp_model.OPTIMAL:
            return "feasible"
        # proven quickly -> the neighbourhood may grow (deterministic time when seeded)
        spent = solver.response_proto.deterministic_time if self.budget.deterministic else None
        spent = solver.wall_time if spent is None else spent
        return "optimal" if spent < QUICK * limit else "optimal-slow"

    def _record_gap_bound(self, sub: SubModel, solver: cp_model.CpSolver, status) -> None:
        """The whole polish model maximises ``(gaps + 1) * kept - gaps``: with every request
        free and no previous meetings, minus its objective bound bounds the idle gaps."""
        if sub.kept_terms or len(sub.free) != self.inst.n_requests:
            return
        value = (
            solver.objective_value if status == cp_model.OPTIMAL else solver.best_objective_bound
        )
        self.gap_bound = max(self.gap_bound or 0, math.ceil(-value - 1e-6))

    def _gaps(self, people: set[int]) -> int:
        busy = self.state.busy
        return sum(self.gap_counter.total(busy[p]) for p in people)

    def _slice(self) -> float:
        """Limit for one sub-solve."""
        return max(0.05, min(self.budget.remaining(), SLICE))

    def _adapt(self, kind: str, outcome: str) -> None:
        """Grow after a quick proof, keep after a slow one or a conflict with another job
        of the batch, shrink when not proven."""
        if outcome in ("optimal-slow", "conflict"):
            return
        low, high = self.limits[kind]
        factor = 1.25 if outcome == "optimal" else 0.8
        self.size[kind] = min(high, max(low, self.size[kind] * factor))

    # ------------------------------------------------------------------ weight phase
    def full(self, mode: str, limit: float) -> str:
        """Solve the whole instance as one model (small instances)."""
        everything = list(range(self.inst.n_requests))
        return self._solve(everything, self.inst.all_slots, mode, limit, whole=True)

    def improve_weight(self, stop: Callable[[], bool]) -> None:
        def pick(taken: set[int], taken_slots: int) -> _Job | None:
            kind = "slots" if self.rng.random() < 0.5 else "people"
            free, window = self._neighbourhood(kind, taken, taken_slots)
            if not free:
                return None  # every request is scheduled (or taken by another lane)
            return self._prepare(kind, free, window, "weight", claims=kind == "slots")

        self._run_lanes(pick, stop, lambda outcome: None)

    def _neighbourhood(
        self, kind: str, taken: set[int] = frozenset(), taken_slots: int = 0
    ) -> tuple[list[int], int]:
        """Participants reached breadth-first from a random unscheduled request, with their
        meetings in the window (all slots for "people", a few of the seed's slots for
        "slots") and their unscheduled requests that could use the window. Participants in
        ``taken`` and slots in ``taken_slots`` belong to another lane's job: not grown into."""
        state, inst = self.state, self.inst
        unscheduled = [
            r
            for r in np.flatnonzero(state.slot_of < 0).tolist()
            if state._a[r] not in taken and state._b[r] not in taken
        ]
        if not unscheduled:
            return [], 0
        seed_request = unscheduled[self.rng.randrange(len(unscheduled))]
        window = inst.all_slots
        target = self.size["people"]
        if kind == "slots":
            options = [
                t
                for t in range(inst.n_slots)
                if inst.allowed[seed_request] >> t & 1 and not taken_slots >> t & 1
            ]
            options = options or [t for t in range(inst.n_slots) if not taken_slots >> t & 1]
            if not options:
                return [], 0
            k = min(len(options), max(1, round(self.size["slots"])))
            window = sum(1 << t for t in self.rng.sample(options, k))
            target = 4 * self.size["people"]
        seen_people: set[int] = set(taken)
        free: dict[int, None] = {}
        for _ in range(SEEDS):  # more seeds when the first cluster is too small
            queue = deque(p for p in (state._a[seed_request], state._b[seed_request]))
            seen_people.update(queue)
            self._grow(queue, seen_people, free, window, target)
            if len(free) >= target:
                break
            seed_request = unscheduled[self.rng.randrange(len(unscheduled))]
            if not inst.allowed[seed_request] & window:
                break
        return list(free), window

    def _grow(self, queue: deque, seen_people: set, free: dict, window: int, target) -> None:
        """Breadth-first: free the requests of queued participants that can use ``window``;
        partners met in the window join the queue."""
        state, inst = self.state, self.inst
        while queue and len(free) < target:
            p = queue.popleft()
            for r in inst.requests_of[p]:
                t = int(state.slot_of[r])
                if r in free or not (inst.allowed[r] & window):
                    continue
                if t >= 0 and not window >> t & 1:
                    continue
                free[r] = None
                other = state._b[r] if state._a[r] == p else state._a[r]
                if t >= 0 and other not in seen_people:
                    seen_people.add(other)
                    queue.append(other)

    # ------------------------------------------------------------------ polish phase
    def polish(self, stop: Callable[[], bool]) -> None:
        """Reduce idle gaps block by block; weight, coverage and kept meetings are held."""
        state, inst, counter = self.state, self.inst, self.gap_counter
        stale = 0

        def pick(taken: set[int], taken_slots: int) -> _Job | None:
            if stale >= 200:
                return None
            with_gaps = [
                (p, k)
                for p in range(inst.n_participants)
                for k in range(len(counter.masks))
                if counter.block(state.busy[p], k)
            ]
            # centred away from the other lanes' participants where possible
            with_gaps = [(p, k) for p, k in with_gaps if p not in taken] or with_gaps
            if not with_gaps:
                return None
            best: tuple[str, list[int], int] | None = None
            for _ in range(4):  # a few tries for a neighbourhood worth a solve
                p, k = with_gaps[self.rng.randrange(len(with_gaps))]
                kind = "window" if self.rng.random() < WINDOW_SHARE else "polish"
                if kind == "window":
                    free, window = self._slot_window(p, k, taken_slots)
                else:
                    window = counter.masks[k] & ~taken_slots
                    free = self._block_group(p, window)
                if free and (best is None or len(free) > len(best[1])):
                    best = (kind, free, window)
                if len(free) >= MIN_FREE:
                    break
            if best is None:
                return None
            kind, free, window = best
            return self._prepare(kind, free, window, "polish", claims=kind == "window")

        def count(outcome: str) -> None:
            nonlocal stale
            stale = stale if outcome.startswith("optimal") else stale + 1

        self._run_lanes(pick, stop, count)

    def _run_lanes(
        self,
        pick: Callable[[set[int], int], _Job | None],
        stop: Callable[[], bool],
        done: Callable[[str], None],
    ) -> None:
        """Solve neighbourhoods from ``pick`` on ``budget.lanes`` threads until ``stop()``,
        the budget ends or ``pick`` has none. ``pick(taken, taken_slots)`` gets the
        participants and the claimed slots of the jobs in flight, to steer clear of them
        (jobs may still overlap: a job whose solution no longer fits is not committed);
        ``done`` sees each outcome.

        Seeded runs go in rounds (pick one job per lane, solve them side by side, commit in
        order), so the schedule does not depend on which solve finishes first; other runs
        start a new job as soon as a lane is free."""
        lanes, budget = self.budget.lanes, self.budget
        if budget.deterministic or lanes == 1:
            while self._time_for_another() and not stop():
                jobs: list[_Job] = []
                taken: set[int] = set()
                taken_slots = 0
                for _ in range(lanes):
                    job = pick(taken, taken_slots)
                    if job is None:
                        break
                    jobs.append(job)
                    taken.update(job.people)
                    taken_slots |= job.claimed_slots
                if not jobs:
                    return
                limit = self._slice()
                results = run_parallel([job.sub for job in jobs], budget, limit)
                for job, (status, solver) in zip(jobs, results, strict=True):
                    done(self._finish(job, status, solver, limit))
            return
        with ThreadPoolExecutor(max_workers=lanes) as pool:
            running: dict[Future, tuple[_Job, float]] = {}
            while True:
                while len(running) < lanes and self._time_for_another() and not stop():
                    taken = {p for job, _ in running.values() for p in job.people}
                    taken_slots = 0
                    for job, _ in running.values():
                        taken_slots |= job.claimed_slots
                    job = pick(taken, taken_slots)
                    if job is None:
                        break
                    limit = self._slice()
                    future = pool.submit(run_submodel, job.sub, budget, limit, small=True)
                    running[future] = (job, limit)
                if not running:
                    return
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    job, limit = running.pop(future)
                    status, solver = future.result()
                    done(self._finish(job, status, solver, limit))

    def _time_for_another(self) -> bool:
        """Budget left for a sub-solve, and (unseeded) for building its model: on the
        largest fairs a neighbourhood takes seconds to build, which a run must not overrun."""
        margin = 0.05 if self.budget.deterministic else 0.05 + self.build_s
        return self.budget.remaining() > margin

    def _finish(self, job: _Job, status, solver: cp_model.CpSolver, limit: float) -> str:
        outcome = self._commit(job, status, solver, limit)
        self._adapt(job.kind, outcome)
        return outcome

    def _slot_window(self, p: int, k: int, taken_slots: int = 0) -> tuple[list[int], int]:
        """Every meeting in a few slots of block ``k`` around one of ``p``'s gaps: the
        meetings of those slots may be re-ordered among them (room at the tables included).
        Slots in ``taken_slots`` (claimed by another lane) are left out."""
        state, slots = self.state, self.inst.blocks[k]
        size = min(len(slots), max(2, round(self.size["window"])))
        open_ = [i for i, t in enumerate(slots) if not taken_slots >> t & 1]
        busy = [i for i, t in enumerate(slots) if state.busy[p] >> t & 1]
        idle = [i for i in range(busy[0], busy[-1] + 1) if not state.busy[p] >> slots[i] & 1]
        idle = [i for i in idle if i in open_] or [i for i in busy if i in open_]
        if len(open_) < 2 or not idle:
            return [], 0
        centre = idle[self.rng.randrange(len(idle))]
        chosen = {centre}
        others = [i for i in open_ if i != centre]
        self.rng.shuffle(others)
        # half of the window next to the gap, the rest anywhere in the block
        near = sorted(others, key=lambda i: abs(i - centre))[: max(0, size // 2)]
        chosen.update(near)
        for i in others:
            if len(chosen) >= size:
                break
            chosen.add(i)
        window = sum(1 << slots[i] for i in chosen)
        free = [r for i in sorted(chosen) for r in sorted(state.members[slots[i]])]
        return free, window

    def _block_group(self, p: int, block: int) -> list[int]:
        """Meetings in ``block`` (slots) of ``p`` and, breadth-first, of their partners."""
        state, inst = self.state, self.inst
        target = self.size["polish"]
        queue, seen, free = [p], {p}, {}
        while queue and len(free) < target:
            q = queue.pop(0)
            for r in inst.requests_of[q]:
                t = state.slot_of[r]
                if t < 0 or not block >> int(t) & 1 or r in free:
                    continue
                free[r] = None
                other = state._b[r] if state._a[r] == q else state._a[r]
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        return list(free)
