"""A lower bound on idle gaps: each participant alone, with its required meetings.

A participant every one of whose requests is required must hold all of them, each in a slot
both sides can use (availability, session wish, pin), at most ``parallel`` at once. The
fewest idle gaps it can have on its own, ignoring everyone else's timetable, the tables and
the interpreters, is a lower bound on its idle gaps in any schedule; the sum over
participants bounds the schedule's. (A participant with an optional request contributes 0:
adding a meeting can close a gap, so its required meetings alone bound nothing.)

Each participant is one tiny CP-SAT model (a few dozen booleans) solved to optimality; it
catches the gaps that forbidden slots, pins and session wishes force. The engine reports
``max(this, CP-SAT's bound on the whole polish model)`` as ``stats.idle_gaps_bound``.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.instance import Instance
from solver.state import bits

PER_PARTICIPANT_LIMIT = 0.2  # deterministic units; not proven by then: its CP-SAT bound counts


def alone_gap_bound(inst: Instance, budget: float = 2.0) -> int:
    """Sum over participants of their fewest idle gaps on their own (see module doc).
    ``budget``: deterministic time for all the small models (the rest then count 0), so
    the value does not depend on the machine's load."""
    total = 0
    required = inst.required.tolist()
    spent = 0.0
    for p in range(inst.n_participants):
        rs = inst.requests_of[p]
        if not rs or not all(required[r] for r in rs) or spent > budget:
            continue
        if _one_run_fits(inst, p, rs):
            continue  # no gap forced: skip the model
        value, units = _alone(inst, p, rs)
        total += value
        spent += units
    return total


def _one_run_fits(inst: Instance, p: int, rs: list[int]) -> bool:
    """Quick test for the common case: the meetings fit, one per slot, in one run of
    consecutive slots of one block (or one run in each of two blocks)."""
    if inst.parallel[p] != 1 or len(inst.blocks) > 2:
        return False
    d = len(rs)
    masks = [inst.allowed[r] for r in rs]
    options = []  # per block: (bitmask, length) of every run, (0, 0) for the block unused
    for block in inst.blocks:
        block_runs = [(0, 0)]
        for i in range(len(block)):
            mask = 0
            for j in range(i, min(len(block), i + d)):
                mask |= 1 << block[j]
                block_runs.append((mask, j - i + 1))
        options.append(block_runs)
    first = options[0]
    second = options[1] if len(options) > 1 else [(0, 0)]
    for mask_a, len_a in first:
        for mask_b, len_b in second:
            if len_a + len_b == d and _perfect_matching(masks, mask_a | mask_b):
                return True
    return False


def _perfect_matching(masks: list[int], window: int) -> bool:
    """Can every meeting take its own slot of ``window`` (Kuhn's augmenting paths)?"""
    owner: dict[int, int] = {}

    def place(k: int, seen: int) -> bool:
        for t in bits(masks[k] & window & ~seen):
            seen |= 1 << t
            if t not in owner or place(owner[t], seen):
                owner[t] = k
                return True
        return False

    return all(place(k, 0) for k in range(len(masks)))


def _alone(inst: Instance, p: int, rs: list[int]) -> tuple[int, float]:
    """(fewest idle gaps of ``p`` alone, deterministic time spent)."""
    model = cp_model.CpModel()
    at: dict[int, list] = {}
    for r in rs:
        row = []
        for t in bits(inst.allowed[r]):
            v = model.new_bool_var(f"x{r}_{t}")
            row.append(v)
            at.setdefault(t, []).append(v)
        if not row:
            return 0, 0.0  # cannot be placed at all: the instance is infeasible anyway
        model.add_exactly_one(row)
    parallel = int(inst.parallel[p])
    gaps = []
    for block in inst.blocks:
        busy = []
        for t in block:
            vs = at.get(t, [])
            if len(vs) > parallel:
                model.add(sum(vs) <= parallel)
            if not vs:
                busy.append(0)
            else:
                b = model.new_bool_var(f"b{t}")
                model.add_max_equality(b, vs)
                busy.append(b)
        if not any(not isinstance(b, int) for b in busy):
            continue
        prev = 0
        starts = []
        for b in busy:
            if not (isinstance(b, int) and isinstance(prev, int)):
                s = model.new_bool_var("s")
                model.add(s >= b - prev)
                starts.append(s)
            prev = b
        has = model.new_bool_var("h")
        model.add(has <= sum(b for b in busy if not isinstance(b, int)))
        gaps.append(sum(starts) - has)
    if not gaps:
        return 0, 0.0
    model.minimize(sum(gaps))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = PER_PARTICIPANT_LIMIT
    solver.parameters.max_time_in_seconds = 10 * PER_PARTICIPANT_LIMIT  # guard only
    status = solver.solve(model)
    spent = solver.response_proto.deterministic_time
    if status == cp_model.OPTIMAL:
        return max(0, round(solver.objective_value)), spent
    if status == cp_model.FEASIBLE:
        return max(0, int(-(-solver.best_objective_bound // 1))), spent
    return 0, spent
