"""Figures of a schedule (idle gaps, moved meetings) and the ``matchmaker-schedule/1`` dict."""

from __future__ import annotations

import numpy as np

from solver.instance import Instance
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
    """Idle gaps in one block's busy bits: runs of meetings minus one."""
    if not mask:
        return 0
    runs = (mask & ~(mask >> 1)).bit_count()
    return runs - 1


def idle_gaps(inst: Instance, slot_of: np.ndarray, busy: list[int] | None = None) -> int:
    busy = busy_masks(inst, slot_of) if busy is None else busy
    blocks = block_masks(inst)
    return sum(gaps_in(mask & blk) for mask in busy if mask for blk in blocks)


def moved_count(inst: Instance, slot_of: np.ndarray) -> int:
    """Previous meetings (of requests still present) no longer in their previous slot."""
    had = inst.previous_slot >= 0
    return int(np.count_nonzero(had & (slot_of != inst.previous_slot)))


def covered_count(inst: Instance, slot_of: np.ndarray) -> int:
    return sum(1 for mask in busy_masks(inst, slot_of) if mask)


def schedule_dict(
    inst: Instance,
    slot_of: np.ndarray,
    reasons: dict[int, str],
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
        {"request": inst.request_ids[r], "slot": inst.slot_ids[int(slot_of[r])], "table": tables[r]}
        for r in scheduled
    ]
    unscheduled = [
        {"request": inst.request_ids[r], "reason": reasons[r]}
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
