"""Figures of a schedule (idle gaps, moved meetings) and the ``matchmaker-schedule/1`` dict."""

from __future__ import annotations

import numpy as np

from solver.instance import Instance
from solver.reasons import Reason
from solver.tables import assign_tables

FORMAT = "matchmaker-schedule/1"


def busy_masks(inst: Instance, slot_of: np.ndarray) -> list[int]:
    busy = [0] * inst.n_participants
    a, b = inst.req_a.tolist(), inst.req_b.tolist()
    for r in np.flatnonzero(slot_of >= 0).tolist():
        bit = 1 << int(slot_of[r])
        busy[a[r]] |= bit
        busy[b[r]] |= bit
    return busy


def block_masks(inst: Instance) -> list[int]:
    return [sum(1 << t for t in block) for block in inst.blocks]


def gaps_in(mask: int) -> int:
    """Idle gaps in busy bits of one block whose slots are consecutive: runs minus one."""
    if not mask:
        return 0
    runs = (mask & ~(mask >> 1)).bit_count()
    return runs - 1


class GapCounter:
    """Idle gaps per (participant busy mask, block), also for blocks whose slots are not
    consecutive in the slot list (sessions overlapping in time): those are compressed."""

    def __init__(self, inst: Instance):
        self.masks = block_masks(inst)
        self.slots = inst.blocks
        self.block_of = inst.slot_block.tolist()
        self.contiguous = [block == list(range(block[0], block[-1] + 1)) for block in inst.blocks]

    def block(self, busy: int, k: int) -> int:
        mask = busy & self.masks[k]
        if self.contiguous[k] or not mask:
            return gaps_in(mask)
        packed = 0
        for i, t in enumerate(self.slots[k]):
            if mask >> t & 1:
                packed |= 1 << i
        return gaps_in(packed)

    def total(self, busy: int) -> int:
        return sum(self.block(busy, k) for k in range(len(self.masks))) if busy else 0


def idle_gaps(inst: Instance, slot_of: np.ndarray, busy: list[int] | None = None) -> int:
    busy = busy_masks(inst, slot_of) if busy is None else busy
    counter = GapCounter(inst)
    return sum(counter.total(mask) for mask in busy)


def moved_count(inst: Instance, slot_of: np.ndarray) -> int:
    """Previous meetings (of requests still present) no longer in their previous slot."""
    had = inst.previous_slot >= 0
    return int(np.count_nonzero(had & (slot_of != inst.previous_slot)))


def covered_count(inst: Instance, slot_of: np.ndarray) -> int:
    return sum(1 for mask in busy_masks(inst, slot_of) if mask)


def schedule_dict(
    inst: Instance,
    slot_of: np.ndarray,
    reasons: dict[int, Reason],
    *,
    status: str,
    upper_bound: int,
    wall_s: float,
    extra: dict | None = None,
) -> dict:
    """The output document; ``reasons`` maps every unscheduled request to its reason."""
    tables = assign_tables(inst, slot_of)
    scheduled = np.flatnonzero(slot_of >= 0).tolist()
    meetings = [
        {
            "request": inst.request_ids[r],
            "slot": inst.slot_ids[int(slot_of[r])],
            "table": tables.get(r),  # None for an online meeting
        }
        for r in scheduled
    ]
    unscheduled = [
        {"request": inst.request_ids[r], "reason": reasons[r].text, "why": reasons[r].why}
        for r in np.flatnonzero(slot_of < 0).tolist()
    ]
    stats = {
        "status": status,
        "scheduled": len(scheduled),
        "weight": int(inst.weight[scheduled].sum()) if scheduled else 0,
        "upper_bound": int(upper_bound),
        "idle_gaps": idle_gaps(inst, slot_of),
        "moved": moved_count(inst, slot_of),
        "wall_s": round(wall_s, 3),
    }
    stats.update(extra or {})
    return {
        "format": FORMAT,
        "instance": inst.name,
        "meetings": meetings,
        "unscheduled": unscheduled,
        "stats": stats,
    }
