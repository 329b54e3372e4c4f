"""Companies mark the slots in which they cannot meet; the scheduler then avoids them."""

from __future__ import annotations

from sqlalchemy import select

from matchmaker.models import SlotUnavailability, TimeSlot
from matchmaker.scheduling.instance_export import build_instance
from tests.builders import build_ready_fair
from tests.factories import login, make_user


def test_a_representative_marks_unavailable_slots_that_the_instance_then_carries(
    client, db_session
):
    fair = build_ready_fair()
    company = fair.companies[0]
    user = make_user(company)
    db_session.commit()
    login(client, user)
    slots = db_session.scalars(
        select(TimeSlot).where(TimeSlot.event_id == fair.event.id).order_by(TimeSlot.starts_at)
    ).all()
    url = f"/events/{fair.event.id}/availability"
    page = client.get(url).get_data(as_text=True)
    assert page.count('name="unavailable"') == len(slots)
    response = client.post(url, data={"unavailable": [slots[0].id, slots[3].id]})
    assert response.status_code == 302
    marked = set(db_session.scalars(select(SlotUnavailability.slot_id)))
    assert marked == {slots[0].id, slots[3].id}
    participant = next(
        p for p in build_instance(fair.event)["participants"] if p["id"] == f"c{company.id}"
    )
    assert participant["unavailable"] == [f"s{slots[0].id}", f"s{slots[3].id}"]
    assert f'value="{slots[3].id}" checked' in client.get(url).get_data(as_text=True)


def test_unknown_slots_are_refused_and_nothing_is_half_saved(client, db_session):
    fair = build_ready_fair()
    user = make_user(fair.companies[0])
    db_session.commit()
    login(client, user)
    slot = db_session.scalars(select(TimeSlot)).first()
    response = client.post(
        f"/events/{fair.event.id}/availability", data={"unavailable": [slot.id, 999999]}
    )
    assert response.status_code == 400
    assert db_session.scalars(select(SlotUnavailability)).all() == []


def test_a_company_without_participation_gets_404(client, db_session):
    fair = build_ready_fair()
    outsider = make_user()
    db_session.commit()
    login(client, outsider)
    assert client.get(f"/events/{fair.event.id}/availability").status_code == 404


def test_marking_a_slot_of_a_published_meeting_unavailable_is_refused_naming_it(client, db_session):
    from tests.builders import build_published_fair

    fair = build_published_fair()
    alpha = fair.companies["alpha"]
    user = make_user(alpha)
    db_session.commit()
    login(client, user)
    busy, free = fair.slots[1], fair.slots[5]  # Alpha meets Gamma in slot 1
    response = client.post(
        f"/events/{fair.event.id}/availability",
        data={"unavailable": [busy.id, free.id]},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Gamma Chengdu" in page and "Not saved" in page
    assert db_session.scalars(select(SlotUnavailability)).all() == []
    saved = client.post(f"/events/{fair.event.id}/availability", data={"unavailable": [free.id]})
    assert saved.status_code == 302
