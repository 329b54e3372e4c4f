"""Why a request stays unscheduled, why required ones conflict: as text and as data.

Every reason is a :class:`Reason`: ``text`` (English, for logs and the command line) and
``why``, a machine-readable dict the web app renders with names, local times and in the
reader's language::

    {"code": "slot_full", "participants": ["c1", "c2"], "slots": ["s3"], "languages": []}

``participants``, ``slots`` and ``languages`` are ids of the instance (languages: the codes of
``interpreters``), in instance order. Optional keys: ``causes`` (a list of whys without
``causes``, one per blocking resource, for ``no_room`` and ``lower_weight``) and ``requests``
(request ids, for the conflicting core of an INFEASIBLE result). The codes are listed in
:data:`CODES` and in solver/README.md ("Reasons as data"); the JSON Schema
``solver/schemas/matchmaker-schedule-1.schema.json`` holds the same list.
"""

from __future__ import annotations

from dataclasses import dataclass

from solver.state import ScheduleState, bits

SHOWN = 4  # slot ids listed before "..."

CODES = {
    # an unscheduled request
    "session_has_no_slot": "the request asks for a session that no slot of the event has",
    "no_common_slot": "the two sides share no free slot",
    "no_common_slot_in_session": "the sides share free slots, none in the wished session",
    "max_meetings": "a side already has its maximum number of meetings",
    "participant_full": "a side is fully booked in every slot both have free",
    "slot_full": "every table is taken (or there is none) in every slot both have free",
    "interpreter_full": "every interpreter of the language is busy in every slot both have free",
    "no_room": "several of the above, slot by slot (see causes)",
    "lower_weight": "every slot is taken by meetings that weigh more (see causes)",
    "time_limit": "it fits in a slot, but the search ran out of time before placing it",
    # the conflicting core of an INFEASIBLE result (also on its unscheduled entries)
    "too_many_required": "a participant has more required meetings than room for them",
    "pinned_conflict": "pinned meetings fill every slot a required meeting could use",
    "required_conflict": "required meetings compete for the same people, tables or interpreters",
    # written by the web app, not the engine
    "not_in_version": "the request is not in this schedule version (edited by hand, or new)",
}


@dataclass(frozen=True)
class Reason:
    text: str
    why: dict


def make_why(inst, code: str, participants=(), slots=(), languages=(), **extra) -> dict:
    """A ``why`` dict from dense indexes (sorted, deduplicated, turned into ids)."""
    if code not in CODES:
        raise ValueError(f"undocumented reason code {code!r}")
    why = {
        "code": code,
        "participants": [inst.participant_ids[p] for p in sorted(set(participants))],
        "slots": [inst.slot_ids[t] for t in sorted(set(slots))],
        "languages": [inst.languages[k] for k in sorted(set(languages))],
    }
    if "requests" in extra:
        extra["requests"] = [inst.request_ids[r] for r in sorted(set(extra["requests"]))]
    why.update(extra)
    return why


def _slots(state: ScheduleState, ts: list[int]) -> str:
    ids = [state.inst.slot_ids[t] for t in ts[:SHOWN]]
    return ", ".join(ids) + (", ..." if len(ts) > SHOWN else "")


def unscheduled_reason(state: ScheduleState, r: int) -> Reason:
    """Why ``r`` is not in the final schedule held by ``state``."""
    inst = state.inst
    a, b = state._a[r], state._b[r]
    name_a, name_b = inst.participant_ids[a], inst.participant_ids[b]
    session = inst.raw["requests"][r].get("session")
    if session is not None and session not in inst.slot_session:
        return Reason(
            f"no slot of the event is in the {session} session",
            make_why(inst, "session_has_no_slot", (a, b)),
        )
    common = inst.available[a] & inst.available[b]
    if not common:
        return Reason(
            f"{name_b} has no free slot in common with {name_a}",
            make_why(inst, "no_common_slot", (a, b)),
        )
    if not inst.allowed[r]:
        return Reason(
            f"{name_a} and {name_b} have no common free slot in the {session} session",
            make_why(inst, "no_common_slot_in_session", (a, b), bits(common)),
        )
    for p, name in ((a, name_a), (b, name_b)):
        if state.count[p] >= state._max[p]:
            return Reason(
                f"{name} already has its maximum of {state._max[p]} meetings",
                make_why(inst, "max_meetings", (p,)),
            )
    return _blocked_reason(state, r)


def _blocked_reason(state: ScheduleState, r: int) -> Reason:
    """Every usable slot of ``r`` is blocked: say by what, slot by slot."""
    inst = state.inst
    a, b = state._a[r], state._b[r]
    name_a, name_b = inst.participant_ids[a], inst.participant_ids[b]
    by_cause: dict[tuple, list[int]] = {}  # (code, participant or language index) -> slots
    texts: dict[tuple, str] = {}
    lang = state._lang[r]
    heavier_everywhere = True
    for t in bits(inst.allowed[r]):
        bit = 1 << t
        if state.full[a] & bit or state.full[b] & bit:
            p, name = (a, name_a) if state.full[a] & bit else (b, name_b)
            key, text = ("participant_full", p), f"{name} is fully booked"
            blockers = state.meetings_at(p, t)
        elif state.slot_full & bit and not state._online[r]:
            key = ("slot_full", -1)
            text = "no table at all" if state._cap[t] == 0 else "all tables are taken"
            blockers = [m for m in state.members[t] if not state._online[m]]
        elif lang >= 0 and state.lang_full[lang] & bit:
            language = inst.languages[lang]
            key = ("interpreter_full", lang)
            text = (
                f"no {language} interpreter at all"
                if state._interp[lang] == 0
                else f"all {language} interpreters are busy"
            )
            blockers = list(state.lang_members[lang][t])
        else:
            return Reason(
                f"fits in {inst.slot_ids[t]} but was not scheduled (time limit reached)",
                make_why(inst, "time_limit", (a, b), (t,)),
            )
        heavier_everywhere &= bool(blockers) and all(state._w[m] > state._w[r] for m in blockers)
        by_cause.setdefault(key, []).append(t)
        texts[key] = text
    causes = [_cause_why(state, r, key, ts) for key, ts in by_cause.items()]
    where = "in the pinned slot" if inst.fixed_slot[r] >= 0 else "in every common free slot"
    if len(by_cause) == 1:
        ((key, ts),) = by_cause.items()
        text = f"{texts[key]} {where} ({_slots(state, ts)})"
    else:
        parts = [f"{texts[key]} in {_slots(state, ts)}" for key, ts in by_cause.items()]
        text = f"no room {where.replace('every', 'any')}: " + "; ".join(parts)
    if heavier_everywhere:
        union = _union(inst, causes, "lower_weight")
        return Reason(text + " (by meetings that weigh more)", {**union, "causes": causes})
    if len(causes) == 1:
        return Reason(text, causes[0])
    return Reason(text, {**_union(inst, causes, "no_room"), "causes": causes})


def _cause_why(state: ScheduleState, r: int, key: tuple, ts: list[int]) -> dict:
    inst = state.inst
    code, index = key
    if code == "participant_full":
        return make_why(inst, code, (index,), ts)
    if code == "interpreter_full":
        return make_why(inst, code, (state._a[r], state._b[r]), ts, (index,))
    return make_why(inst, code, (state._a[r], state._b[r]), ts)


def _union(inst, causes: list[dict], code: str) -> dict:
    """A why whose ids are those of all ``causes`` (already ids: re-sorted in instance order)."""
    order_p = {pid: k for k, pid in enumerate(inst.participant_ids)}
    order_t = {sid: k for k, sid in enumerate(inst.slot_ids)}
    order_l = {lang: k for k, lang in enumerate(inst.languages)}
    return make_why(
        inst,
        code,
        [order_p[p] for c in causes for p in c["participants"]],
        [order_t[t] for c in causes for t in c["slots"]],
        [order_l[x] for c in causes for x in c["languages"]],
    )


def infeasibility_reason(state: ScheduleState, core: list[int]) -> Reason:
    """Explain why the required requests in ``core`` cannot all be scheduled together."""
    inst = state.inst
    names = inst.participant_ids
    for r in core:
        if not inst.allowed[r] or len(core) == 1:
            # alone it cannot be placed even in an empty schedule: explain it on its own
            alone = unscheduled_reason(ScheduleState(inst), r)
            why = {**alone.why, "requests": [inst.request_ids[r]]}
            return Reason(f"required {inst.request_ids[r]}: " + alone.text, why)
    pinned_reason = _blocked_by_pins(state, core)
    if pinned_reason:
        return pinned_reason
    per_part: dict[int, list[int]] = {}
    for r in core:
        per_part.setdefault(state._a[r], []).append(r)
        per_part.setdefault(state._b[r], []).append(r)
    for p, rs in sorted(per_part.items(), key=lambda kv: -len(kv[1])):
        usable = 0
        for r in rs:
            usable |= inst.allowed[r]
        room = min(usable.bit_count() * state._parallel[p], state._max[p])
        if len(rs) > room:
            return Reason(
                f"{names[p]} has {len(rs)} required meetings "
                f"({', '.join(inst.request_ids[r] for r in rs[:6])}) but room for only {room} "
                f"in slots {_slots(state, bits(usable))}",
                make_why(inst, "too_many_required", (p,), bits(usable), requests=rs),
            )
    pinned = [r for r in core if inst.fixed_slot[r] >= 0]
    slots = 0
    for r in core:
        slots |= inst.allowed[r]
    languages = [state._lang[r] for r in core if state._lang[r] >= 0]
    busiest, rs = max(per_part.items(), key=lambda kv: (len(kv[1]), -kv[0]))
    why = make_why(inst, "required_conflict", per_part, bits(slots), languages, requests=list(core))
    if len(rs) > 1:
        pins = [inst.slot_ids[inst.fixed_slot[r]] for r in pinned]
        pin_text = f", pins in {', '.join(pins[:SHOWN])}" if pins else ""
        return Reason(
            f"required meetings of {names[busiest]} "
            f"({', '.join(inst.request_ids[r] for r in rs[:6])}{', ...' if len(rs) > 6 else ''}) "
            f"and those they depend on ({len(core)} in all{pin_text}) cannot all be placed in "
            f"slots {_slots(state, bits(slots))}: too few free slots, tables or interpreters",
            why,
        )
    listed = ", ".join(
        f"{inst.request_ids[r]} ({names[state._a[r]]}-{names[state._b[r]]})" for r in core[:8]
    )
    more = ", ..." if len(core) > 8 else ""
    pins = " (pins included)" if pinned else ""
    return Reason(
        f"required meetings {listed}{more} cannot all be scheduled{pins}: they compete for "
        f"the same participants, tables or interpreters in slots {_slots(state, bits(slots))}",
        why,
    )


def _blocked_by_pins(state: ScheduleState, core: list[int]) -> Reason | None:
    """A core request whose every usable slot is filled by pinned meetings of its sides."""
    inst = state.inst
    names = inst.participant_ids
    pinned_load: dict[tuple[int, int], list[int]] = {}
    for r in core:
        t = int(inst.fixed_slot[r])
        if t >= 0:
            for p in (state._a[r], state._b[r]):
                pinned_load.setdefault((p, t), []).append(r)
    for r in core:
        if inst.fixed_slot[r] >= 0:
            continue
        blockers: list[int] = []
        for t in bits(inst.allowed[r]):
            full = [
                pinned_load[p, t]
                for p in (state._a[r], state._b[r])
                if len(pinned_load.get((p, t), [])) >= state._parallel[p]
            ]
            if not full:
                break
            blockers.extend(full[0])
        else:
            a, b = names[state._a[r]], names[state._b[r]]
            listed = ", ".join(
                f"{inst.request_ids[m]} in {inst.slot_ids[inst.fixed_slot[m]]}" for m in blockers
            )
            why = make_why(
                inst,
                "pinned_conflict",
                (state._a[r], state._b[r]),
                [int(inst.fixed_slot[m]) for m in blockers],
                requests=[r, *blockers],
            )
            return Reason(
                f"required {inst.request_ids[r]} ({a}-{b}) cannot be placed: every slot free "
                f"for both is taken by pinned meetings of {a} or {b} ({listed})",
                why,
            )
    return None
