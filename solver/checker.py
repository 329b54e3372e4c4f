"""Independent schedule checker.

It reads the raw instance and schedule dicts itself and shares no code with the model
(``engine``, ``instance``, ``greedy``, ``tables``): a bug in the model cannot hide here.

``check(instance, schedule)`` returns every broken hard rule as a sentence plus the figures
of the schedule (meetings, weight, idle gaps, moved meetings, ...). A malformed *instance*
raises :class:`CheckInputError`; a malformed *schedule* is itself a violation.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

INSTANCE_FORMAT = "matchmaker-instance/1"
SCHEDULE_FORMAT = "matchmaker-schedule/1"
MAX_LISTED = 200  # violations printed by the CLI before "... and N more"


class CheckInputError(ValueError):
    """The instance (or a file) cannot be read; the message names the field or file."""


@dataclass
class CheckReport:
    violations: list[str] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations


# --------------------------------------------------------------------------- instance


@dataclass
class _Slot:
    id: str
    index: int
    day: Any
    session: Any
    capacity: int | None


@dataclass
class _Participant:
    id: str
    side: Any
    unavailable: frozenset[str]
    parallel: int
    max_meetings: int | None


@dataclass
class _Request:
    id: str
    a: str
    b: str
    weight: int
    required: bool
    session: str | None
    fixed_slot: str | None
    interpreter: str | None
    online: bool = False  # held by video: needs no table, does not count against capacity


@dataclass
class _Instance:
    name: Any
    slots: dict[str, _Slot]
    participants: dict[str, _Participant]
    requests: dict[str, _Request]
    interpreters: dict[str, int]
    previous: list[tuple[str, str]]


def _int(value: Any, where: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise CheckInputError(f"{where} must be an integer >= {minimum}, got {value!r}")
    return value


def _list(doc: dict, key: str, where: str, *, optional: bool = False) -> list:
    value = doc.get(key)
    if value is None and optional:
        return []
    if not isinstance(value, list):
        raise CheckInputError(f"{where}.{key} must be a list")
    return value


def _object(item: Any, where: str) -> dict:
    if not isinstance(item, dict):
        raise CheckInputError(f"{where} must be an object")
    return item


def _id(item: dict, where: str, seen: dict) -> str:
    ident = item.get("id")
    if not isinstance(ident, str) or not ident:
        raise CheckInputError(f"{where}.id must be a non-empty string")
    if ident in seen:
        raise CheckInputError(f"{where}.id {ident!r} is a duplicate")
    return ident


def parse_instance(doc: Any) -> _Instance:
    """Validate a raw instance dict; raise CheckInputError naming the bad field."""
    doc = _object(doc, "instance")
    if doc.get("format", INSTANCE_FORMAT) != INSTANCE_FORMAT:
        raise CheckInputError(f"instance.format must be {INSTANCE_FORMAT!r}")
    slots: dict[str, _Slot] = {}
    for i, raw in enumerate(_list(doc, "slots", "instance")):
        where = f"slots[{i}]"
        raw = _object(raw, where)
        ident = _id(raw, where, slots)
        cap = raw.get("capacity")
        cap = None if cap is None else _int(cap, f"{where}.capacity", minimum=0)
        slots[ident] = _Slot(ident, i, raw.get("day"), raw.get("session"), cap)

    participants: dict[str, _Participant] = {}
    for i, raw in enumerate(_list(doc, "participants", "instance")):
        where = f"participants[{i}]"
        raw = _object(raw, where)
        ident = _id(raw, where, participants)
        unavailable = raw.get("unavailable") or []
        if not isinstance(unavailable, list):
            raise CheckInputError(f"{where}.unavailable must be a list of slot ids")
        for slot in unavailable:
            if slot not in slots:
                raise CheckInputError(f"{where}.unavailable names unknown slot {slot!r}")
        parallel = raw.get("parallel")
        parallel = 1 if parallel is None else _int(parallel, f"{where}.parallel", minimum=1)
        cap = raw.get("max_meetings")
        cap = None if cap is None else _int(cap, f"{where}.max_meetings", minimum=0)
        participants[ident] = _Participant(
            ident, raw.get("side"), frozenset(unavailable), parallel, cap
        )

    requests: dict[str, _Request] = {}
    for i, raw in enumerate(_list(doc, "requests", "instance")):
        where = f"requests[{i}]"
        raw = _object(raw, where)
        ident = _id(raw, where, requests)
        a, b = raw.get("a"), raw.get("b")
        for key, who in (("a", a), ("b", b)):
            if who not in participants:
                raise CheckInputError(f"{where}.{key} names unknown participant {who!r}")
        if a == b:
            raise CheckInputError(f"{where}: a and b are the same participant {a!r}")
        weight = raw.get("weight")
        weight = 1 if weight is None else _int(weight, f"{where}.weight", minimum=1)
        fixed = raw.get("fixed_slot")
        if fixed is not None and fixed not in slots:
            raise CheckInputError(f"{where}.fixed_slot names unknown slot {fixed!r}")
        online = raw.get("online", False)
        if not isinstance(online, bool):
            raise CheckInputError(f"{where}.online must be true or false, got {online!r}")
        requests[ident] = _Request(
            ident,
            a,
            b,
            weight,
            bool(raw.get("required", False)),
            raw.get("session"),
            fixed,
            raw.get("interpreter"),
            online,
        )

    interpreters = doc.get("interpreters") or {}
    if not isinstance(interpreters, dict):
        raise CheckInputError("instance.interpreters must be an object {language: count}")
    for lang, count in interpreters.items():
        _int(count, f"interpreters.{lang}", minimum=0)

    previous = []
    for i, raw in enumerate(_list(doc, "previous", "instance", optional=True)):
        raw = _object(raw, f"previous[{i}]")
        previous.append((raw.get("request"), raw.get("slot")))
    return _Instance(doc.get("name"), slots, participants, requests, dict(interpreters), previous)


# --------------------------------------------------------------------------- schedule


def _parse_meetings(
    schedule: Any, inst: _Instance, violations: list[str]
) -> list[tuple[str, str, Any]]:
    """Well-formed (request, slot, table) triples; format problems go to ``violations``."""
    if not isinstance(schedule, dict):
        violations.append("schedule is not a JSON object")
        return []
    if schedule.get("format") != SCHEDULE_FORMAT:
        violations.append(f"schedule.format is {schedule.get('format')!r}, not {SCHEDULE_FORMAT!r}")
    name = schedule.get("instance")
    if name is not None and inst.name is not None and name != inst.name:
        violations.append(f"schedule.instance is {name!r} but the instance is {inst.name!r}")
    raw_meetings = schedule.get("meetings")
    if not isinstance(raw_meetings, list):
        violations.append("schedule.meetings is missing or not a list")
        return []
    meetings = []
    for i, m in enumerate(raw_meetings):
        if not isinstance(m, dict):
            violations.append(f"meetings[{i}] is not an object")
            continue
        request, slot, table = m.get("request"), m.get("slot"), m.get("table")
        if request not in inst.requests:
            violations.append(f"meetings[{i}]: unknown request {request!r}")
            continue
        if slot not in inst.slots:
            violations.append(f"meetings[{i}] ({request}): unknown slot {slot!r}")
            continue
        meetings.append((request, slot, table))
    return meetings


def _check_unscheduled(schedule: Any, inst: _Instance, scheduled: set[str], out: list[str]):
    """Every request left out must be listed in ``unscheduled`` with a reason."""
    if not isinstance(schedule, dict):
        return
    raw = schedule.get("unscheduled")
    if not isinstance(raw, list):
        out.append("schedule.unscheduled is missing or not a list")
        return
    listed: set[str] = set()
    for i, u in enumerate(raw):
        request = u.get("request") if isinstance(u, dict) else None
        if request not in inst.requests:
            out.append(f"unscheduled[{i}]: unknown request {request!r}")
            continue
        if request in scheduled:
            out.append(f"request {request} is both scheduled and listed as unscheduled")
        if request in listed:
            out.append(f"request {request} is listed twice in unscheduled")
        listed.add(request)
        reason = u.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            out.append(f"unscheduled request {request} has no reason")
    missing = [r for r in inst.requests if r not in scheduled and r not in listed]
    if missing:
        out.append(
            f"{len(missing)} unscheduled request(s) not listed with a reason: {_sample(missing)}"
        )


def _sample(items: list[str], limit: int = 10) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items)} in all)" if len(items) > limit else "")


def _idle_gaps(inst: _Instance, busy: dict[str, set[str]]) -> tuple[int, dict[str, int]]:
    """Idle gaps per participant: empty runs between two meetings inside one (day, session)."""
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for slot in inst.slots.values():  # dict order is time order
        blocks[(slot.day, slot.session)].append(slot.id)
    per_participant: dict[str, int] = {}
    for pid, slots in busy.items():
        gaps = 0
        for block in blocks.values():
            flags = [s in slots for s in block]
            if sum(flags) < 2:
                continue
            first = flags.index(True)
            last = len(flags) - 1 - flags[::-1].index(True)
            inside = flags[first : last + 1]
            gaps += sum(1 for k in range(1, len(inside)) if not inside[k] and inside[k - 1])
        if gaps:
            per_participant[pid] = gaps
    return sum(per_participant.values()), per_participant


def check(instance: dict, schedule: dict) -> CheckReport:
    """Check ``schedule`` against every hard rule of ``instance``; raise CheckInputError if
    the instance itself is malformed."""
    inst = parse_instance(instance)
    out: list[str] = []
    meetings = _parse_meetings(schedule, inst, out)

    slot_of: dict[str, str] = {}
    for request, slot, _ in meetings:
        if request in slot_of:
            out.append(f"request {request} is scheduled twice ({slot_of[request]} and {slot})")
        else:
            slot_of[request] = slot
    _check_unscheduled(schedule, inst, set(slot_of), out)

    tables_used: dict[str, Counter] = defaultdict(Counter)
    per_slot: Counter = Counter()
    per_participant_slot: Counter = Counter()
    per_participant: Counter = Counter()
    per_language_slot: Counter = Counter()
    busy: dict[str, set[str]] = defaultdict(set)
    for request, slot_id, table in meetings:
        req, slot = inst.requests[request], inst.slots[slot_id]
        what = f"{request} ({req.a}–{req.b}) in {slot_id}"
        if req.online:
            if table is not None:
                out.append(f"{what}: an online meeting takes no table, got {table!r}")
        elif table is None and slot.capacity is None:
            pass  # unlimited (e.g. online) slot: a table number is optional
        elif isinstance(table, bool) or not isinstance(table, int):
            out.append(f"{what}: table must be an integer, got {table!r}")
        elif table < 1 or (slot.capacity is not None and table > slot.capacity):
            out.append(f"{what}: table {table} outside 1..{slot.capacity}")
        else:
            tables_used[slot_id][table] += 1
        if not req.online:
            per_slot[slot_id] += 1
        for pid in (req.a, req.b):
            per_participant_slot[pid, slot_id] += 1
            per_participant[pid] += 1
            busy[pid].add(slot_id)
            if slot_id in inst.participants[pid].unavailable:
                out.append(f"{what}: {pid} is unavailable in {slot_id}")
        if req.session is not None and slot.session != req.session:
            out.append(f"{what}: request wants session {req.session!r}, slot is {slot.session!r}")
        if req.fixed_slot is not None and slot_id != req.fixed_slot:
            out.append(f"{what}: request is fixed to {req.fixed_slot}")
        if req.interpreter is not None:
            per_language_slot[req.interpreter, slot_id] += 1

    for slot_id, tables in tables_used.items():
        for table, count in sorted(tables.items()):
            if count > 1:
                out.append(f"table {table} in {slot_id} holds {count} meetings")
    for slot_id, count in per_slot.items():
        cap = inst.slots[slot_id].capacity
        if cap is not None and count > cap:
            out.append(f"slot {slot_id} holds {count} meetings but has {cap} tables")
    for (pid, slot_id), count in per_participant_slot.items():
        parallel = inst.participants[pid].parallel
        if count > parallel:
            out.append(f"{pid} has {count} meetings in {slot_id} but parallel is {parallel}")
    for pid, count in per_participant.items():
        cap = inst.participants[pid].max_meetings
        if cap is not None and count > cap:
            out.append(f"{pid} has {count} meetings but max_meetings is {cap}")
    for (lang, slot_id), count in per_language_slot.items():
        limit = inst.interpreters.get(lang)  # a language not listed is not limited
        if limit is not None and count > limit:
            out.append(f"{count} meetings need a {lang!r} interpreter in {slot_id}, only {limit}")
    required_missing = [r.id for r in inst.requests.values() if r.required and r.id not in slot_of]
    for rid in required_missing:
        req = inst.requests[rid]
        out.append(f"required request {rid} ({req.a}–{req.b}) is not scheduled")

    figures = _figures(inst, slot_of, per_participant, busy, required_missing)
    _check_stats(schedule, figures, out)
    return CheckReport(out, figures)


def _figures(inst, slot_of, per_participant, busy, required_missing) -> dict[str, Any]:
    idle_gaps, _ = _idle_gaps(inst, busy)
    moved = dropped = kept = 0
    for request, slot in inst.previous:
        if request not in inst.requests:
            continue  # the request is gone (e.g. its company cancelled)
        now = slot_of.get(request)
        if now == slot:
            kept += 1
        elif now is None:
            dropped += 1
        else:
            moved += 1
    sides: dict[str, dict[str, int]] = defaultdict(lambda: Counter(participants=0))
    requested = {p for r in inst.requests.values() for p in (r.a, r.b)}
    zero = 0
    for p in inst.participants.values():
        side = str(p.side) if p.side is not None else "-"
        sides[side]["participants"] += 1
        sides[side]["meetings"] += per_participant.get(p.id, 0)
        if p.id in requested and not per_participant.get(p.id):
            sides[side]["zero_meeting"] += 1
            zero += 1
    pairs: Counter = Counter()
    for rid in slot_of:
        req = inst.requests[rid]
        pair = sorted(str(inst.participants[x].side or "-") for x in (req.a, req.b))
        pairs["–".join(pair)] += 1
    return {
        "requests": len(inst.requests),
        "scheduled": len(slot_of),
        "weight": sum(inst.requests[r].weight for r in slot_of),
        "total_weight": sum(r.weight for r in inst.requests.values()),
        "required_missing": len(required_missing),
        "idle_gaps": idle_gaps,
        "moved": moved + dropped,
        "moved_to_other_slot": moved,
        "previous_dropped": dropped,
        "previous_kept": kept,
        "zero_meeting_participants": zero,
        "per_side": {side: dict(c) for side, c in sorted(sides.items())},
        "meetings_by_side_pair": dict(sorted(pairs.items())),
    }


def _check_stats(schedule: Any, figures: dict, out: list[str]) -> None:
    stats = schedule.get("stats") if isinstance(schedule, dict) else None
    if not isinstance(stats, dict):
        out.append("schedule.stats is missing or not an object")
        return
    for key in ("scheduled", "weight", "idle_gaps"):
        if key in stats and stats[key] != figures[key]:
            out.append(f"stats.{key} is {stats[key]!r} but the meetings give {figures[key]}")
        elif key not in stats:
            out.append(f"stats.{key} is missing")


# --------------------------------------------------------------------------- CLI


def load_json(path: str, what: str) -> Any:
    """Read a JSON file or raise CheckInputError naming it."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as exc:
        raise CheckInputError(f"cannot read {what} file {path}: {exc.strerror}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CheckInputError(f"{what} file {path} is not valid JSON: {exc}") from exc


def format_figures(figures: dict) -> str:
    lines = [
        f"scheduled: {figures['scheduled']} of {figures['requests']} requests",
        f"weight: {figures['weight']} of {figures['total_weight']}",
        f"required missing: {figures['required_missing']}",
        f"idle gaps: {figures['idle_gaps']}",
        f"moved (vs previous): {figures['moved']}"
        f" ({figures['moved_to_other_slot']} to another slot,"
        f" {figures['previous_dropped']} dropped, {figures['previous_kept']} kept)",
        f"participants with requests but no meeting: {figures['zero_meeting_participants']}",
    ]
    for side, counts in figures["per_side"].items():
        lines.append(
            f"side {side}: {counts.get('participants', 0)} participants,"
            f" {counts.get('meetings', 0)} meeting places,"
            f" {counts.get('zero_meeting', 0)} without a meeting"
        )
    pairs = ", ".join(f"{k} {v}" for k, v in figures["meetings_by_side_pair"].items())
    lines.append(f"meetings by side pair: {pairs or '-'}")
    return "\n".join(lines)


def command_check(args) -> int:
    try:
        instance = load_json(args.instance, "instance")
        schedule = load_json(args.schedule, "schedule")
        report = check(instance, schedule)
    except CheckInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_figures(report.figures))
    if report.ok:
        print("OK: no hard rule broken")
        return 0
    print(f"VIOLATIONS: {len(report.violations)}")
    for line in report.violations[:MAX_LISTED]:
        print(f"  - {line}")
    if len(report.violations) > MAX_LISTED:
        print(f"  ... and {len(report.violations) - MAX_LISTED} more")
    return 1
