"""Weight-ordered greedy construction and a move-based repair (augmentation).

Construction: required requests first, then by decreasing weight, then the request with
the fewest usable slots first. Each goes to a free slot next to a meeting one side already
has (compact days, fewer idle gaps), else the earliest free slot.

Repair: an unscheduled request whose common slots are all blocked is placed by moving the
blocking meetings (the other meeting of a busy side, a meeting occupying the last table,
a meeting using the last interpreter) to another slot where they fit: one step of a
Kempe-chain exchange. Moves never unschedule anything, so weight only goes up.
"""

from __future__ import annotations

import time
from itertools import islice

from solver.instance import Instance
from solver.state import ScheduleState, bits

MAX_CANDIDATES = 12  # meetings tried per blocking resource


class SlotChooser:
    """Picks a slot among free ones, preferring slots adjacent to the sides' meetings."""

    def __init__(self, inst: Instance):
        first = last = 0
        for block in inst.blocks:
            first |= 1 << block[0]
            last |= 1 << block[-1]
        self.not_first = ~first
        self.not_last = ~last

    def neighbours(self, busy: int) -> int:
        return ((busy << 1) & self.not_first) | ((busy >> 1) & self.not_last)

    def choose(self, state: ScheduleState, r: int, mask: int) -> int:
        a, b = state._a[r], state._b[r]
        near_a = self.neighbours(state.busy[a])
        near_b = self.neighbours(state.busy[b])
        for preferred in (mask & near_a & near_b, mask & (near_a | near_b), mask):
            if preferred:
                return (preferred & -preferred).bit_length() - 1
        raise ValueError("empty mask")


def greedy_order(inst: Instance) -> list[int]:
    allowed = inst.allowed
    required = inst.required.tolist()
    weight = inst.weight.tolist()
    return sorted(
        range(inst.n_requests),
        key=lambda r: (not required[r], -weight[r], allowed[r].bit_count(), r),
    )


def keep_previous(state: ScheduleState) -> None:
    """Put every previous meeting back in its previous slot when it still fits."""
    inst = state.inst
    order = [r for r in greedy_order(inst) if inst.previous_slot[r] >= 0]
    for r in order:
        t = int(inst.previous_slot[r])
        if state.slot_of[r] < 0 and state.free_mask(r) >> t & 1:
            state.place(r, t)


def construct(state: ScheduleState, chooser: SlotChooser | None = None) -> None:
    """Greedily place every unscheduled request that fits."""
    chooser = chooser or SlotChooser(state.inst)
    for r in greedy_order(state.inst):
        if state.slot_of[r] >= 0:
            continue
        mask = state.free_mask(r)
        if mask:
            state.place(r, chooser.choose(state, r, mask))


def _blockers(state: ScheduleState, r: int, t: int) -> list[int] | None:
    """Meetings of one resource blocking ``r`` at ``t`` (None when ``r`` fits there)."""
    bit = 1 << t
    for p in (state._a[r], state._b[r]):
        if state.full[p] & bit:
            return state.meetings_at(p, t)
    if state.slot_full & bit and not state._online[r]:
        at_tables = (m for m in state.members[t] if not state._online[m])
        return list(islice(at_tables, MAX_CANDIDATES))
    lang = state._lang[r]
    if lang >= 0 and state.lang_full[lang] & bit:
        return list(islice(state.lang_members[lang][t], MAX_CANDIDATES))
    return None


def try_insert(state: ScheduleState, r: int, t: int, chooser: SlotChooser) -> bool:
    """Place ``r`` at ``t`` by moving blocking meetings elsewhere; undo on failure."""
    moves: list[tuple[int, int]] = []
    pinned = state.inst.fixed_slot
    for _ in range(4):
        blocking = _blockers(state, r, t)
        if blocking is None:
            state.place(r, t)
            return True
        moved = False
        for m in blocking[:MAX_CANDIDATES]:
            if pinned[m] >= 0:
                continue
            state.remove(m)
            mask = state.free_mask(m) & ~(1 << t)
            if mask:
                state.place(m, chooser.choose(state, m, mask))
                moves.append((m, t))
                moved = True
                break
            state.place(m, t)
        if not moved:
            break
    for m, origin in reversed(moves):
        state.remove(m)
        state.place(m, origin)
    return False


def repair(state: ScheduleState, deadline: float | None = None, passes: int = 2) -> int:
    """Insert unscheduled requests by moving blockers; returns how many were inserted."""
    inst = state.inst
    chooser = SlotChooser(inst)
    inserted = 0
    order = greedy_order(inst)
    for _ in range(passes):
        before = inserted
        for r in order:
            if state.slot_of[r] >= 0:
                continue
            if deadline is not None and time.monotonic() > deadline:
                return inserted
            mask = state.free_mask(r)
            if mask:
                state.place(r, chooser.choose(state, r, mask))
                inserted += 1
                continue
            a, b = state._a[r], state._b[r]
            if state.count[a] >= state._max[a] or state.count[b] >= state._max[b]:
                continue
            for t in bits(inst.allowed[r]):
                if try_insert(state, r, t, chooser):
                    inserted += 1
                    break
        if inserted == before:
            break
    return inserted


def greedy_state(inst: Instance, *, replan: bool = False) -> ScheduleState:
    """Greedy construction; with ``replan``, previous meetings are put back first."""
    state = ScheduleState(inst)
    if replan:
        keep_previous(state)
    construct(state, SlotChooser(inst))
    return state
