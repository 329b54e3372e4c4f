"""CP-SAT model of a sub-problem: some requests are free, everything else stays fixed.

One boolean ``x[r, t]`` per free request ``r`` and slot ``t`` of a window where ``r`` still
fits next to the fixed meetings (residual parallel/table/interpreter capacity). With every
request free and the window = all slots this is the full model; the large-neighbourhood
search frees a few slots or a group of participants at a time.

Objective, lexicographic, encoded with weights that make each level dominate the next:

* ``weight`` mode: maximise total weight, then coverage (participants with at least one
  meeting), then meetings kept in their previous slot, then meetings left where they are;
* ``polish`` mode: weight, coverage and kept meetings may not decrease (constraints);
  maximise kept, then minimise idle gaps.

Idle gaps of participant ``p`` in block ``B``: with ``busy[t]`` (exact) and ``after[t]`` (a
meeting at ``t`` or later in ``B``, lower-bounded by chaining), a gap starts at ``t`` when
``busy[t-1] and not busy[t] and after[t+1]``; ``g[t] >= busy[t-1] - busy[t] + after[t+1] - 1``.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from solver.state import ScheduleState, bits


class SubModel:
    """Building removes the free requests from ``state`` (so its loads are the residual
    capacities); ``apply`` puts them back, as solved or where they were."""

    def __init__(self, state: ScheduleState, free: list[int], window: int, mode: str = "weight"):
        self.state = state
        self.inst = inst = state.inst
        self.free = free
        self.mode = mode
        self.current = {r: int(state.slot_of[r]) for r in free}
        for r in free:
            if self.current[r] >= 0:
                state.remove(r)
        self.model = model = cp_model.CpModel()
        self.x: dict[int, dict[int, cp_model.IntVar]] = {}
        self.hint: dict[cp_model.IntVar, int] = {}
        by_part: dict[tuple[int, int], list] = defaultdict(list)
        by_slot: dict[int, list] = defaultdict(list)
        by_lang: dict[tuple[int, int], list] = defaultdict(list)
        weight, prev_slot, required = inst.weight, inst.previous_slot, inst.required
        self.weight_terms, self.kept_terms = [], []
        for r in free:
            a, b = state._a[r], state._b[r]
            lang = state._lang[r]
            blocked = state.full[a] | state.full[b]
            if not state._online[r]:
                blocked |= state.slot_full
            if lang >= 0:
                blocked |= state.lang_full[lang]
            mask = inst.allowed[r] & window & ~blocked
            if state.count[a] >= state._max[a] or state.count[b] >= state._max[b]:
                mask = 0
            row = {}
            for t in bits(mask):
                var = model.new_bool_var(f"x{r}_{t}")
                row[t] = var
                self.hint[var] = int(self.current[r] == t)
                by_part[a, t].append(var)
                by_part[b, t].append(var)
                if not state._online[r]:
                    by_slot[t].append(var)
                if lang >= 0:
                    by_lang[lang, t].append(var)
            self.x[r] = row
            if required[r]:
                model.add_exactly_one(row.values())
            elif len(row) > 1:
                model.add_at_most_one(row.values())
            if row:
                self.weight_terms.append((int(weight[r]), list(row.values())))
            ps = int(prev_slot[r])
            if ps in row:
                self.kept_terms.append(row[ps])
        self._capacities(by_part, by_slot, by_lang)
        self.part_vars = by_part
        self._objective()

    # ----------------------------------------------------------------- constraints
    def _capacities(self, by_part, by_slot, by_lang) -> None:
        state, model = self.state, self.model
        for (p, t), vs in by_part.items():
            room = state._parallel[p] - state.part_load[p][t]
            if len(vs) > room:
                model.add(sum(vs) <= room) if room > 1 else model.add_at_most_one(vs)
        for t, vs in by_slot.items():
            room = state._cap[t] - state.slot_load[t]
            if len(vs) > room:
                model.add(sum(vs) <= room)
        for (lang, t), vs in by_lang.items():
            room = state._interp[lang] - state.lang_load[lang][t]
            if len(vs) > room:
                model.add(sum(vs) <= room)
        per_part: dict[int, list] = defaultdict(list)
        for (p, _t), vs in by_part.items():
            if state._max[p] < (1 << 30):
                per_part[p].extend(vs)
        for p, vs in per_part.items():
            room = state._max[p] - state.count[p]
            if len(vs) > room:
                model.add(sum(vs) <= room)

    def _coverage(self) -> list:
        """Booleans 'participant gets a meeting' for touched participants with none fixed."""
        state, model = self.state, self.model
        vars_of: dict[int, list] = defaultdict(list)
        for (p, _t), vs in self.part_vars.items():
            if state.count[p] == 0:
                vars_of[p].extend(vs)
        covered = []
        for p, vs in vars_of.items():
            c = model.new_bool_var(f"cov{p}")
            model.add_bool_or(vs).only_enforce_if(c)
            self.hint[c] = int(any(self.hint[v] for v in vs))
            covered.append(c)
        return covered

    def _objective(self) -> None:
        model = self.model
        weight = sum(w * sum(vs) for w, vs in self.weight_terms)
        covered = self._coverage()
        kept = sum(self.kept_terms)
        if self.mode == "weight":
            # lowest level: stay in the current slot (the search does not scatter days)
            stay = [self.x[r][t] for r, t in self.current.items() if t in self.x[r]]
            k3 = len(stay) + 1
            k2 = k3 * (len(self.kept_terms) + 1)
            k1 = k2 * (len(covered) + 1)
            model.maximize(k1 * weight + k2 * sum(covered) + k3 * kept + sum(stay))
        else:
            hint_of = self.hint
            model.add(weight >= sum(w * sum(hint_of[v] for v in vs) for w, vs in self.weight_terms))
            model.add(sum(covered) >= sum(hint_of[c] for c in covered))
            model.add(kept >= sum(hint_of[v] for v in self.kept_terms))
            gaps = self._gaps()
            model.maximize((len(gaps) + 1) * kept - sum(gaps))
        for var, value in self.hint.items():
            model.add_hint(var, value)

    def _gaps(self) -> list:
        """Gap-start booleans for every (participant, block) whose day can change."""
        inst = self.inst
        slots_of: dict[int, set[int]] = defaultdict(set)
        for p, t in self.part_vars:
            slots_of[p].add(int(inst.slot_block[t]))
        gap_vars = []
        for p, blocks in slots_of.items():
            for blk in blocks:
                busy = [self._busy(p, t) for t in inst.blocks[blk]]
                gap_vars.extend(self._block_gaps(busy, f"{p}_{blk}"))
        return gap_vars

    def _busy(self, p: int, t: int):
        """(expression or constant, hint value) for 'p has a meeting at t'."""
        vs = self.part_vars.get((p, t), [])
        if self.state.part_load[p][t] > 0:
            return 1, 1
        if not vs:
            return 0, 0
        hint = int(any(self.hint[v] for v in vs))
        if self.state._parallel[p] == 1 or len(vs) == 1:
            return sum(vs), hint
        b = self.model.new_bool_var(f"busy{p}_{t}")
        self.model.add_max_equality(b, vs)
        self.hint[b] = hint
        return b, hint

    def _block_gaps(self, busy: list, tag: str) -> list:
        model = self.model
        n = len(busy)
        after: list = [None] * (n + 1)
        after[n] = (0, 0)
        for i in range(n - 1, -1, -1):
            expr, hint = busy[i]
            nxt, nxt_hint = after[i + 1]
            value = max(hint, nxt_hint)
            if isinstance(expr, int):
                after[i] = (1, 1) if expr else (nxt, nxt_hint)
            else:
                v = model.new_bool_var(f"after{tag}_{i}")
                model.add(v >= expr)
                if not isinstance(nxt, int):
                    model.add(v >= nxt)
                elif nxt:
                    model.add(v == 1)
                self.hint[v] = value
                after[i] = (v, value)
        gaps = []
        for i in range(1, n - 1):
            (prev, ph), (cur, ch), (aft, ah) = busy[i - 1], busy[i], after[i + 1]
            if all(isinstance(e, int) for e in (prev, cur, aft)):
                continue  # constant: cannot change in this sub-problem
            g = model.new_bool_var(f"g{tag}_{i}")
            model.add(g >= prev - cur + aft - 1)
            self.hint[g] = int(ph - ch + ah - 1 >= 1)
            gaps.append(g)
        return gaps

    # ----------------------------------------------------------------- result
    def targets(self, solver: cp_model.CpSolver) -> dict[int, int]:
        """The solution's slot of each free request (-1: left unscheduled)."""
        out = {}
        for r in self.free:
            out[r] = next((t for t, var in self.x[r].items() if solver.boolean_value(var)), -1)
        return out

    def apply(self, solver: cp_model.CpSolver | None) -> None:
        """Place the free requests as in the solver's solution (or back where they were)."""
        state = self.state
        for r in self.free:
            target = self.current[r]
            if solver is not None:
                target = -1
                for t, var in self.x[r].items():
                    if solver.boolean_value(var):
                        target = t
                        break
            if target >= 0:
                state.place(r, target)
