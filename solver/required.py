"""Required requests: place them all, or explain why they cannot all be scheduled."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from ortools.sat.python import cp_model

from solver.greedy import construct, keep_previous
from solver.model import SubModel
from solver.search import Budget, run_submodel
from solver.state import ScheduleState, bits

CORE_TIME_LIMIT = 10.0


def place_required(state: ScheduleState, budget: Budget) -> list[int]:
    """Schedule every required request; returns an infeasible core (empty when fine).

    When the greedy left some required request out, the other meetings are removed, CP-SAT
    places the required ones alone, and the greedy refills the rest around them. If time runs
    out first, the required requests stay partly unscheduled (status UNKNOWN, empty core).
    """
    inst = state.inst
    required = np.flatnonzero(inst.required).tolist()
    if all(state.slot_of[r] >= 0 for r in required):
        return []
    for r in required:
        if not inst.allowed[r]:
            return [r]
    for r in np.flatnonzero(state.slot_of >= 0).tolist():
        if not inst.required[r]:
            state.remove(r)
    sub = SubModel(state, required, inst.all_slots, "weight")
    # a feasibility question: the first placement will do, the polish phase orders it
    status, solver = run_submodel(sub, budget, max(1.0, budget.remaining() / 2), first=True)
    feasible = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    sub.apply(solver if feasible else None)
    keep_previous(state)  # re-planning: the others go back to their published slots first
    construct(state)
    if feasible or status != cp_model.INFEASIBLE:
        return []
    return infeasible_core(state, required)


def infeasible_core(state: ScheduleState, required: list[int]) -> list[int]:
    """A small set of required requests that cannot all be scheduled (CP-SAT assumptions)."""
    model = cp_model.CpModel()
    request_of_literal: dict[int, int] = {}
    by_part: dict[tuple[int, int], list] = defaultdict(list)
    by_slot: dict[int, list] = defaultdict(list)
    by_lang: dict[tuple[int, int], list] = defaultdict(list)
    per_part: dict[int, list] = defaultdict(list)
    for r in required:
        row = []
        a, b, lang = state._a[r], state._b[r], state._lang[r]
        for t in bits(state.inst.allowed[r]):
            v = model.new_bool_var(f"x{r}_{t}")
            row.append(v)
            by_part[a, t].append(v)
            by_part[b, t].append(v)
            if not state._online[r]:
                by_slot[t].append(v)
            per_part[a].append(v)
            per_part[b].append(v)
            if lang >= 0:
                by_lang[lang, t].append(v)
        wanted = model.new_bool_var(f"need{r}")
        request_of_literal[wanted.index] = r
        model.add(sum(row) == 1).only_enforce_if(wanted)
        model.add(sum(row) <= 1)
        model.add_assumption(wanted)
    for (p, _t), vs in by_part.items():
        model.add(sum(vs) <= state._parallel[p])
    for t, vs in by_slot.items():
        model.add(sum(vs) <= min(state._cap[t], len(vs)))
    for (lang, _t), vs in by_lang.items():
        model.add(sum(vs) <= state._interp[lang])
    for p, vs in per_part.items():
        model.add(sum(vs) <= min(state._max[p], len(vs)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = CORE_TIME_LIMIT
    if solver.solve(model) != cp_model.INFEASIBLE:
        return sorted(required)
    core = [request_of_literal[i] for i in solver.sufficient_assumptions_for_infeasibility()]
    return sorted(core) or sorted(required)
