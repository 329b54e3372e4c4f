"""Upper bounds on the weight and on the number of meetings (``python -m solver bound``).

The bound is the linear relaxation of the schedule, with the slots of each (day, session)
block pooled together (``granularity="block"``; ``"slot"`` keeps every slot apart, tighter
but ~8x larger). One variable x[r, g] per request r and block g that holds at least one slot
where both sides are available and the request's session and pin allow it:

- each request at most once: sum_g x[r, g] <= 1;
- participant p in block g: at most parallel_p x (its usable slots in g) meetings;
- participant p overall: at most max_meetings_p;
- block g: at most the sum of its slots' tables (online slots: unlimited);
- language l in block g: at most interpreters[l] x (slots of g);
- each required request scheduled: sum_g x[r, g] >= 1 (written -sum_g x[r, g] <= -1).

Every real schedule is a solution of this LP, so its optimum is a valid upper bound. The
required rows matter: a required request pushes out heavier ones, and without them the bound
on the 300-company fair S was 2,966 against an optimum of 2,959 (with them: 2,959). If the
required requests cannot all fit, even fractionally, there is no schedule to bound and the
LP without those rows is used instead. The LP is solved with GLOP (OR-Tools' simplex), then
the bound is *certified* from the dual values: for any y >= 0, b.y + sum_r max(0, max_g
(w_r - A^T y)) bounds the LP, so solver tolerances can never make the reported bound too low.
Integer optima allow rounding down.
"""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver.python import model_builder_helper as mbh

from solver.checker import CheckInputError, load_json, parse_instance

_EPS = 1e-6


@dataclass
class _Lp:
    """max obj.x  s.t.  A x <= rhs,  0 <= x <= 1  (A in coordinate form, entries in vals).

    Every entry is 1 except in the rows of required requests (-sum_g x[r, g] <= -1).
    """

    rows: np.ndarray
    cols: np.ndarray
    rhs: np.ndarray
    n_cols: int
    col_request: np.ndarray  # request index of each column
    vals: np.ndarray  # coefficient of each entry (1 or -1)
    n_required_rows: int = 0  # the last rows: the required requests'


def _build(instance: dict, granularity: str, required: bool = True) -> tuple[_Lp, np.ndarray]:
    inst = parse_instance(instance)
    slot_ids = list(inst.slots)
    slot_index = {s: i for i, s in enumerate(slot_ids)}
    n_slots = len(slot_ids)
    if granularity == "block":
        keys: dict = {}
        group_of = np.array(
            [keys.setdefault((s.day, s.session), len(keys)) for s in inst.slots.values()]
        )
    elif granularity == "slot":
        group_of = np.arange(n_slots)
    else:
        raise ValueError(f"granularity must be 'block' or 'slot', not {granularity!r}")
    n_groups = int(group_of.max()) + 1 if n_slots else 0
    member = np.zeros((n_slots, n_groups), dtype=np.int32)
    member[np.arange(n_slots), group_of] = 1

    pids = list(inst.participants)
    p_index = {p: i for i, p in enumerate(pids)}
    n_part = len(pids)
    available = np.ones((n_part, n_slots), dtype=bool)
    parallel = np.empty(n_part, dtype=np.int64)
    max_meet = np.full(n_part, np.iinfo(np.int64).max // 4, dtype=np.int64)
    for i, p in enumerate(inst.participants.values()):
        for s in p.unavailable:
            available[i, slot_index[s]] = False
        parallel[i] = p.parallel
        if p.max_meetings is not None:
            max_meet[i] = p.max_meetings

    reqs = list(inst.requests.values())
    n_req = len(reqs)
    a = np.fromiter((p_index[r.a] for r in reqs), dtype=np.int64, count=n_req)
    b = np.fromiter((p_index[r.b] for r in reqs), dtype=np.int64, count=n_req)
    weight = np.fromiter((r.weight for r in reqs), dtype=np.float64, count=n_req)
    online = np.fromiter((r.online for r in reqs), dtype=bool, count=n_req)
    usable = available[a] & available[b]
    sessions = np.array([s.session for s in inst.slots.values()], dtype=object)
    for k, r in enumerate(reqs):
        if r.session is not None:
            usable[k] &= sessions == r.session
        if r.fixed_slot is not None:
            keep = usable[k, slot_index[r.fixed_slot]]
            usable[k] = False
            usable[k, slot_index[r.fixed_slot]] = keep
    req_group = usable.astype(np.int32) @ member  # usable slots of request r in group g
    col_req, col_group = np.nonzero(req_group)
    n_cols = len(col_req)

    row_blocks: list[tuple[np.ndarray, np.ndarray]] = []  # (row id per column entry, col ids)
    rhs_blocks: list[np.ndarray] = []
    n_rows = 0

    def add_rows(row_of_col: np.ndarray, cols: np.ndarray, rhs: np.ndarray) -> None:
        """Rows numbered 0..len(rhs)-1 locally; row_of_col gives each column's row."""
        nonlocal n_rows
        row_blocks.append((row_of_col + n_rows, cols))
        rhs_blocks.append(rhs.astype(np.float64))
        n_rows += len(rhs)

    all_cols = np.arange(n_cols)
    # each request at most once (only when it has columns in several groups)
    groups_per_req = np.bincount(col_req, minlength=n_req)
    multi = groups_per_req[col_req] > 1
    multi_reqs, local = np.unique(col_req[multi], return_inverse=True)
    add_rows(local, all_cols[multi], np.ones(len(multi_reqs)))

    # participant per group, and participant overall (max_meetings, only when it can bind)
    slots_per_group = available.astype(np.int32) @ member  # (participant, group)
    cap_pg = np.minimum(parallel[:, None] * slots_per_group, max_meet[:, None])
    ends = np.concatenate([a[col_req], b[col_req]])
    end_cols = np.concatenate([all_cols, all_cols])
    uniq, local = np.unique(
        ends * n_groups + np.concatenate([col_group, col_group]), return_inverse=True
    )
    add_rows(local, end_cols, cap_pg.ravel()[uniq])
    capped = max_meet[ends] < cap_pg.sum(axis=1)[ends]
    uniq, local = np.unique(ends[capped], return_inverse=True)
    add_rows(local, end_cols[capped], max_meet[uniq])

    # tables per group (a group with an unlimited, e.g. online, slot gets no row)
    group_tables = np.zeros(n_groups)
    for s, slot in enumerate(inst.slots.values()):
        cap = math.inf if slot.capacity is None else slot.capacity
        group_tables[group_of[s]] += cap
    finite = np.flatnonzero(np.isfinite(group_tables))
    local_group = np.full(n_groups, -1)
    local_group[finite] = np.arange(len(finite))
    limited = (local_group[col_group] >= 0) & ~online[col_req]  # online meetings take no table
    add_rows(local_group[col_group[limited]], all_cols[limited], group_tables[finite])

    # interpreters per language and group
    langs = sorted(inst.interpreters)
    lang_index = {lang: i for i, lang in enumerate(langs)}
    req_lang = np.fromiter(
        (lang_index.get(r.interpreter, -1) if r.interpreter else -1 for r in reqs),
        dtype=np.int64,
        count=n_req,
    )
    if langs:
        col_lang = req_lang[col_req]
        has = col_lang >= 0
        limit = np.array([inst.interpreters[lang] for lang in langs], dtype=np.float64)
        slots_in_group = member.sum(axis=0)
        rhs = (limit[:, None] * slots_in_group[None, :]).ravel()
        add_rows(col_lang[has] * n_groups + col_group[has], all_cols[has], rhs)

    n_entries = sum(len(c) for _, c in row_blocks)
    # required requests: sum_g x[r, g] >= 1, written -sum_g x[r, g] <= -1 (a required request
    # without any column makes the instance infeasible: left out, the LP stays feasible)
    n_required = 0
    if required:
        is_required = np.fromiter((r.required for r in reqs), dtype=bool, count=n_req)
        has_cols = is_required[col_req]
        req_ids, local = np.unique(col_req[has_cols], return_inverse=True)
        add_rows(local, all_cols[has_cols], -np.ones(len(req_ids)))
        n_required = len(req_ids)

    rows = np.concatenate([r for r, _ in row_blocks]) if row_blocks else np.empty(0, np.int64)
    cols = np.concatenate([c for _, c in row_blocks]) if row_blocks else np.empty(0, np.int64)
    rhs = np.concatenate(rhs_blocks) if rhs_blocks else np.empty(0)
    vals = np.ones(len(cols))
    vals[n_entries:] = -1.0
    return _Lp(rows, cols, rhs, n_cols, col_req, vals, n_required), weight


# Simplex (GLOP) is exact and quick up to ~20k columns; above, the first-order PDLP solver
# gets within 1e-4 in seconds where GLOP needs minutes (10,000 companies: 13 s vs 127 s).
# Either way the bound is certified from the duals, so an inexact solve only loosens it.
_SIMPLEX_MAX_COLUMNS = 20_000
_PDLP_PARAMS = (
    "termination_criteria { simple_optimality_criteria {"
    " eps_optimal_relative: 1e-4 eps_optimal_absolute: 1e-4 } } num_threads: 2"
)
_LP_TIME_LIMIT_S = 120.0


def _without_required(lp: _Lp) -> _Lp:
    """The same LP without the rows of the required requests (always feasible: x = 0)."""
    keep = lp.vals > 0  # the required rows' entries, the only -1s, come last
    n_rows = len(lp.rhs) - lp.n_required_rows
    return _Lp(lp.rows[keep], lp.cols[keep], lp.rhs[:n_rows], lp.n_cols, lp.col_request,
               lp.vals[keep])  # fmt: skip


def _solve_duals(lp: _Lp, objective: np.ndarray) -> np.ndarray | None:
    """Dual values (>= 0) of the LP's rows; None if no LP solver answers (e.g. the required
    requests cannot all fit even fractionally)."""
    order = np.argsort(lp.rows, kind="stable")
    rows, cols, vals = lp.rows[order], lp.cols[order], lp.vals[order]
    starts = np.searchsorted(rows, np.arange(len(lp.rhs) + 1))
    model = mbh.ModelBuilderHelper()
    n = lp.n_cols
    var = model.add_var_array_with_bounds(np.zeros(n), np.ones(n), np.zeros(n, bool), "x")
    model.set_objective_coefficients(var.tolist(), objective.tolist())
    model.set_maximize(True)
    add_term = model.add_term_to_constraint
    for row, bound in enumerate(lp.rhs.tolist()):
        ct = model.add_linear_constraint()
        model.set_constraint_lower_bound(ct, -math.inf)
        model.set_constraint_upper_bound(ct, bound)
        for col, val in zip(
            cols[starts[row] : starts[row + 1]].tolist(),
            vals[starts[row] : starts[row + 1]].tolist(),
            strict=True,
        ):
            add_term(ct, col, val)
    backends = ["glop", "pdlp"] if n <= _SIMPLEX_MAX_COLUMNS else ["pdlp", "glop"]
    for backend in backends:
        solver = mbh.ModelSolverHelper(backend)
        if not solver.solver_is_supported():
            continue
        if backend == "pdlp":
            solver.set_solver_specific_parameters(_PDLP_PARAMS)
        solver.set_time_limit_in_seconds(_LP_TIME_LIMIT_S)
        solver.solve(model)
        if solver.status() in (mbh.SolveStatus.OPTIMAL, mbh.SolveStatus.FEASIBLE):
            duals = np.abs(np.asarray(solver.dual_values(), dtype=np.float64))
            if duals.shape == lp.rhs.shape and np.isfinite(duals).all():
                return duals
    return None


def _certified(lp: _Lp, objective: np.ndarray, duals: np.ndarray) -> float:
    """b.y + sum over requests of the best positive reduced cost: valid for any y >= 0."""
    reduced = objective - np.bincount(
        lp.cols, weights=lp.vals * duals[lp.rows], minlength=lp.n_cols
    )
    best = np.zeros(int(lp.col_request.max()) + 1 if lp.n_cols else 0)
    np.maximum.at(best, lp.col_request, reduced)
    # a request's columns share the "at most once" row or have only one column, so the
    # upper bound x <= 1 is paid once per request: at most its best reduced cost.
    return float(lp.rhs @ duals + np.maximum(best, 0.0).sum())


def upper_bound(
    instance: dict,
    granularity: str = "block",
    what: tuple[str, ...] = ("weight", "meetings"),
    required: bool = True,
) -> dict:
    """``{"weight": int, "meetings": int}``, never below the best schedule's figures.

    ``what`` selects the figures to compute (each one is an LP solve: about 10 s at 10,000
    companies, well under a second at 300). ``required=False`` leaves out the rows that make
    every required request scheduled (looser; for comparison). When the required requests
    cannot all fit, there is no schedule to bound and the LP without those rows is used.

    Raises ``CheckInputError`` (a ``ValueError``) naming the field if the instance is malformed.
    """
    lp, weight = _build(instance, granularity, required)
    result = {}
    for name in what:
        if name == "weight":
            objective, trivial = weight[lp.col_request], int(weight.sum())
        elif name == "meetings":
            objective, trivial = np.ones(lp.n_cols), len(weight)
        else:
            raise ValueError(f"unknown bound {name!r}: use 'weight' or 'meetings'")
        if lp.n_cols == 0:
            result[name] = 0
            continue
        duals = _solve_duals(lp, objective)
        if duals is None and lp.n_required_rows:  # infeasible: no optimum to bound, so any
            lp = _without_required(lp)  # figure is valid; the LP without them is meaningful
            duals = _solve_duals(lp, objective)
        if duals is None:
            result[name] = trivial
            continue
        value = _certified(lp, objective, duals)
        result[name] = min(trivial, math.floor(value + _EPS))
    return result


def command_bound(args) -> int:
    try:
        instance = load_json(args.instance, "instance")
        started = time.perf_counter()
        result = upper_bound(instance, args.granularity)
    except CheckInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"weight: {result['weight']}")
    print(f"meetings: {result['meetings']}")
    print(f"time: {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0
