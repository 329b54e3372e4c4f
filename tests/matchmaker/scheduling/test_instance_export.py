"""The event's rows become the solver's instance document, with the documented weights."""

from __future__ import annotations

from dataclasses import dataclass

from matchmaker.enums import AttendanceMode, RequestPriority, RequestStatus
from matchmaker.extensions import db
from matchmaker.models import (
    Company,
    CompanyLanguage,
    Event,
    Meeting,
    MeetingRequest,
    Participation,
    ScheduleVersion,
    TimeSlot,
    User,
)
from matchmaker.scheduling.instance_export import build_instance
from matchmaker.scheduling.meeting_facts import interpreter_language
from matchmaker.scheduling.operations import (
    regenerate_slots,
    set_interpreters,
    set_unavailable_slots,
    setup_for,
)
from tests.factories import make_company, make_event, make_organizer, make_participation
from tests.solver.schemas import assert_valid_instance


def exported(event, **options) -> dict:
    """What the app exports for ``event``, checked against the format's JSON Schema."""
    document = build_instance(event, **options)
    assert_valid_instance(document)
    return document


def _request(event, a, b, status=RequestStatus.ACCEPTED, priority=RequestPriority.NORMAL):
    row = MeetingRequest(
        event=event, from_company=a, to_company=b, status=status, priority=priority
    )
    db.session.add(row)
    db.session.flush()
    return row


def _speaks(company, *languages):
    company.language_links = [CompanyLanguage(language=code) for code in languages]


@dataclass
class Fair:
    organizer: User
    event: Event
    eu: Company  # speaks en, de
    cn: Company  # speaks zh only
    cn2: Company  # speaks zh, en
    parts: dict[str, Participation]


def _fair() -> Fair:
    organizer = make_organizer()
    event = make_event()
    setup_for(event).table_count = 3
    regenerate_slots(event, organizer)
    eu, cn, cn2 = make_company("Eu", "DE"), make_company("Cn", "CN"), make_company("Cn2", "CN")
    _speaks(eu, "en", "de")
    _speaks(cn, "zh")
    _speaks(cn2, "zh", "en")
    parts = {c.name: make_participation(event, c) for c in (eu, cn, cn2)}
    return Fair(organizer, event, eu, cn, cn2, parts)


def test_slots_participants_and_capacity_come_from_the_set_up(db_session):
    fair = _fair()
    event, eu, cn, cn2 = fair.event, fair.eu, fair.cn, fair.cn2
    document = exported(event)
    assert document["format"] == "matchmaker-instance/1"
    assert len(document["slots"]) == 28
    assert {slot["capacity"] for slot in document["slots"]} == {3}
    assert document["slots"][0]["start"].endswith("+08:00")
    assert {slot["day"] for slot in document["slots"]} == {1, 2}
    ids = {p["id"] for p in document["participants"]}
    assert ids == {f"c{eu.id}", f"c{cn.id}", f"c{cn2.id}"}


def test_accepted_requests_count_double_and_pending_ones_wait_for_the_setting(db_session):
    fair = _fair()
    event, eu, cn, cn2 = fair.event, fair.eu, fair.cn, fair.cn2
    accepted = _request(event, eu, cn, priority=RequestPriority.HIGH)
    pending = _request(event, eu, cn2, status=RequestStatus.PENDING)
    weights = {r["id"]: r["weight"] for r in exported(event)["requests"]}
    assert weights == {f"r{accepted.id}": 3 * 2}

    setup_for(event).include_pending_requests = True
    weights = {r["id"]: r["weight"] for r in exported(event)["requests"]}
    assert weights == {f"r{accepted.id}": 6, f"r{pending.id}": 2}


def test_two_companies_that_asked_each_other_are_one_mutual_request(db_session):
    fair = _fair()
    event, eu, cn2 = fair.event, fair.eu, fair.cn2
    setup_for(event).include_pending_requests = True
    first = _request(event, eu, cn2, status=RequestStatus.PENDING, priority=RequestPriority.LOW)
    _request(event, cn2, eu, status=RequestStatus.PENDING, priority=RequestPriority.HIGH)
    requests = exported(event)["requests"]
    assert requests == [
        {
            "id": f"r{first.id}",
            "a": f"c{eu.id}",
            "b": f"c{cn2.id}",
            "weight": (1 + 3) * 2,
            "required": False,
        }
    ]


def test_an_interpreter_is_needed_only_without_a_common_language(db_session):
    fair = _fair()
    organizer, event, eu, cn, cn2 = fair.organizer, fair.event, fair.eu, fair.cn, fair.cn2
    set_interpreters(event, {"zh": 2}, organizer)
    needs = _request(event, eu, cn)
    shares = _request(event, eu, cn2)
    document = exported(event)
    by_id = {r["id"]: r for r in document["requests"]}
    assert by_id[f"r{needs.id}"]["interpreter"] == "zh"
    assert "interpreter" not in by_id[f"r{shares.id}"]
    assert document["interpreters"] == {"zh": 2}
    assert interpreter_language(["de"], ["fr"], {"zh"}) is None


def test_unavailable_slots_and_absent_days_are_exported(db_session):
    fair = _fair()
    organizer, event, eu, cn, cn2, parts = (
        fair.organizer,
        fair.event,
        fair.eu,
        fair.cn,
        fair.cn2,
        fair.parts,
    )
    slots = db.session.scalars(
        db.select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
    ).all()
    set_unavailable_slots(parts["Eu"], {slots[0].id}, organizer)
    parts["Cn"].days = [event.days[0]]  # absent on day 2
    by_id = {p["id"]: p for p in exported(event)["participants"]}
    assert by_id[f"c{eu.id}"]["unavailable"] == [f"s{slots[0].id}"]
    assert by_id[f"c{cn.id}"]["unavailable"] == [f"s{s.id}" for s in slots[14:]]
    assert by_id[f"c{cn2.id}"]["unavailable"] == []


def test_closed_slots_disappear_and_remote_pairs_meet_online(db_session):
    fair = _fair()
    event, eu, cn, parts = fair.event, fair.eu, fair.cn, fair.parts
    first_slot = db.session.scalars(
        db.select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
    ).first()
    first_slot.closed = True
    parts["Cn"].attendance = AttendanceMode.REMOTE
    row = _request(event, eu, cn)
    document = exported(event)
    assert f"s{first_slot.id}" not in {s["id"] for s in document["slots"]}
    assert document["requests"][0]["id"] == f"r{row.id}"
    assert document["requests"][0]["online"] is True


def test_pinned_draft_meetings_become_fixed_and_required(db_session):
    fair = _fair()
    event, eu, cn = fair.event, fair.eu, fair.cn
    row = _request(event, eu, cn)
    slot = db.session.scalars(db.select(TimeSlot).where(TimeSlot.event_id == event.id)).first()
    draft = ScheduleVersion(event_id=event.id, number=1)
    draft.meetings = [Meeting(request=row, slot=slot, pinned=True)]
    db.session.add(draft)
    db.session.flush()
    request = exported(event)["requests"][0]
    assert request["fixed_slot"] == f"s{slot.id}" and request["required"] is True
    previous = exported(event, previous=draft)["previous"]
    assert previous == [{"request": f"r{row.id}", "slot": f"s{slot.id}", "table": None}]
