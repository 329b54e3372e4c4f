"""Unscheduled reasons and conflict messages name companies and local slot times."""

from __future__ import annotations

import pytest

from matchmaker.scheduling.editing import placement_conflicts
from matchmaker.scheduling.explanations import Namer, explain
from tests.builders import build_published_fair


@pytest.fixture
def fair(db_session):
    built = build_published_fair()
    db_session.commit()
    return built


def _namer(fair):
    return Namer.for_event(fair.event, [c.id for c in fair.companies.values()])


def test_an_old_reason_text_has_its_ids_replaced_by_names_and_local_times(app, fair):
    alpha, gamma = fair.companies["alpha"], fair.companies["gamma"]
    s = fair.slots
    reason = (
        f"c{alpha.id} is fully booked in every common free slot "
        f"(s{s[0].id}, s{s[1].id}, s{s[2].id}, s{s[5].id}, ...) with c{gamma.id}"
    )
    text = explain({"request": "r1", "reason": reason}, _namer(fair))
    assert text == (
        "Alpha GmbH is fully booked in every common free slot "
        "(Thu, Nov 26 09:00–10:25, 11:30–11:55 and others) with Gamma Chengdu"
    )
    assert f"c{alpha.id}" not in text and f"s{s[0].id}" not in text


def test_consecutive_slots_are_shown_as_one_span_per_run(app, fair):
    s = fair.slots
    ranges = _namer(fair).slot_ranges([s[0].id, s[1].id, s[2].id, s[5].id])
    assert ranges == "Thu, Nov 26 09:00–10:25, 11:30–11:55"
    next_day = next(slot for slot in fair.slots if slot.day_id != s[0].day_id)
    assert _namer(fair).slot_ranges([s[0].id, next_day.id]) == (
        "Thu, Nov 26 09:00–09:25; Fri, Nov 27 09:00–09:25"
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("no_common_slot", "Alpha GmbH and Gamma Chengdu have no free slot in common."),
        ("participant_full", "Alpha GmbH is fully booked in every slot both companies have"),
        ("slot_full", "Every table is taken in the slots both companies have free: Thu, Nov 26"),
        ("interpreter_full", "All Chinese (Mandarin) interpreters are busy"),
        ("max_meetings", "Alpha GmbH and Gamma Chengdu already has its maximum"),
        ("time_limit", "It fits in Thu, Nov 26 09:00–09:25, but the scheduler's time limit"),
        ("not_in_version", "Not placed in this version"),
    ],
)
def test_a_structured_reason_is_rendered_from_its_code(app, fair, code, expected):
    alpha, gamma = fair.companies["alpha"], fair.companies["gamma"]
    participants = (
        [f"c{alpha.id}"]
        if code == "participant_full"
        else [
            f"c{alpha.id}",
            f"c{gamma.id}",
        ]
    )
    why = {
        "code": code,
        "participants": participants,
        "slots": [f"s{fair.slots[0].id}"],
        "languages": ["zh"],
    }
    text = explain({"request": "r1", "reason": "ignored c1 s1", "why": why}, _namer(fair))
    assert text.startswith(expected)
    assert "ignored" not in text


def test_an_unknown_code_falls_back_to_the_named_reason_text(app, fair):
    alpha = fair.companies["alpha"]
    entry = {"request": "r1", "reason": f"c{alpha.id} left", "why": {"code": "new_code"}}
    assert explain(entry, _namer(fair)) == "Alpha GmbH left"


def test_conflict_messages_name_companies_tables_and_languages(app, fair):
    request = fair.requests["ae"]  # Alpha–Epsilon, Alpha already meets in slot 1
    problems = placement_conflicts(fair.version, request, fair.slots[1], fair.tables[0])
    assert "Alpha GmbH already has a meeting in that slot." in problems
    assert any(fair.tables[0].name in p for p in problems)


def test_a_no_room_reason_lists_each_cause_with_names(app, fair):
    alpha, gamma = fair.companies["alpha"], fair.companies["gamma"]
    slots = [f"s{fair.slots[0].id}"]
    why = {
        "code": "no_room",
        "participants": [f"c{alpha.id}", f"c{gamma.id}"],
        "slots": slots,
        "languages": [],
        "causes": [
            {"code": "participant_full", "participants": [f"c{gamma.id}"], "slots": slots},
            {"code": "slot_full", "participants": [], "slots": slots},
        ],
    }
    text = explain({"request": "r1", "reason": "x", "why": why}, _namer(fair))
    assert text.startswith("No room in any slot both companies have free. Gamma Chengdu is")
    assert "Every table is taken" in text
