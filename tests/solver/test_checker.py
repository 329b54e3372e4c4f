"""The independent checker: one hand-made breach per hard rule, and a valid schedule."""

from __future__ import annotations

import copy

import pytest

from solver.checker import CheckInputError, check


def base_instance() -> dict:
    return {
        "format": "matchmaker-instance/1",
        "name": "tiny",
        "slots": [
            {"id": "s1", "day": 1, "session": "morning", "capacity": 2},
            {"id": "s2", "day": 1, "session": "morning", "capacity": 2},
            {"id": "s3", "day": 1, "session": "afternoon", "capacity": 1},
            {"id": "s4", "day": 1, "session": "afternoon", "capacity": None},
        ],
        "participants": [
            {"id": "p1", "side": "EU", "unavailable": [], "parallel": 1},
            {"id": "p2", "side": "CN", "unavailable": [], "parallel": 2, "max_meetings": 3},
            {"id": "p3", "side": "CN", "unavailable": ["s3"], "parallel": 1},
            {"id": "p4", "side": "EU", "unavailable": [], "parallel": 1},
        ],
        "requests": [
            {"id": "r1", "a": "p1", "b": "p2", "weight": 3},
            {"id": "r2", "a": "p2", "b": "p3", "weight": 1, "interpreter": "zh"},
            {"id": "r3", "a": "p3", "b": "p4", "weight": 2, "session": "afternoon"},
            {"id": "r4", "a": "p1", "b": "p4", "weight": 1, "fixed_slot": "s2"},
            {"id": "r5", "a": "p2", "b": "p4", "weight": 2, "required": True},
            {"id": "r6", "a": "p1", "b": "p3", "weight": 1},
        ],
        "interpreters": {"zh": 1},
    }


MEETINGS = [
    {"request": "r1", "slot": "s1", "table": 1},
    {"request": "r2", "slot": "s1", "table": 2},
    {"request": "r3", "slot": "s4", "table": None},
    {"request": "r4", "slot": "s2", "table": 1},
    {"request": "r5", "slot": "s3", "table": 1},
]


def schedule_of(instance: dict, meetings: list[dict]) -> dict:
    """A schedule whose stats and unscheduled list agree with ``meetings``."""
    weights = {r["id"]: r["weight"] for r in instance["requests"]}
    placed = {m["request"] for m in meetings}
    report = check(instance, {"format": "matchmaker-schedule/1", "meetings": meetings})
    return {
        "format": "matchmaker-schedule/1",
        "instance": instance.get("name"),
        "meetings": copy.deepcopy(meetings),
        "unscheduled": [
            {"request": r["id"], "reason": "no common free slot"}
            for r in instance["requests"]
            if r["id"] not in placed
        ],
        "stats": {
            "status": "FEASIBLE",
            "scheduled": len(meetings),
            "weight": sum(weights.get(m["request"], 0) for m in meetings),
            "idle_gaps": report.figures["idle_gaps"],
        },
    }


def violations(instance: dict, meetings: list[dict]) -> list[str]:
    return check(instance, schedule_of(instance, meetings)).violations


def with_meeting(request: str, **changes) -> list[dict]:
    meetings = copy.deepcopy(MEETINGS)
    for m in meetings:
        if m["request"] == request:
            m.update(changes)
    return meetings


def assert_reported(found: list[str], *fragments: str) -> None:
    for fragment in fragments:
        assert any(fragment in line for line in found), f"{fragment!r} not in {found}"


def test_valid_schedule_has_no_violation_and_right_figures():
    instance = base_instance()
    report = check(instance, schedule_of(instance, MEETINGS))
    assert report.violations == []
    assert report.ok
    figures = report.figures
    assert figures["scheduled"] == 5
    assert figures["weight"] == 9
    assert figures["required_missing"] == 0
    assert figures["idle_gaps"] == 0
    assert figures["zero_meeting_participants"] == 0
    assert figures["per_side"]["EU"] == {"participants": 2, "meetings": 5}
    assert figures["meetings_by_side_pair"] == {"CN–CN": 1, "CN–EU": 3, "EU–EU": 1}


def test_schedule_format():
    instance = base_instance()
    schedule = schedule_of(instance, MEETINGS)
    schedule["format"] = "something/2"
    assert_reported(check(instance, schedule).violations, "schedule.format")
    assert_reported(check(instance, []).violations, "not a JSON object")
    assert_reported(check(instance, {"format": "x"}).violations, "schedule.meetings")
    schedule = schedule_of(instance, MEETINGS)
    schedule["meetings"].append("r6")
    assert_reported(check(instance, schedule).violations, "meetings[5] is not an object")


def test_schedule_for_another_instance():
    instance = base_instance()
    schedule = schedule_of(instance, MEETINGS)
    schedule["instance"] = "other-fair"
    assert_reported(check(instance, schedule).violations, "schedule.instance")


def test_unknown_request_and_slot():
    found = violations(base_instance(), [*MEETINGS, {"request": "r99", "slot": "s1", "table": 1}])
    assert_reported(found, "unknown request 'r99'")
    found = violations(base_instance(), with_meeting("r1", slot="s9"))
    assert_reported(found, "unknown slot 's9'")


def test_request_scheduled_twice():
    found = violations(base_instance(), [*MEETINGS, {"request": "r1", "slot": "s4", "table": 2}])
    assert_reported(found, "request r1 is scheduled twice")


@pytest.mark.parametrize(
    ("table", "fragment"),
    [(0, "table 0 outside 1..2"), (3, "table 3 outside 1..2"), ("1", "table must be an integer")],
)
def test_table_numbers(table, fragment):
    assert_reported(violations(base_instance(), with_meeting("r1", table=table)), fragment)


def test_table_missing_in_a_limited_slot():
    found = violations(base_instance(), with_meeting("r1", table=None))
    assert_reported(found, "table must be an integer")


def test_table_used_twice_in_a_slot():
    found = violations(base_instance(), with_meeting("r2", table=1))
    assert_reported(found, "table 1 in s1 holds 2 meetings")


def test_participant_over_parallel():
    instance = base_instance()
    instance["requests"][3]["fixed_slot"] = None
    found = violations(instance, with_meeting("r4", slot="s1", table=2))  # p1 twice in s1
    assert_reported(found, "p1 has 2 meetings in s1 but parallel is 1")


def test_parallel_two_allows_two_meetings():
    # p2 meets p1 and p3 in s1 in the valid schedule: no violation
    assert violations(base_instance(), MEETINGS) == []


def test_slot_over_capacity():
    instance = base_instance()
    instance["slots"][0]["capacity"] = 1
    found = violations(instance, with_meeting("r2", table=1))
    assert_reported(found, "slot s1 holds 2 meetings but has 1 tables")


def test_interpreters_per_language_and_slot():
    instance = base_instance()
    instance["requests"][0]["interpreter"] = "zh"  # r1 and r2 both need zh in s1
    found = violations(instance, MEETINGS)
    assert_reported(found, "2 meetings need a 'zh' interpreter in s1, only 1")
    instance["interpreters"] = {}  # an unlisted language is not limited
    assert violations(instance, MEETINGS) == []


def test_unavailable_slot():
    found = violations(base_instance(), with_meeting("r3", slot="s3", table=1))
    assert_reported(found, "p3 is unavailable in s3")


def test_session_restriction():
    found = violations(base_instance(), with_meeting("r3", slot="s2", table=2))
    assert_reported(found, "request wants session 'afternoon'")


def test_fixed_slot():
    found = violations(base_instance(), with_meeting("r4", slot="s4", table=None))
    assert_reported(found, "request is fixed to s2")


def test_max_meetings():
    instance = base_instance()
    instance["participants"][1]["max_meetings"] = 2
    assert_reported(violations(instance, MEETINGS), "p2 has 3 meetings but max_meetings is 2")


def test_required_missing():
    instance = base_instance()
    meetings = [m for m in MEETINGS if m["request"] != "r5"]
    report = check(instance, schedule_of(instance, meetings))
    assert_reported(report.violations, "required request r5 (p2–p4) is not scheduled")
    assert report.figures["required_missing"] == 1


@pytest.mark.parametrize("key", ["scheduled", "weight", "idle_gaps"])
def test_stats_must_match_the_meetings(key):
    instance = base_instance()
    schedule = schedule_of(instance, MEETINGS)
    schedule["stats"][key] += 1
    assert_reported(check(instance, schedule).violations, f"stats.{key} is")
    del schedule["stats"][key]
    assert_reported(check(instance, schedule).violations, f"stats.{key} is missing")


def test_unscheduled_requests_need_a_reason():
    instance = base_instance()
    schedule = schedule_of(instance, MEETINGS)
    schedule["unscheduled"][0]["reason"] = " "
    assert_reported(check(instance, schedule).violations, "unscheduled request r6 has no reason")
    schedule["unscheduled"] = []
    assert_reported(check(instance, schedule).violations, "not listed with a reason: r6")
    schedule["unscheduled"] = [{"request": "r1", "reason": "x"}, {"request": "r6", "reason": "y"}]
    assert_reported(check(instance, schedule).violations, "r1 is both scheduled and listed")


def test_idle_gaps_are_counted_per_session_block():
    slots = [
        {"id": f"m{k}", "day": 1, "session": "morning", "capacity": 5} for k in range(1, 6)
    ] + [{"id": f"a{k}", "day": 1, "session": "afternoon", "capacity": 5} for k in range(1, 3)]
    parts = [{"id": p, "unavailable": [], "parallel": 1} for p in ("x", "y", "z", "w")]
    requests = [
        {"id": "r1", "a": "x", "b": "y", "weight": 1},
        {"id": "r2", "a": "x", "b": "z", "weight": 1},
        {"id": "r3", "a": "x", "b": "w", "weight": 1},
        {"id": "r4", "a": "y", "b": "z", "weight": 1},
    ]
    instance = {"format": "matchmaker-instance/1", "slots": slots, "participants": parts,
                "requests": requests}  # fmt: skip
    meetings = [
        {"request": "r1", "slot": "m1", "table": 1},  # x: m1, m3, m5 -> 2 gaps
        {"request": "r2", "slot": "m3", "table": 1},
        {"request": "r3", "slot": "m5", "table": 1},
        {"request": "r4", "slot": "a2", "table": 1},  # y: m1 | a2 -> other block, no gap
    ]  # z: m3 | a2 -> no gap; w: m5 only
    report = check(instance, schedule_of(instance, meetings))
    assert report.violations == []
    assert report.figures["idle_gaps"] == 2
    meetings[1]["slot"] = "m4"  # x: m1, m4, m5 -> one gap of two slots
    assert check(instance, schedule_of(instance, meetings)).figures["idle_gaps"] == 1


def test_moved_against_previous():
    instance = base_instance()
    instance["previous"] = [
        {"request": "r1", "slot": "s1", "table": 1},  # kept
        {"request": "r3", "slot": "s3", "table": 1},  # moved to s4
        {"request": "r6", "slot": "s2", "table": 2},  # dropped
        {"request": "gone", "slot": "s2", "table": 1},  # request no longer exists: ignored
    ]
    figures = check(instance, schedule_of(instance, MEETINGS)).figures
    assert figures["previous_kept"] == 1
    assert figures["moved_to_other_slot"] == 1
    assert figures["previous_dropped"] == 1
    assert figures["moved"] == 2


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda i: i["requests"][0].update(a="nobody"), "requests[0].a"),
        (lambda i: i["requests"][0].update(weight=-1), "requests[0].weight"),
        (lambda i: i["requests"].append(dict(i["requests"][0])), "duplicate"),
        (lambda i: i["participants"][0].update(unavailable=["s9"]), "participants[0].unavailable"),
        (lambda i: i["requests"][0].update(fixed_slot="s9"), "requests[0].fixed_slot"),
        (lambda i: i.update(slots=5), "instance.slots"),
    ],
)
def test_malformed_instance_is_an_input_error(mutate, fragment):
    instance = base_instance()
    mutate(instance)
    with pytest.raises(CheckInputError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        check(instance, schedule_of(base_instance(), MEETINGS))


def _one_table_instance(online: bool) -> dict:
    return {
        "format": "matchmaker-instance/1",
        "name": "one-table",
        "slots": [{"id": "s1", "day": 1, "session": "morning", "capacity": 1}],
        "participants": [{"id": p} for p in ("p1", "p2", "p3", "p4")],
        "requests": [
            {"id": "r1", "a": "p1", "b": "p2", "weight": 1},
            {"id": "r2", "a": "p3", "b": "p4", "weight": 1, "online": online},
        ],
    }


def test_an_online_meeting_takes_no_table_and_leaves_the_tables_to_others():
    meetings = [{"request": "r1", "slot": "s1", "table": 1}, {"request": "r2", "slot": "s1",
                                                              "table": None}]  # fmt: skip
    online = _one_table_instance(online=True)
    assert check(online, schedule_of(online, meetings)).violations == []
    at_tables = _one_table_instance(online=False)
    violations = check(at_tables, schedule_of(at_tables, meetings)).violations
    assert any("holds 2 meetings but has 1 tables" in v for v in violations)


def test_an_online_meeting_with_a_table_number_is_reported():
    instance = base_instance()
    instance["requests"][5]["online"] = True
    meetings = [*MEETINGS, {"request": "r6", "slot": "s2", "table": 2}]
    violations = check(instance, schedule_of(instance, meetings)).violations
    assert any("an online meeting takes no table" in v for v in violations)


def test_a_non_boolean_online_flag_is_refused_naming_the_field():
    instance = base_instance()
    instance["requests"][0]["online"] = "yes"
    with pytest.raises(CheckInputError, match=r"requests\[0\]\.online"):
        check(instance, schedule_of(base_instance(), MEETINGS))
