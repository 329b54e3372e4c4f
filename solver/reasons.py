"""Human-readable reasons: why a request stays unscheduled, why required ones conflict."""

from __future__ import annotations

from solver.state import ScheduleState, bits

SHOWN = 4  # slot ids listed before "..."


def _slots(state: ScheduleState, ts: list[int]) -> str:
    ids = [state.inst.slot_ids[t] for t in ts[:SHOWN]]
    return ", ".join(ids) + (", ..." if len(ts) > SHOWN else "")


def unscheduled_reason(state: ScheduleState, r: int) -> str:
    """Why ``r`` is not in the final schedule held by ``state``."""
    inst = state.inst
    a, b = state._a[r], state._b[r]
    name_a, name_b = inst.participant_ids[a], inst.participant_ids[b]
    common = inst.available[a] & inst.available[b]
    if not common:
        return f"{name_b} has no free slot in common with {name_a}"
    session = inst.raw["requests"][r].get("session")
    if not inst.allowed[r]:
        return f"{name_a} and {name_b} have no common free slot in the {session} session"
    for p, name in ((a, name_a), (b, name_b)):
        if state.count[p] >= state._max[p]:
            return f"{name} already has its maximum of {state._max[p]} meetings"
    by_cause: dict[str, list[int]] = {}
    lang = state._lang[r]
    for t in bits(inst.allowed[r]):
        bit = 1 << t
        if state.full[a] & bit:
            cause = f"{name_a} is fully booked"
        elif state.full[b] & bit:
            cause = f"{name_b} is fully booked"
        elif state.slot_full & bit and not state._online[r]:
            cause = "no table at all" if state._cap[t] == 0 else "all tables are taken"
        elif lang >= 0 and state.lang_full[lang] & bit:
            language = inst.languages[lang]
            cause = (
                f"no {language} interpreter at all"
                if state._interp[lang] == 0
                else f"all {language} interpreters are busy"
            )
        else:
            return f"fits in {inst.slot_ids[t]} but was not scheduled (time limit reached)"
        by_cause.setdefault(cause, []).append(t)
    where = "in the pinned slot" if inst.fixed_slot[r] >= 0 else "in every common free slot"
    if len(by_cause) == 1:
        ((cause, ts),) = by_cause.items()
        return f"{cause} {where} ({_slots(state, ts)})"
    parts = [f"{cause} in {_slots(state, ts)}" for cause, ts in by_cause.items()]
    return f"no room {where.replace('every', 'any')}: " + "; ".join(parts)


def infeasibility_reason(state: ScheduleState, core: list[int]) -> str:
    """Explain why the required requests in ``core`` cannot all be scheduled together."""
    inst = state.inst
    names = inst.participant_ids
    for r in core:
        if not inst.allowed[r] or len(core) == 1:
            # alone it cannot be placed even in an empty schedule: explain it on its own
            return f"required {inst.request_ids[r]}: " + unscheduled_reason(ScheduleState(inst), r)
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
            return (
                f"{names[p]} has {len(rs)} required meetings "
                f"({', '.join(inst.request_ids[r] for r in rs[:6])}) but room for only {room} "
                f"in slots {_slots(state, bits(usable))}"
            )
    pinned = [r for r in core if inst.fixed_slot[r] >= 0]
    slots = 0
    for r in core:
        slots |= inst.allowed[r]
    busiest, rs = max(per_part.items(), key=lambda kv: (len(kv[1]), -kv[0]))
    if len(rs) > 1:
        pins = [inst.slot_ids[inst.fixed_slot[r]] for r in pinned]
        pin_text = f", pins in {', '.join(pins[:SHOWN])}" if pins else ""
        return (
            f"required meetings of {names[busiest]} "
            f"({', '.join(inst.request_ids[r] for r in rs[:6])}{', ...' if len(rs) > 6 else ''}) "
            f"and those they depend on ({len(core)} in all{pin_text}) cannot all be placed in "
            f"slots {_slots(state, bits(slots))}: too few free slots, tables or interpreters"
        )
    listed = ", ".join(
        f"{inst.request_ids[r]} ({names[state._a[r]]}-{names[state._b[r]]})" for r in core[:8]
    )
    more = ", ..." if len(core) > 8 else ""
    pins = " (pins included)" if pinned else ""
    return (
        f"required meetings {listed}{more} cannot all be scheduled{pins}: they compete for "
        f"the same participants, tables or interpreters in slots {_slots(state, bits(slots))}"
    )


def _blocked_by_pins(state: ScheduleState, core: list[int]) -> str | None:
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
            return (
                f"required {inst.request_ids[r]} ({a}-{b}) cannot be placed: every slot free "
                f"for both is taken by pinned meetings of {a} or {b} ({listed})"
            )
    return None
