"""Fair-day pages: QR check-in, the desk, status marking, rebooking, freed slots, the floor view,
and who may open them."""

from __future__ import annotations

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from matchmaker.agendas.pdf import check_in_qr
from matchmaker.enums import MeetingStatus
from matchmaker.eventday.tokens import check_in_token, check_in_url
from matchmaker.extensions import db
from matchmaker.mail import outbox
from matchmaker.models import CheckIn
from matchmaker.scheduling.day_plan import day_plan
from tests.conftest import fair_day_moment
from tests.factories import login, make_user


def _organizer_client(app, fair):
    client = app.test_client()
    login(client, fair.organizer)
    return client


def _rep_client(app, company, email=None):
    user = make_user(company, email=email)
    db.session.commit()
    client = app.test_client()
    login(client, user)
    return client


def _check_ins(fair):
    return {row.company_id for row in db.session.query(CheckIn).filter_by(event_id=fair.event.id)}


def test_the_agenda_pdf_carries_a_qr_code_with_the_signed_check_in_link(app, fair):
    alpha = fair.companies["alpha"]
    client = _rep_client(app, alpha)
    body = client.get(f"/events/{fair.event.id}/agenda/{alpha.id}.pdf").data
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert "Show this code at the check-in desk" in text
    url = check_in_url(fair.event.id, alpha.id)
    assert url.endswith("/check-in/" + check_in_token(fair.event.id, alpha.id))
    assert check_in_qr(url).contents[0].value == url


def test_staff_scan_the_qr_link_and_check_the_company_in_once(app, fair):
    alpha = fair.companies["alpha"]
    client = _organizer_client(app, fair)
    url = "/check-in/" + check_in_token(fair.event.id, alpha.id)
    page = client.get(url).get_data(as_text=True)
    assert "Alpha GmbH" in page and "Check in" in page
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # twice: still one check-in
    assert _check_ins(fair) == {alpha.id}
    assert 'data-checked-in="yes"' in client.get(url).get_data(as_text=True)


def test_a_tampered_or_made_up_token_is_not_found(app, fair):
    client = _organizer_client(app, fair)
    token = check_in_token(fair.event.id, fair.companies["alpha"].id)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get("/check-in/" + forged).status_code == 404
    assert client.post("/check-in/" + forged).status_code == 404
    assert client.get(f"/check-in/{fair.event.id}-{fair.companies['alpha'].id}").status_code == 404
    assert _check_ins(fair) == set()


def test_only_organizers_check_companies_in(app, fair):
    alpha = fair.companies["alpha"]
    rep = _rep_client(app, alpha)
    url = "/check-in/" + check_in_token(fair.event.id, alpha.id)
    assert rep.get(url).status_code == 403
    assert rep.post(url).status_code == 403
    assert rep.get(f"/organizer/events/{fair.event.id}/check-in").status_code == 403


def test_the_desk_finds_companies_by_name_and_checks_them_in(app, fair):
    client = _organizer_client(app, fair)
    page = client.get(f"/organizer/events/{fair.event.id}/check-in?q=gam").get_data(as_text=True)
    assert "Gamma Chengdu" in page and "Alpha GmbH" not in page
    assert "Zeta Srl" not in client.get(
        f"/organizer/events/{fair.event.id}/check-in?q=zeta"
    ).get_data(as_text=True)  # pending participation: not at the fair
    gamma = fair.companies["gamma"]
    response = client.post(f"/organizer/events/{fair.event.id}/check-in/{gamma.id}?q=gam")
    assert response.status_code == 302 and "q=gam" in response.location
    assert _check_ins(fair) == {gamma.id}
    client.post(f"/organizer/events/{fair.event.id}/check-in/{gamma.id}/undo")
    assert _check_ins(fair) == set()
    # A company that does not take part is refused with a message, not a 500.
    zeta = fair.companies["zeta"]
    response = client.post(
        f"/organizer/events/{fair.event.id}/check-in/{zeta.id}", follow_redirects=True
    )
    assert "does not take part" in response.get_data(as_text=True)
    assert client.post(f"/organizer/events/{fair.event.id}/check-in/999999").status_code == 404


def test_either_party_marks_a_meeting_and_another_company_gets_404(app, fair):
    ac = fair.requests["ac"]
    alpha_client = _rep_client(app, fair.companies["alpha"])
    url = f"/events/{fair.event.id}/day/meetings/{ac.id}/status"
    response = alpha_client.post(url, data={"status": "held", "back": "company"})
    assert response.status_code == 302
    assert f"/events/{fair.event.id}/meetings/{fair.companies['alpha'].id}" in response.location
    assert day_plan(fair.event).for_request(ac.id).status == MeetingStatus.HELD
    beta_client = _rep_client(app, fair.companies["beta"])
    assert beta_client.post(url, data={"status": "cancelled"}).status_code == 404
    assert day_plan(fair.event).for_request(ac.id).status == MeetingStatus.HELD


def test_bad_status_input_is_a_400_not_a_500(app, fair):
    client = _organizer_client(app, fair)
    url = f"/events/{fair.event.id}/day/meetings/{fair.requests['ac'].id}/status"
    assert client.post(url, data={"status": "exploded"}).status_code == 400
    assert client.post(url, data={"status": "held", "absent_company_id": "3"}).status_code == 400
    response = client.post(url, data={"status": "no_show", "absent_company_id": "999999"})
    assert response.status_code == 302  # refused by the service with a message
    assert day_plan(fair.event).for_request(fair.requests["ac"].id).status is None
    unscheduled = f"/events/{fair.event.id}/day/meetings/{fair.requests['ae'].id}/status"
    assert client.post(unscheduled, data={"status": "held"}).status_code == 404


def test_a_late_arrival_is_rebooked_from_the_meeting_page(app, fair):
    alpha_rep = make_user(fair.companies["alpha"], email="alpha@example.com")
    db.session.commit()
    client = _organizer_client(app, fair)
    ac = fair.requests["ac"]
    url = f"/organizer/events/{fair.event.id}/day/meetings/{ac.id}"
    assert "Move the meeting" in client.get(url).get_data(as_text=True)
    refused = client.post(
        url + "/rebook", data={"slot_id": fair.slots[2].id, "table_id": 0}, follow_redirects=True
    )
    assert "Alpha GmbH already has a meeting in that slot." in refused.get_data(as_text=True)
    assert client.post(url + "/rebook", data={"slot_id": fair.slots[3].id}).status_code == 302
    moved = day_plan(fair.event).for_request(ac.id)
    assert moved.status == MeetingStatus.MOVED and moved.slot_id == fair.slots[3].id
    assert [m.to for m in outbox(app)] == [alpha_rep.email]
    assert "moved" in outbox(app)[0].subject
    other = ac.to_company if ac.from_company_id == alpha_rep.company_id else ac.from_company
    assert f"Your meeting with {other.name} is now on " in outbox(app)[0].body


def test_a_freed_slot_is_filled_with_one_click(app, fair):
    epsilon_rep = make_user(fair.companies["epsilon"], email="epsilon@example.com")
    db.session.commit()
    client = _organizer_client(app, fair)
    be, ae = fair.requests["be"], fair.requests["ae"]
    client.post(
        f"/events/{fair.event.id}/day/meetings/{be.id}/status",
        data={"status": "no_show", "absent_company_id": fair.companies["beta"].id},
    )
    page = client.get(f"/organizer/events/{fair.event.id}/day/meetings/{be.id}").get_data(
        as_text=True
    )
    assert f'data-request="{ae.id}"' in page and "Alpha GmbH – Epsilon Ltd" in page
    response = client.post(
        f"/organizer/events/{fair.event.id}/day/meetings/{be.id}/replace/{ae.id}"
    )
    assert response.status_code == 302
    booked = day_plan(fair.event).for_request(ae.id)
    assert booked.slot_id == fair.slots[0].id and booked.booked_on_day
    (mail,) = [m for m in outbox(app) if m.to == epsilon_rep.email]
    assert mail.subject.startswith("New meeting: Alpha GmbH at ")
    assert "A meeting was booked for you with Alpha GmbH on " in mail.body
    # The freed slot is taken now: a second booking of anything is refused, not a 500.
    again = client.post(
        f"/organizer/events/{fair.event.id}/day/meetings/{be.id}/replace/{ae.id}",
        follow_redirects=True,
    )
    assert again.status_code == 200 and "already have a meeting" in again.get_data(as_text=True)
    # A meeting that still takes place frees nothing.
    ac = fair.requests["ac"]
    refused = client.post(
        f"/organizer/events/{fair.event.id}/day/meetings/{ac.id}/replace/{ae.id}",
        follow_redirects=True,
    )
    assert "still takes place" in refused.get_data(as_text=True)


def test_the_floor_view_shows_the_current_slot_at_the_given_time(app, fair):
    client = _organizer_client(app, fair)
    be = fair.requests["be"]
    client.post(
        f"/events/{fair.event.id}/day/meetings/{be.id}/status",
        data={"status": "no_show", "absent_company_id": fair.companies["epsilon"].id},
    )
    slot = fair.slots[2]
    at = (slot.starts_at + timedelta(minutes=5)).astimezone(ZoneInfo("Asia/Shanghai"))
    page = client.get(
        f"/organizer/events/{fair.event.id}/floor?at={at.strftime('%Y-%m-%dT%H:%M')}"
    ).get_data(as_text=True)
    assert f'data-slot="{slot.id}"' in page and "Running now" in page
    assert f'data-request="{fair.requests["ad"].id}"' in page
    assert f'data-request="{fair.requests["bc"].id}"' in page
    assert f'data-request="{fair.requests["ac"].id}"' not in page
    assert '<strong id="no-shows">1</strong>' in page
    assert "absent: Epsilon Ltd" in page
    for bad in ("yesterday", "0001-01-01T00:00", "9999-12-31T23:59-12:00"):
        assert client.get(f"/organizer/events/{fair.event.id}/floor?at={bad}").status_code == 400


def test_day_pages_are_for_organizers(app, fair):
    rep = _rep_client(app, fair.companies["alpha"])
    event_id, ac = fair.event.id, fair.requests["ac"].id
    for url in (
        f"/organizer/events/{event_id}/floor",
        f"/organizer/events/{event_id}/day/meetings/{ac}",
    ):
        assert rep.get(url).status_code == 403
    assert rep.post(f"/organizer/events/{event_id}/day/meetings/{ac}/rebook").status_code == 403
    client = _organizer_client(app, fair)
    assert client.get("/organizer/events/999999/floor").status_code == 404
    assert client.get(f"/organizer/events/{event_id}/day/meetings/999999").status_code == 404


def test_a_valid_token_of_a_company_not_taking_part_checks_nobody_in(app, fair):
    client = _organizer_client(app, fair)
    url = "/check-in/" + check_in_token(fair.event.id, fair.companies["zeta"].id)
    assert "does not take part" in client.get(url).get_data(as_text=True)
    response = client.post(url, follow_redirects=True)
    assert response.status_code == 200 and "does not take part" in response.get_data(as_text=True)
    assert _check_ins(fair) == set()


def test_floor_counters_count_what_was_marked_and_actions_keep_the_rehearsal_time(app, fair):
    client = _organizer_client(app, fair)
    at = "2026-11-26T09:05"
    floor = f"/organizer/events/{fair.event.id}/floor"
    page = client.get(f"{floor}?at={at}").get_data(as_text=True)
    assert 'name="at" value="2026-11-26T09:05"' in page
    held = client.post(
        f"/events/{fair.event.id}/day/meetings/{fair.requests['ad'].id}/status",
        data={"status": "held", "back": "floor", "at": at},
    )
    assert held.status_code == 302 and "at=2026-11-26T09:05" in held.headers["Location"]
    client.post(
        f"/events/{fair.event.id}/day/meetings/{fair.requests['bc'].id}/status",
        data={"status": "no_show", "back": "floor", "at": at},
    )
    # both meetings are in a slot later than the rehearsal time: marked is marked
    page = client.get(held.headers["Location"]).get_data(as_text=True)
    assert '<strong id="held">1</strong>' in page
    assert '<strong id="no-shows">1</strong>' in page
    assert 'id="floor" data-refresh-seconds="60"' in page
    assert "/static/js/floor.js" in page and "<script>" not in page


def test_the_day_status_trail_is_shown_to_organizers_in_words(app, fair):
    client = _organizer_client(app, fair)
    url = f"/events/{fair.event.id}/day/meetings/{fair.requests['ac'].id}/status"
    client.post(url, data={"status": "held"})
    client.post(url, data={"status": "no_show", "absent_company_id": fair.companies["gamma"].id})
    page = client.get(
        f"/organizer/events/{fair.event.id}/day/meetings/{fair.requests['ac'].id}"
    ).get_data(as_text=True)
    trail = page[page.index('id="audit-trail"') :]
    assert "Held" in trail and "No-show" in trail and "Gamma Chengdu" in trail
    assert "no_show" not in trail and "absent_company_id" not in trail


def test_a_company_sees_why_it_cannot_mark_a_meeting_before_the_fair(app, fair, clock):
    clock.set(fair_day_moment(day=-8))
    client = _rep_client(app, fair.companies["alpha"])
    page = client.get(f"/events/{fair.event.id}/meetings/{fair.companies['alpha'].id}").get_data(
        as_text=True
    )
    assert 'data-window="day-status"' in page and 'data-window="report"' in page
    assert 'name="status" value="held"' not in page
    assert 'name="status" value="cancelled"' in page  # a cancellation can be announced
    refused = client.post(
        f"/events/{fair.event.id}/day/meetings/{fair.requests['ac'].id}/status",
        data={"status": "held", "back": "company"},
    )
    assert refused.status_code == 302
    assert day_plan(fair.event).for_request(fair.requests["ac"].id).status is None


def test_the_rebook_drop_down_shows_slots_in_the_venues_time(app, fair):
    client = _organizer_client(app, fair)
    page = client.get(
        f"/organizer/events/{fair.event.id}/day/meetings/{fair.requests['ac'].id}"
    ).get_data(as_text=True)
    assert f'<option value="{fair.slots[0].id}">Thu, Nov 26 09:00</option>' in page
    assert "T01:00" not in page


def test_a_day_of_move_shows_in_the_agenda_pdf_calendar_and_table_sheets(app, fair):
    from icalendar import Calendar

    client = _organizer_client(app, fair)
    alpha = fair.companies["alpha"]
    rep = _rep_client(app, alpha)
    ac, target, table = fair.requests["ac"], fair.slots[4], fair.tables[2]
    moved = client.post(
        f"/organizer/events/{fair.event.id}/day/meetings/{ac.id}/rebook",
        data={"slot_id": target.id, "table_id": table.id},
    )
    assert moved.status_code == 302
    assert any("Meeting moved" in m.subject for m in outbox(app))  # the company is told
    base = f"/events/{fair.event.id}/agenda/{alpha.id}"
    page = rep.get(base).get_data(as_text=True)
    row = page[page.index(f'data-request="{ac.id}"') :].split("</tr>")[0]
    assert "11:00" in row and table.name in row and "data-changed" in row
    calendar = Calendar.from_ical(rep.get(base + ".ics").data)
    entry = next(e for e in calendar.walk("VEVENT") if f"-{ac.id}@" in str(e["UID"]))
    assert entry.decoded("DTSTART") == target.starts_at.replace(
        tzinfo=entry.decoded("DTSTART").tzinfo
    )
    assert int(entry["SEQUENCE"]) == 2  # version 1, moved once on the day
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(rep.get(base + ".pdf").data)).pages
    )
    assert "11:00" in text and "moved on the day" in text
    sheets = client.get(f"/organizer/events/{fair.event.id}/schedule/tables.pdf").data
    sheet_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(sheets)).pages)
    assert "moved here" in sheet_text
