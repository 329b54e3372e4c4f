"""Brute-force optimum of tiny instances, written independently of the engine and the bound.

Every request is tried unscheduled or in each slot it may use; tables only matter through the
slot capacity (any k meetings fit k tables).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Optimum:
    weight: int  # best total weight with every required request scheduled
    meetings: int  # best meeting count with every required request scheduled


def allowed_slots(instance: dict, request: dict) -> list[str]:
    blocked = {p["id"]: set(p.get("unavailable") or []) for p in instance["participants"]}
    slots = []
    for slot in instance["slots"]:
        sid = slot["id"]
        if sid in blocked[request["a"]] or sid in blocked[request["b"]]:
            continue
        if request.get("session") and slot.get("session") != request["session"]:
            continue
        if request.get("fixed_slot") and request["fixed_slot"] != sid:
            continue
        slots.append(sid)
    return slots


def brute_force(instance: dict) -> Optimum | None:
    """Best weight and best meeting count, or None when the required requests cannot fit."""
    participants = {p["id"]: p for p in instance["participants"]}
    capacity = {s["id"]: s.get("capacity") for s in instance["slots"]}
    interpreters = instance.get("interpreters") or {}
    requests = instance["requests"]
    options = [allowed_slots(instance, r) for r in requests]
    per_slot: Counter = Counter()
    per_part_slot: Counter = Counter()
    per_part: Counter = Counter()
    per_lang: Counter = Counter()
    best = {"weight": -1, "meetings": -1}

    def fits(r: dict, slot: str) -> bool:
        cap = capacity[slot]
        if not r.get("online") and cap is not None and per_slot[slot] >= cap:
            return False
        for pid in (r["a"], r["b"]):
            p = participants[pid]
            if per_part_slot[pid, slot] >= p.get("parallel", 1):
                return False
            if p.get("max_meetings") is not None and per_part[pid] >= p["max_meetings"]:
                return False
        lang = r.get("interpreter")
        return not (lang in interpreters and per_lang[lang, slot] >= interpreters[lang])

    def place(r: dict, slot: str, step: int) -> None:
        if not r.get("online"):  # an online meeting takes no table
            per_slot[slot] += step
        per_lang[r.get("interpreter"), slot] += step
        for pid in (r["a"], r["b"]):
            per_part_slot[pid, slot] += step
            per_part[pid] += step

    def walk(k: int, weight: int, meetings: int) -> None:
        if k == len(requests):
            best["weight"] = max(best["weight"], weight)
            best["meetings"] = max(best["meetings"], meetings)
            return
        r = requests[k]
        if not r.get("required"):
            walk(k + 1, weight, meetings)
        for slot in options[k]:
            if fits(r, slot):
                place(r, slot, 1)
                walk(k + 1, weight + r.get("weight", 1), meetings + 1)
                place(r, slot, -1)

    walk(0, 0, 0)
    if best["weight"] < 0:
        return None
    return Optimum(best["weight"], best["meetings"])
