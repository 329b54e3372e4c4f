from datetime import date, time, timedelta

import pytest

from matchmaker.enums import SessionPart
from matchmaker.scheduling.slot_grid import GridSettings, SlotGridError, slot_times

CHENGDU = GridSettings(
    day_start=time(9, 0),
    day_end=time(17, 30),
    slot_minutes=25,
    gap_minutes=5,
    lunch_start=time(12, 0),
    lunch_end=time(13, 30),
    timezone="Asia/Shanghai",
)


def test_a_fair_day_is_cut_into_slots_around_lunch():
    slots = slot_times([date(2026, 11, 26)], CHENGDU)
    morning = [s for s in slots if s.session == SessionPart.MORNING]
    afternoon = [s for s in slots if s.session == SessionPart.AFTERNOON]
    # 09:00..11:30 starts (6), 13:30..17:00 starts (8); times are stored in UTC (Beijing - 8h).
    assert len(morning) == 6 and len(afternoon) == 8
    assert morning[0].starts_at.hour == 1 and morning[0].starts_at.minute == 0
    assert afternoon[0].starts_at.hour == 5 and afternoon[0].starts_at.minute == 30
    assert all(s.ends_at - s.starts_at == timedelta(minutes=25) for s in slots)


def test_no_slot_overlaps_the_lunch_break():
    settings = GridSettings(**{**CHENGDU.__dict__, "slot_minutes": 40, "gap_minutes": 0})
    for slot in slot_times([date(2026, 11, 26)], settings):
        local_start = (slot.starts_at + timedelta(hours=8)).time()
        local_end = (slot.ends_at + timedelta(hours=8)).time()
        assert local_end <= time(12, 0) or local_start >= time(13, 30)


def test_each_day_gets_its_own_slots():
    slots = slot_times([date(2026, 11, 26), date(2026, 11, 27)], CHENGDU)
    assert {s.day for s in slots} == {date(2026, 11, 26), date(2026, 11, 27)}
    assert len(slots) == 28


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"slot_minutes": 600}, "does not fit"),
        ({"day_end": time(8, 0)}, "end after it starts"),
        ({"lunch_end": None}, "both the start and the end"),
        ({"lunch_start": time(7, 0)}, "within the day"),
    ],
)
def test_impossible_settings_are_refused_with_a_reason(change, message):
    with pytest.raises(SlotGridError, match=message):
        slot_times([date(2026, 11, 26)], GridSettings(**{**CHENGDU.__dict__, **change}))
