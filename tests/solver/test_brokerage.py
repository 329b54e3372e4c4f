"""The brokerage-event generator: deterministic, feasible by construction, in the issue's shapes."""

from __future__ import annotations

from collections import Counter

import pytest

from solver.brokerage import FAMILIES, generate_brokerage, planted_schedule
from solver.checker import check
from tests.solver.schemas import assert_valid_instance


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_family_is_deterministic_valid_and_feasible(family):
    event = generate_brokerage(family, 4)
    assert event == generate_brokerage(family, 4)
    assert event != generate_brokerage(family, 5)
    assert_valid_instance(event)
    assert all(r["required"] and r["weight"] == 1 for r in event["requests"])
    # the planted schedule respects every rule (it has no table numbers and no figures)
    violations = check(event, planted_schedule(family, 4)).violations
    assert [v for v in violations if "table" not in v and "stats" not in v] == []


def degrees(event: dict) -> Counter:
    counts: Counter = Counter()
    for r in event["requests"]:
        counts[r["a"]] += 1
        counts[r["b"]] += 1
    return counts


def test_the_hard_family_has_the_shape_of_the_hard_real_events():
    event = generate_brokerage("hard", 1)
    assert len(event["participants"]) == 60
    assert 225 <= len(event["requests"]) <= 241
    assert len(event["slots"]) == 10 and {s["session"] for s in event["slots"]} == {"morning"}
    tables = event["slots"][0]["capacity"]
    assert len(event["requests"]) / 10 <= tables <= 27  # tables barely enough
    spread = degrees(event).values()
    assert min(spread) >= 1 and max(spread) == 10  # some meet in every slot


def test_two_session_families_have_wishes_fixed_meetings_and_forbidden_slots():
    event = generate_brokerage("fixed", 2)
    assert {s["session"] for s in event["slots"]} == {"morning", "afternoon"}
    assert 21 <= len(event["slots"]) <= 22
    share = sum(1 for r in event["requests"] if r.get("fixed_slot")) / len(event["requests"])
    assert 0.3 < share < 0.5
    assert any(r.get("session") for r in event["requests"])
    assert any(p["unavailable"] for p in event["participants"])
    spread = sorted(degrees(event).values())
    assert spread[0] == 1 and spread[len(spread) // 2] < spread[-1]  # heavy-tailed


def test_interpreter_delegate_and_online_families():
    interp = generate_brokerage("interpreters", 1)
    needing = [r for r in interp["requests"] if r.get("interpreter") == "zh"]
    assert len(needing) > 0.25 * len(interp["requests"])
    assert interp["interpreters"]["zh"] * len(interp["slots"]) < 1.2 * len(needing)
    delegates = generate_brokerage("delegates", 1)
    assert any(p["parallel"] == 2 for p in delegates["participants"])
    assert max(degrees(delegates).values()) > len(delegates["slots"])
    online = generate_brokerage("online", 1)
    assert (
        0.15
        < sum(bool(r.get("online")) for r in online["requests"]) / len(online["requests"])
        < 0.35
    )


def test_unknown_family_is_refused():
    with pytest.raises(ValueError, match="unknown family"):
        generate_brokerage("nope", 1)


@pytest.mark.parametrize("seed", [1, 2, 3, 17])
def test_the_gapless_family_is_built_around_a_schedule_without_idle_gaps(seed):
    event = generate_brokerage("gapless", seed)
    assert len(event["participants"]) == 60 and len(event["slots"]) == 10
    assert 215 <= len(event["requests"]) <= 241
    planted = planted_schedule("gapless", seed)
    slot_number = {s["id"]: k for k, s in enumerate(event["slots"])}
    request = {r["id"]: r for r in event["requests"]}
    busy: dict[str, set[int]] = {}
    per_slot: Counter = Counter()
    for meeting in planted["meetings"]:
        t = slot_number[meeting["slot"]]
        per_slot[t] += 1
        for side in ("a", "b"):
            busy.setdefault(request[meeting["request"]][side], set()).add(t)
    # every participant meets in one run of consecutive slots: the optimum is 0 idle gaps
    assert all(max(slots) - min(slots) + 1 == len(slots) for slots in busy.values())
    # the tables bind: the busiest slot uses every one of them
    assert max(per_slot.values()) == event["slots"][0]["capacity"]
    # forbidden slots never cut a participant's run
    for participant in event["participants"]:
        for slot in participant["unavailable"]:
            assert slot_number[slot] not in busy.get(participant["id"], set())
