"""Hypothesis strategies building valid ``matchmaker-instance/1`` dicts with every feature."""

from __future__ import annotations

from hypothesis import strategies as st

SESSIONS = ("morning", "afternoon")


@st.composite
def instances(
    draw,
    max_slots: int = 4,
    max_participants: int = 5,
    max_requests: int = 6,
    with_previous: bool = True,
) -> dict:
    n_slots = draw(st.integers(1, max_slots))
    slots = []
    # time order: day 1 before day 2, morning before afternoon within a day
    layout = sorted(
        draw(st.lists(st.tuples(st.integers(1, 2), st.integers(0, 1)), min_size=n_slots,
                      max_size=n_slots))
    )  # fmt: skip
    for k, (day, session) in enumerate(layout):
        capacity = draw(st.sampled_from([None, 0, 1, 1, 2, 2, 3, 3]))
        slots.append(
            {"id": f"s{k + 1}", "day": day, "session": SESSIONS[session], "capacity": capacity}
        )
    slot_ids = [s["id"] for s in slots]

    n_part = draw(st.integers(2, max_participants))
    participants = []
    for i in range(n_part):
        p = {
            "id": f"p{i + 1}",
            "side": draw(st.sampled_from(["EU", "CN"])),
            "unavailable": draw(
                st.lists(st.sampled_from(slot_ids), unique=True, max_size=max(1, n_slots // 3))
            ),
            "parallel": draw(st.integers(1, 2)),
        }
        cap = draw(st.sampled_from([None, None, None, 0, 1, 2, 3]))
        if cap is not None:
            p["max_meetings"] = cap
        participants.append(p)

    requests = []
    for k in range(draw(st.integers(min(1, max_requests), max_requests))):
        a, b = draw(st.lists(st.integers(0, n_part - 1), min_size=2, max_size=2, unique=True))
        present = sorted({s["session"] for s in slots})
        session = draw(st.sampled_from([None, None, None, *present]))
        blocked = set(participants[a]["unavailable"]) | set(participants[b]["unavailable"])
        pinnable = [  # a pin must be a slot both can attend, in the wished session
            s["id"] for s in slots if s["id"] not in blocked and session in (None, s["session"])
        ]
        fixed = draw(st.sampled_from([None, None, *pinnable])) if pinnable else None
        requests.append(
            {
                "id": f"r{k + 1}",
                "a": f"p{a + 1}",
                "b": f"p{b + 1}",
                "weight": draw(st.integers(1, 3)),
                "required": draw(st.integers(0, 7)) == 0,
                "session": session,
                "fixed_slot": fixed,
                "interpreter": draw(st.sampled_from([None, None, "zh"])),
                "online": draw(st.integers(0, 4)) == 0,
            }
        )
    instance = {
        "format": "matchmaker-instance/1",
        "name": "hypothesis",
        "slots": slots,
        "participants": participants,
        "requests": requests,
        "interpreters": {"zh": draw(st.sampled_from([0, 1, 1, 2]))},
    }
    if with_previous and requests and draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from([r["id"] for r in requests]), unique=True))
        instance["previous"] = [
            {"request": r, "slot": draw(st.sampled_from(slot_ids)), "table": 1} for r in chosen
        ]
    return instance
