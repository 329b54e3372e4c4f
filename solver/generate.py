"""Synthetic EU–China fair instances (``python -m solver generate``).

A fair has two days with a morning and an afternoon session (24 slots, 32 above 5,000
companies), about 40 % EU and 60 % Chinese companies and 6.7–8 requests per company.
Popularity is heavy-tailed (Pareto), so a few companies receive far more requests than they
can hold; tables per slot are set below the demand so that they bind. Some companies come
for one day only or block a few slots, send two delegates, cap their meetings or need an
interpreter; a few meetings are pinned or required, and those are built from one explicit
feasible placement so that every generated instance is feasible.

Deterministic for a seed; vectorised with numpy (10,000 companies take about a second).
"""

from __future__ import annotations

import json
import sys
from collections import Counter

import numpy as np

from solver.brokerage import generate_brokerage

INSTANCE_FORMAT = "matchmaker-instance/1"
EU_SHARE = 0.4
CROSS_SIDE = 0.85  # share of requests between an EU and a Chinese company
EU_NATIVE = ("de", "fr", "it", "es", "nl", "pl")
EU_NATIVE_P = (0.3, 0.25, 0.15, 0.12, 0.1, 0.08)
ONLINE_SLOTS = 2  # the last slot of each afternoon is online: no table limit
TABLE_PRESSURE = 0.72  # tables per slot as a share of (requests / slots)


def default_slots(companies: int) -> int:
    return 32 if companies > 5000 else 24


def requests_per_company(companies: int) -> float:
    """6.7 at 300 companies rising to 8 at 10,000 (log-linear)."""
    t = np.log10(max(companies, 300) / 300) / np.log10(10000 / 300)
    return 6.7 + 1.3 * float(min(t, 1.0))


def _slots(count: int, capacity: int) -> list[dict]:
    if count < 4 or count % 2:
        raise ValueError("slots must be an even number >= 4 (two days, two sessions)")
    per_day = count // 2
    morning = (per_day + 1) // 2
    slots = []
    for day in (1, 2):
        for k in range(per_day):
            session = "morning" if k < morning else "afternoon"
            start = (9 * 60 if k < morning else 14 * 60) + 30 * (k if k < morning else k - morning)
            online = session == "afternoon" and k == per_day - 1 and count >= 8
            date = f"2026-11-{25 + day}"
            slots.append(
                {
                    "id": f"d{day}-{start // 60:02d}{start % 60:02d}",
                    "day": day,
                    "session": session,
                    "start": f"{date}T{start // 60:02d}:{start % 60:02d}+08:00",
                    "end": f"{date}T{(start + 25) // 60:02d}:{(start + 25) % 60:02d}+08:00",
                    "capacity": None if online else capacity,
                }
            )
    return slots


def _pareto_weights(rng: np.random.Generator, n: int, shape: float) -> np.ndarray:
    w = rng.pareto(shape, n) + 1.0
    return w / w.sum()


def _draw_pairs(rng, n, is_eu, activity, popularity, target) -> np.ndarray:
    """Unique unordered pairs (k, 2) as (requester, target), drawn until ``target`` exist."""
    eu_idx, cn_idx = np.flatnonzero(is_eu), np.flatnonzero(~is_eu)
    pop_eu = popularity[eu_idx] / popularity[eu_idx].sum()
    pop_cn = popularity[cn_idx] / popularity[cn_idx].sum()
    keys = np.empty(0, dtype=np.int64)
    pairs = np.empty((0, 2), dtype=np.int64)
    for _ in range(50):  # the target is at most half of all pairs: a few rounds suffice
        if len(pairs) >= target:
            break
        m = int((target - len(pairs)) * 1.4) + 16
        src = rng.choice(n, size=m, p=activity)
        to_eu = rng.choice(eu_idx, size=m, p=pop_eu)
        to_cn = rng.choice(cn_idx, size=m, p=pop_cn)
        cross = rng.random(m) < CROSS_SIDE
        want_eu = np.where(cross, ~is_eu[src], is_eu[src])
        dst = np.where(want_eu, to_eu, to_cn)
        ok = src != dst
        src, dst = src[ok], dst[ok]
        key = np.minimum(src, dst) * n + np.maximum(src, dst)
        _, first = np.unique(key, return_index=True)
        first.sort()
        key, new = key[first], np.stack([src[first], dst[first]], axis=1)
        fresh = ~np.isin(key, keys)
        keys = np.concatenate([keys, key[fresh]])
        pairs = np.concatenate([pairs, new[fresh]])
    return pairs[:target]


def generate(companies: int, seed: int, slots: int | None = None) -> dict:
    """A synthetic fair with ``companies`` participants; the same seed gives the same fair."""
    if companies < 4:
        raise ValueError("companies must be at least 4")
    n = companies
    n_slots = slots if slots is not None else default_slots(n)
    rng = np.random.default_rng(seed)
    n_requests = min(round(n * requests_per_company(n)), n * (n - 1) // 4)  # tiny fairs
    capacity = max(2, round(TABLE_PRESSURE * n_requests / n_slots))
    slot_list = _slots(n_slots, capacity)
    slot_ids = [s["id"] for s in slot_list]
    day_slots = {d: [s["id"] for s in slot_list if s["day"] == d] for d in (1, 2)}
    morning_d1 = [s["id"] for s in slot_list if s["day"] == 1 and s["session"] == "morning"]

    is_eu = np.zeros(n, dtype=bool)
    is_eu[rng.permutation(n)[: round(EU_SHARE * n)]] = True
    popularity = _pareto_weights(rng, n, 1.6)  # heavy tail: who receives requests
    activity = _pareto_weights(rng, n, 2.5)  # milder: who sends them
    pairs = _draw_pairs(rng, n, is_eu, activity, popularity, n_requests)

    # attendance: 8 % day 1 only, 8 % day 2 only, 6 % arrive after the first morning,
    # 20 % block one to three slots
    attend = rng.random(n)
    late = rng.random(n) < 0.06
    blocked_count = np.where(rng.random(n) < 0.20, rng.integers(1, 4, n), 0)
    received = np.bincount(pairs[:, 1], minlength=n)
    popular = received >= np.quantile(received, 0.9)
    parallel = np.where(popular & (rng.random(n) < 0.6), 2, 1)
    parallel = np.where(~popular & (rng.random(n) < 0.05), 2, parallel)
    max_meetings = np.where(rng.random(n) < 0.15, rng.integers(4, 11, n), 0)
    speaks_en = np.where(is_eu, rng.random(n) < 0.85, rng.random(n) < 0.5)
    native = rng.choice(len(EU_NATIVE), size=n, p=EU_NATIVE_P)

    participants, unavailable = [], []
    for i in range(n):
        blocked: set[str] = set()
        if attend[i] < 0.08:
            blocked.update(day_slots[2])
        elif attend[i] < 0.16:
            blocked.update(day_slots[1])
        elif late[i]:
            blocked.update(morning_d1)
        if blocked_count[i]:
            picks = rng.choice(n_slots, size=int(blocked_count[i]), replace=False)
            blocked.update(slot_ids[k] for k in picks)
        unavailable.append(blocked)
        langs = ["zh"] if not is_eu[i] else [EU_NATIVE[native[i]]]
        if speaks_en[i]:
            langs.insert(0, "en")
        p = {
            "id": f"c{i + 1}",
            "side": "EU" if is_eu[i] else "CN",
            "unavailable": [s for s in slot_ids if s in blocked],
            "parallel": int(parallel[i]),
            "languages": langs,
        }
        if max_meetings[i]:
            p["max_meetings"] = int(max_meetings[i])
        participants.append(p)

    mutual = rng.random(len(pairs)) < 0.3
    keen = rng.random(len(pairs)) < 0.35
    weight = np.where(mutual, 3, np.where(keen, 2, 1))
    session_roll = rng.random(len(pairs))
    requests = []
    interp_count: Counter = Counter()
    for k, (a, b) in enumerate(pairs):
        a, b = int(a), int(b)
        r = {
            "id": f"r{k + 1}",
            "a": f"c{a + 1}",
            "b": f"c{b + 1}",
            "weight": int(weight[k]),
            "required": False,
            "session": None,
            "fixed_slot": None,
            "interpreter": _interpreter(participants[a], participants[b]),
        }
        if session_roll[k] < 0.05:
            r["session"] = "morning"
        elif session_roll[k] < 0.10:
            r["session"] = "afternoon"
        if r["interpreter"]:
            interp_count[r["interpreter"]] += 1
        requests.append(r)

    # interpreters: about 60 % of the per-slot demand for each language, at least one
    interpreters = {
        lang: max(1, round(0.6 * count / n_slots)) for lang, count in sorted(interp_count.items())
    }
    instance = {
        "format": INSTANCE_FORMAT,
        "name": f"synthetic-{n}-seed{seed}",
        "slots": slot_list,
        "participants": participants,
        "requests": requests,
        "interpreters": interpreters,
    }
    _pin_and_require(instance, unavailable, rng)
    return instance


def _interpreter(p: dict, q: dict) -> str | None:
    """The interpreter language a pair needs, or None when they share a language."""
    if set(p["languages"]) & set(q["languages"]):
        return None
    for x in (p, q):
        if "zh" in x["languages"]:
            return "zh"
    return next(lang for lang in p["languages"] if lang != "en")


def _pin_and_require(instance: dict, unavailable: list[set[str]], rng) -> None:
    """Pin ~1 % and require ~0.5 % of the requests, placing each one explicitly so that all
    pinned and required meetings fit together (participants, tables, interpreters, caps)."""
    slots = instance["slots"]
    requests = instance["requests"]
    by_id = {p["id"]: (p, unavailable[i]) for i, p in enumerate(instance["participants"])}
    n_pin = max(1, len(requests) // 100)
    n_req = max(1, len(requests) // 200)
    order = rng.permutation(len(requests))[: 3 * (n_pin + n_req)]
    used_slot: Counter = Counter()
    used_part: Counter = Counter()  # (participant, slot)
    used_total: Counter = Counter()
    used_lang: Counter = Counter()
    pinned = required = 0
    for k in order:
        if pinned >= n_pin and required >= n_req:
            break
        r = requests[int(k)]
        (pa, ua), (pb, ub) = by_id[r["a"]], by_id[r["b"]]
        if any(used_total[p["id"]] >= p.get("max_meetings", 10**9) for p in (pa, pb)):
            continue
        for j in rng.permutation(len(slots)):
            s = slots[int(j)]
            sid = s["id"]
            if sid in ua or sid in ub or (r["session"] and r["session"] != s["session"]):
                continue
            if s["capacity"] is not None and used_slot[sid] >= s["capacity"]:
                continue
            if any(used_part[p["id"], sid] >= p["parallel"] for p in (pa, pb)):
                continue
            lang = r["interpreter"]
            if lang and used_lang[lang, sid] >= instance["interpreters"][lang]:
                continue
            used_slot[sid] += 1
            used_lang[lang, sid] += 1
            for p in (pa, pb):
                used_part[p["id"], sid] += 1
                used_total[p["id"]] += 1
            if pinned < n_pin:
                r["fixed_slot"] = sid
                r["required"] = bool(pinned % 2)  # half of the pins are also required
                pinned += 1
            else:
                r["required"] = True
                required += 1
            break


def command_generate(args) -> int:
    if (args.companies is None) == (args.family is None):
        print("error: give either --companies or --family", file=sys.stderr)
        return 2
    if args.family is not None:
        if args.slots is not None:
            print("error: --slots applies to --companies only", file=sys.stderr)
            return 2
        return _write(generate_brokerage(args.family, args.seed), args.output)
    if args.companies < 4:
        print("error: --companies must be at least 4", file=sys.stderr)
        return 2
    if args.slots is not None and (args.slots < 4 or args.slots % 2):
        print(
            "error: --slots must be an even number >= 4 (two days, two sessions)", file=sys.stderr
        )
        return 2
    return _write(generate(args.companies, args.seed, args.slots), args.output)


def _write(instance: dict, output: str) -> int:
    text = json.dumps(instance, separators=(",", ":"))
    if output == "-":
        sys.stdout.write(text + "\n")
    else:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        except OSError as exc:
            print(f"error: cannot write {output}: {exc.strerror}", file=sys.stderr)
            return 2
        print(
            f"{output}: {len(instance['participants'])} participants,"
            f" {len(instance['requests'])} requests, {len(instance['slots'])} slots",
            file=sys.stderr,
        )
    return 0
