"""Synthetic brokerage events in the shape of the B2B Meeting Scheduling benchmark.

``python -m solver generate --family hard --seed 3`` (families: :data:`FAMILIES`). Like the
real events of ``../shared/benchmarks/b2bsp``: one day, one or two sessions, every meeting
required (weight 1), the quality measure is the number of idle gaps. Each event is built
around a planted schedule (meetings placed one by one where the participants, tables and
interpreters allow), so it is always feasible; forbidden slots are drawn among the slots a
participant has no planted meeting in, and fixed meetings keep their planted slot.

Shapes reproduced (issue 13): participants with 1-9 meetings each, heavy-tailed (a few meet
in every slot); one session of 8-12 slots or two of 21-22 in all; tables from barely enough
to generous; forbidden slots; a share of meetings fixed in advance; session wishes; and
families where interpreters bind, where companies send two delegates, where some meetings
are held online. Deterministic per (family, seed).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

INSTANCE_FORMAT = "matchmaker-instance/1"


@dataclass(frozen=True)
class Family:
    """Ranges a seed draws from (inclusive)."""

    description: str
    participants: tuple[int, int]
    meetings: tuple[int, int]
    sessions: tuple[int, ...]  # slots per session (one or two sessions)
    table_slack: tuple[float, float]  # tables = ceil(meetings per slot x slack)
    forbidden_share: float = 0.1  # participants with 1-3 forbidden slots
    fixed_share: float = 0.0  # meetings fixed in advance
    wish_share: float = 0.0  # meetings with a session wish (two sessions only)
    max_degree: int = 10  # meetings per participant at most (and at most the slots)
    tail: float = 1.3  # Pareto shape of how many meetings a participant wants (lower: heavier)
    interpreter_share: float = 0.0  # meetings that need a zh interpreter
    interpreter_slack: float = 1.0  # interpreters = ceil(zh meetings per slot x slack)
    delegates_share: float = 0.0  # participants that send two delegates (parallel 2)
    online_share: float = 0.0  # meetings held by video (no table)
    gapless: bool = False  # planted schedule without idle gaps (see _plant_gapless)


FAMILIES: dict[str, Family] = {
    "hard": Family(
        "one session of 10 slots, 60 participants, 236-237 meetings, 24-27 tables: every slot "
        "nearly full (the tables bind)",
        (60, 60),
        (239, 241),
        (10,),
        (1.0, 1.12),
        forbidden_share=0.12,
        tail=0.9,
    ),
    "gapless": Family(
        "the hard shape (one session of 10 slots, 60 participants, ~236 meetings, the tables "
        "bind) built around a schedule without idle gaps, like the real events whose "
        "published schedules have none: the optimum is 0",
        (60, 60),
        (232, 240),
        (10,),
        (1.0, 1.08),
        forbidden_share=0.12,
        gapless=True,
    ),
    "two-sessions": Family(
        "two sessions, 21-22 slots, 70-78 participants, 154-302 meetings, generous tables, "
        "session wishes",
        (70, 78),
        (154, 302),
        (13, 8),
        (1.3, 2.0),
        forbidden_share=0.3,
        wish_share=0.6,
        max_degree=15,
    ),
    "tight": Family(
        "one session of 8-12 slots, 40-60 participants, tables barely enough",
        (40, 60),
        (120, 220),
        (12,),
        (1.0, 1.05),
        forbidden_share=0.15,
        tail=1.0,
    ),
    "fixed": Family(
        "two sessions, 40 % of the meetings fixed in advance, forbidden slots",
        (70, 78),
        (154, 240),
        (11, 10),
        (1.2, 1.6),
        forbidden_share=0.35,
        fixed_share=0.4,
        wish_share=0.3,
        max_degree=12,
    ),
    "interpreters": Family(
        "one session of 10 slots, 40 % of the meetings need a Chinese interpreter and there are "
        "barely enough of them",
        (60, 60),
        (200, 230),
        (10,),
        (1.15, 1.3),
        interpreter_share=0.4,
        tail=1.0,
    ),
    "delegates": Family(
        "one session of 10 slots, 15 % of the companies send two delegates (two meetings at "
        "once, up to 16 meetings)",
        (60, 60),
        (230, 260),
        (10,),
        (1.0, 1.1),
        delegates_share=0.15,
        tail=1.0,
        max_degree=16,
    ),
    "online": Family(
        "two sessions, 25 % of the meetings held online (no table), tables barely enough for "
        "the others",
        (70, 78),
        (200, 280),
        (11, 10),
        (1.0, 1.08),
        online_share=0.25,
        forbidden_share=0.2,
        max_degree=12,
    ),
}


def generate_brokerage(family: str, seed: int) -> dict:
    """The event of ``family`` for ``seed`` (the same pair gives the same event)."""
    return _build(family, seed)[0]


def planted_schedule(family: str, seed: int) -> dict:
    """The schedule the event was built around, as ``matchmaker-schedule/1`` (without tables
    or figures): proof that the event is feasible, for the tests."""
    instance, planted = _build(family, seed)
    return {
        "format": "matchmaker-schedule/1",
        "instance": instance["name"],
        "meetings": [{"request": r, "slot": t, "table": None} for r, t in planted.items()],
        "unscheduled": [],
    }


def _build(family: str, seed: int) -> tuple[dict, dict[str, str]]:
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}; choose from {', '.join(FAMILIES)}")
    spec = FAMILIES[family]
    rng = np.random.default_rng([zlib.crc32(family.encode()), seed])
    n = int(rng.integers(spec.participants[0], spec.participants[1] + 1))
    target = int(rng.integers(spec.meetings[0], spec.meetings[1] + 1))
    sessions = list(spec.sessions)
    if len(sessions) == 2 and rng.random() < 0.5:  # 21 or 22 slots
        sessions[1] += 1
    n_slots = sum(sessions)
    session_of = [
        "morning" if k < sessions[0] else "afternoon" for k in range(n_slots)
    ]  # the b2bsp conversion's names
    parallel = np.ones(n, dtype=np.int64)
    parallel[rng.random(n) < spec.delegates_share] = 2
    cap = np.minimum(spec.max_degree, n_slots * parallel)
    if spec.gapless:
        pairs, planted_slots = _plant_gapless(rng, n, target, n_slots)
    else:
        pairs = _draw_pairs(rng, n, target, cap, spec.tail)
    online = rng.random(len(pairs)) < spec.online_share
    speaks_zh_only = rng.random(n) < (0.5 if spec.interpreter_share else 0.0)
    needs_zh = np.zeros(len(pairs), dtype=bool)
    if spec.interpreter_share:
        # a pair needs the interpreter when exactly one side speaks Chinese only
        mixed = speaks_zh_only[pairs[:, 0]] != speaks_zh_only[pairs[:, 1]]
        needs_zh = mixed & (rng.random(len(pairs)) < 2 * spec.interpreter_share)
    in_person = int((~online).sum())
    slack = float(rng.uniform(*spec.table_slack))
    tables = max(1, int(np.ceil(in_person / n_slots * slack)))
    interpreters = None
    if needs_zh.any():
        interpreters = max(1, int(np.ceil(needs_zh.sum() / n_slots * spec.interpreter_slack)))
    if spec.gapless:
        slot_of = planted_slots
        per_slot = np.bincount(slot_of[~online], minlength=n_slots)
        tables = max(tables, int(per_slot.max()))
    else:
        slot_of = _plant(rng, n, pairs, parallel, n_slots, tables, online, needs_zh, interpreters)
    kept = slot_of >= 0  # a meeting the planted schedule could not hold is dropped
    pairs, online, needs_zh, slot_of = pairs[kept], online[kept], needs_zh[kept], slot_of[kept]

    slot_ids = [f"s{k + 1}" for k in range(n_slots)]
    busy = [set() for _ in range(n)]
    for (a, b), t in zip(pairs.tolist(), slot_of.tolist(), strict=True):
        busy[a].add(t)
        busy[b].add(t)
    participants = []
    for i in range(n):
        unavailable: list[str] = []
        if rng.random() < spec.forbidden_share:
            free = [t for t in range(n_slots) if t not in busy[i]]
            count = min(len(free), int(rng.integers(1, 4)))
            if count:
                unavailable = [slot_ids[t] for t in sorted(rng.choice(free, count, False))]
        entry = {"id": f"b{i + 1}", "unavailable": unavailable, "parallel": int(parallel[i])}
        if spec.interpreter_share:
            entry["languages"] = ["zh"] if speaks_zh_only[i] else ["en", "zh"][: 1 + (i % 2)]
        participants.append(entry)
    requests = []
    for k, ((a, b), t) in enumerate(zip(pairs.tolist(), slot_of.tolist(), strict=True)):
        request = {"id": f"m{k + 1}", "a": f"b{a + 1}", "b": f"b{b + 1}", "weight": 1,
                   "required": True}  # fmt: skip
        if rng.random() < spec.fixed_share:
            request["fixed_slot"] = slot_ids[t]
        if len(sessions) == 2 and rng.random() < spec.wish_share:
            request["session"] = session_of[t]
        if needs_zh[k]:
            request["interpreter"] = "zh"
        if online[k]:
            request["online"] = True
        requests.append(request)
    instance = {
        "format": INSTANCE_FORMAT,
        "name": f"brokerage-{family}-seed{seed}",
        "slots": [
            {"id": sid, "day": 1, "session": session_of[t], "capacity": tables}
            for t, sid in enumerate(slot_ids)
        ],
        "participants": participants,
        "requests": requests,
    }
    if interpreters is not None:
        instance["interpreters"] = {"zh": interpreters}
    planted = {r["id"]: slot_ids[t] for r, t in zip(requests, slot_of.tolist(), strict=True)}
    return instance, planted


def _draw_pairs(rng, n: int, target: int, cap: np.ndarray, tail: float) -> np.ndarray:
    """Unique pairs, sampled with probability ~ appetite x appetite (heavy-tailed appetites),
    never giving a participant more than ``cap`` meetings."""
    appetite = rng.pareto(tail, n) + 1.0
    degree = np.zeros(n, dtype=np.int64)
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int]] = []
    for _ in range(60):
        if len(pairs) >= target:
            break
        room = degree < cap
        if room.sum() < 2:
            break
        p = np.where(room, appetite, 0.0)
        p /= p.sum()
        draws = rng.choice(n, size=(2 * (target - len(pairs)) + 8, 2), p=p)
        for a, b in draws.tolist():
            if a == b or degree[a] >= cap[a] or degree[b] >= cap[b]:
                continue
            key = (min(a, b), max(a, b))
            if key in seen:
                continue
            seen.add(key)
            pairs.append((a, b))
            degree[a] += 1
            degree[b] += 1
            if len(pairs) >= target:
                break
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def _plant(rng, n, pairs, parallel, n_slots, tables, online, needs_zh, interpreters):
    """A feasible slot per meeting (-1 when none is left): busiest participants first, each
    meeting in a random slot where both sides, a table and an interpreter are free."""
    load = np.zeros((n, n_slots), dtype=np.int64)
    at_tables = np.zeros(n_slots, dtype=np.int64)
    zh = np.zeros(n_slots, dtype=np.int64)
    degree = np.bincount(pairs.ravel(), minlength=n)
    order = np.argsort(-(degree[pairs[:, 0]] + degree[pairs[:, 1]]) + rng.random(len(pairs)))
    slot_of = np.full(len(pairs), -1, dtype=np.int64)
    for k in order.tolist():
        a, b = pairs[k]
        ok = (load[a] < parallel[a]) & (load[b] < parallel[b])
        if not online[k]:
            ok &= at_tables < tables
        if needs_zh[k]:
            ok &= zh < interpreters
        options = np.flatnonzero(ok)
        if len(options) == 0:
            continue
        t = int(options[rng.integers(len(options))])
        slot_of[k] = t
        load[a, t] += 1
        load[b, t] += 1
        at_tables[t] += 0 if online[k] else 1
        zh[t] += int(needs_zh[k])
    return slot_of


def _plant_gapless(rng, n: int, target: int, n_slots: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs and their slots such that every participant meets in one run of consecutive
    slots: each participant gets a heavy-tailed number of meetings (1 to ``n_slots - 1``,
    about ``2 * target / n`` on average) and a random run of that length; slot by slot, the
    participants whose run covers it are paired at random (never twice the same pair),
    those in the middle of their run first. Someone left without a partner at the start or
    the end of their run has the run shortened, so the planted schedule has no idle gap
    (rarely one, when the middle of a run cannot be paired)."""
    mean = 2 * target / n
    length = np.clip(np.round(rng.normal(mean, 2.0, n) + rng.pareto(3.0, n)), 1, n_slots - 1)
    # runs placed longest first where the slots are least covered so far: every slot then
    # holds about as many meetings, and the tables bind in all of them
    start = np.zeros(n, dtype=np.int64)
    cover = np.zeros(n_slots)
    for p in np.argsort(-length + rng.random(n)).tolist():
        d = int(length[p])
        load = [cover[s : s + d].sum() + rng.random() for s in range(n_slots - d + 1)]
        start[p] = int(np.argmin(load))
        cover[start[p] : start[p] + d] += 1
    end = start + length.astype(np.int64)  # exclusive
    met: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int]] = []
    slots: list[int] = []
    for t in range(n_slots):
        active = [p for p in range(n) if start[p] <= t < end[p]]
        # the middle of a run first: unpaired there would be a gap
        middle = [p for p in active if start[p] < t < end[p] - 1]
        edge = [p for p in active if not start[p] < t < end[p] - 1]
        rng.shuffle(middle)
        rng.shuffle(edge)
        waiting = middle + edge
        paired: set[int] = set()
        for i, a in enumerate(waiting):
            if a in paired:
                continue
            for b in waiting[i + 1 :]:
                if b in paired or (min(a, b), max(a, b)) in met:
                    continue
                met.add((min(a, b), max(a, b)))
                pairs.append((a, b))
                slots.append(t)
                paired.update((a, b))
                break
        for p in active:
            if p in paired:
                continue
            if t == start[p]:
                start[p] += 1  # the run starts one slot later
            elif t == end[p] - 1:
                end[p] -= 1  # ... or ends one slot earlier
    return np.array(pairs, dtype=np.int64).reshape(-1, 2), np.array(slots, dtype=np.int64)
