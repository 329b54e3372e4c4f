"""A mutable schedule (request -> slot) with incremental resource loads.

Besides the loads, the state keeps "full" bitmasks: the slots where a participant is at
its ``parallel`` limit, where every table is taken, where a language has no interpreter
left. The slots a request can be placed in right now is then a few bitwise operations:
``allowed & ~full[a] & ~full[b] & ~slot_full & ~lang_full[lang]``.
"""

from __future__ import annotations

import numpy as np

from solver.instance import Instance


class ScheduleState:
    def __init__(self, inst: Instance):
        self.inst = inst
        n_t = inst.n_slots
        self.slot_of = np.full(inst.n_requests, -1, dtype=np.int32)
        # plain lists: scalar access is several times faster than on numpy arrays
        self.part_load = [[0] * n_t for _ in range(inst.n_participants)]
        self.count = [0] * inst.n_participants
        self.covered = 0  # participants with at least one meeting
        self.slot_load = [0] * n_t
        self.lang_load = [[0] * n_t for _ in inst.languages]
        self.full = [0] * inst.n_participants
        self.busy = [0] * inst.n_participants  # slots where the participant has a meeting
        self.members: list[set[int]] = [set() for _ in range(n_t)]  # requests per slot
        self.lang_members = [[set() for _ in range(n_t)] for _ in inst.languages]
        self.slot_full = 0
        self.lang_full = [0] * len(inst.languages)
        for t in range(n_t):
            if inst.capacity[t] <= 0:
                self.slot_full |= 1 << t
            for lang in range(len(inst.languages)):
                if inst.interpreters[lang] <= 0:
                    self.lang_full[lang] |= 1 << t
        self._a = inst.req_a.tolist()
        self._b = inst.req_b.tolist()
        self._lang = inst.language.tolist()
        self._parallel = inst.parallel.tolist()
        self._max = inst.max_meetings.tolist()
        self._cap = inst.capacity.tolist()
        self._online = inst.online.tolist()
        self._interp = inst.interpreters.tolist()
        self.weight_total = 0
        self.n_scheduled = 0
        self._w = inst.weight.tolist()

    def copy_assignment(self) -> np.ndarray:
        return self.slot_of.copy()

    def free_mask(self, r: int) -> int:
        """Slots where request ``r`` (currently unscheduled) fits right now."""
        a, b = self._a[r], self._b[r]
        if self.count[a] >= self._max[a] or self.count[b] >= self._max[b]:
            return 0
        mask = self.inst.allowed[r] & ~(self.full[a] | self.full[b])
        if not self._online[r]:
            mask &= ~self.slot_full
        lang = self._lang[r]
        if lang >= 0:
            mask &= ~self.lang_full[lang]
        return mask

    def place(self, r: int, t: int) -> None:
        bit = 1 << t
        for p in (self._a[r], self._b[r]):
            row = self.part_load[p]
            load = row[t] = row[t] + 1
            self.count[p] += 1
            if self.count[p] == 1:
                self.covered += 1
            self.busy[p] |= bit
            if load >= self._parallel[p]:
                self.full[p] |= bit
        if not self._online[r]:  # an online meeting takes no table
            self.slot_load[t] += 1
            if self.slot_load[t] >= self._cap[t]:
                self.slot_full |= bit
        lang = self._lang[r]
        if lang >= 0:
            self.lang_load[lang][t] += 1
            self.lang_members[lang][t].add(r)
            if self.lang_load[lang][t] >= self._interp[lang]:
                self.lang_full[lang] |= bit
        self.slot_of[r] = t
        self.members[t].add(r)
        self.weight_total += self._w[r]
        self.n_scheduled += 1

    def remove(self, r: int) -> int:
        t = int(self.slot_of[r])
        keep = ~(1 << t)
        for p in (self._a[r], self._b[r]):
            row = self.part_load[p]
            row[t] -= 1
            self.count[p] -= 1
            if self.count[p] == 0:
                self.covered -= 1
            self.full[p] &= keep
            if row[t] == 0:
                self.busy[p] &= keep
        if not self._online[r]:
            self.slot_load[t] -= 1
            if self._cap[t] > 0:
                self.slot_full &= keep
        lang = self._lang[r]
        if lang >= 0:
            self.lang_load[lang][t] -= 1
            self.lang_members[lang][t].discard(r)
            if self._interp[lang] > 0:
                self.lang_full[lang] &= keep
        self.slot_of[r] = -1
        self.members[t].discard(r)
        self.weight_total -= self._w[r]
        self.n_scheduled -= 1
        return t

    def meetings_at(self, p: int, t: int) -> list[int]:
        return [r for r in self.inst.requests_of[p] if self.slot_of[r] == t]

    def assign(self, slot_of: np.ndarray) -> None:
        """Replace the whole assignment (loads recomputed incrementally)."""
        for r in np.flatnonzero(self.slot_of >= 0):
            self.remove(int(r))
        for r in np.flatnonzero(slot_of >= 0):
            self.place(int(r), int(slot_of[r]))


def bits(mask: int) -> list[int]:
    """Indexes of the set bits, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out
