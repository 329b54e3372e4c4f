"""Table numbers: 1..capacity within each slot, one meeting per table; online meetings get none.

Meetings that stay in their previous slot keep their previous table; a moved meeting tries
its previous number in the new slot; the others take the smallest free numbers.
"""

from __future__ import annotations

import numpy as np

from solver.instance import Instance


def assign_tables(inst: Instance, slot_of: np.ndarray) -> dict[int, int]:
    """Map each scheduled request to its table number."""
    table: dict[int, int] = {}
    by_slot: dict[int, list[int]] = {}
    for r in np.flatnonzero((slot_of >= 0) & ~inst.online).tolist():  # online: no table
        by_slot.setdefault(int(slot_of[r]), []).append(r)
    prev_slot, prev_table = inst.previous_slot, inst.previous_table
    for t, meetings in by_slot.items():
        cap = int(inst.capacity[t])
        taken: set[int] = set()
        stayed = [r for r in meetings if prev_slot[r] == t]
        moved = [r for r in meetings if prev_slot[r] != t]
        for r in stayed + moved:
            wish = int(prev_table[r])
            if 1 <= wish <= cap and wish not in taken:
                table[r] = wish
                taken.add(wish)
        number = 1
        for r in meetings:
            if r in table:
                continue
            while number in taken:
                number += 1
            table[r] = number
            taken.add(number)
    return table
