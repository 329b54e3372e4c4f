"""Agendas after publication: pages, calendar files, PDFs, exports and the public timetable."""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from matchmaker.enums import RequestStatus, RunKind
from matchmaker.extensions import db
from matchmaker.languages.formatting import format_slot
from tests.builders import build_ready_fair, publish_by_solver
from tests.factories import login, make_company, make_user


@pytest.fixture
def published_fair(db_session):
    fair = build_ready_fair()
    fair.companies[0].name_zh = "成都测试有限公司"
    db_session.commit()
    version = publish_by_solver(fair)
    return fair, version


def _pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def _rep_client(app, company):
    user = make_user(company)
    db.session.commit()
    client = app.test_client()
    login(client, user)
    return client


def test_a_representative_sees_the_own_agenda_with_both_time_zones(app, published_fair):
    fair, version = published_fair
    company = fair.companies[1]  # "DE": Berlin is 7 hours behind Beijing in November
    client = _rep_client(app, company)
    page = client.get(f"/events/{fair.event.id}/agenda/{company.id}").get_data(as_text=True)
    mine = [
        m
        for m in version.meetings
        if company.id in (m.request.from_company_id, m.request.to_company_id)
    ]
    assert page.count("data-request=") == len(mine) > 0
    assert "Central European Time" in page and "China Time" in page  # zones by name, not id
    first = min(mine, key=lambda m: m.slot.starts_at).slot.starts_at
    with app.test_request_context():  # the page's locale: English
        venue_time = format_slot(first, ZoneInfo("Asia/Shanghai"))
        home_time = format_slot(first, ZoneInfo("Europe/Berlin"))
    assert venue_time in page and home_time in page and venue_time != home_time


def test_another_companys_agenda_answers_404_and_organizers_see_any(app, client, published_fair):
    fair, _ = published_fair
    own, other = fair.companies[0], fair.companies[1]
    rep = _rep_client(app, own)
    assert rep.get(f"/events/{fair.event.id}/agenda/{other.id}").status_code == 404
    assert rep.get(f"/events/{fair.event.id}/agenda/{other.id}.ics").status_code == 404
    login(client, fair.organizer)
    assert client.get(f"/events/{fair.event.id}/agenda/{other.id}").status_code == 200


def test_agendas_wait_for_publication(app, db_session):
    fair = build_ready_fair()
    db_session.commit()
    client = _rep_client(app, fair.companies[0])
    page = client.get(f"/events/{fair.event.id}/agenda/{fair.companies[0].id}")
    assert "not published yet" in page.get_data(as_text=True)
    assert (
        client.get(f"/events/{fair.event.id}/agenda/{fair.companies[0].id}.pdf").status_code == 404
    )


def test_the_calendar_file_has_one_event_per_meeting_with_stable_uids(app, published_fair):
    fair, version = published_fair
    company = fair.companies[0]
    client = _rep_client(app, company)
    url = f"/events/{fair.event.id}/agenda/{company.id}.ics"
    first = Calendar.from_ical(client.get(url).data)
    events = [c for c in first.walk("VEVENT")]
    mine = [
        m
        for m in version.meetings
        if company.id in (m.request.from_company_id, m.request.to_company_id)
    ]
    assert len(events) == len(mine)
    uids = {str(e["UID"]) for e in events}
    assert uids == {f"meeting-{fair.event.id}-{m.request_id}@salon-matchmaker" for m in mine}

    # A late cancellation, a re-plan and a new publication: same UIDs, newer sequence, and the
    # dropped meeting comes back as CANCELLED so calendars remove it.
    dropped = mine[0].request
    dropped.status = RequestStatus.WITHDRAWN
    db.session.commit()
    publish_by_solver(fair, RunKind.REPLAN)
    second = Calendar.from_ical(client.get(url).data)
    by_uid = {str(e["UID"]): e for e in second.walk("VEVENT")}
    assert set(by_uid) == uids
    cancelled = by_uid[f"meeting-{fair.event.id}-{dropped.id}@salon-matchmaker"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert all(int(e["SEQUENCE"]) == 2 for e in by_uid.values())


def test_the_agenda_pdf_lists_the_counterparts(app, published_fair):
    fair, version = published_fair
    company = fair.companies[1]
    client = _rep_client(app, company)
    response = client.get(f"/events/{fair.event.id}/agenda/{company.id}.pdf")
    assert response.mimetype == "application/pdf"
    text = _pdf_text(response.data)
    assert company.name in text
    for meeting in version.meetings:
        if company.id == meeting.request.to_company_id:
            assert meeting.request.from_company.name in text
    assert "成都测试有限公司" in text  # company 0 (Chinese name) meets company 1


def test_organizers_download_table_sheets_and_the_whole_schedule(client, published_fair):
    fair, version = published_fair
    login(client, fair.organizer)
    base = f"/organizer/events/{fair.event.id}/schedule"
    sheets = _pdf_text(client.get(f"{base}/tables.pdf").data)
    assert "Table 1" in sheets
    rows = list(
        csv.reader(io.StringIO(client.get(f"{base}/published.csv").data.decode("utf-8-sig")))
    )
    assert rows[0][0] == "date" and len(rows) == len(version.meetings) + 1
    workbook = load_workbook(io.BytesIO(client.get(f"{base}/published.xlsx").data))
    assert workbook.active.max_row == len(version.meetings) + 1


def test_exports_neutralise_spreadsheet_formulas(client, db_session):
    fair = build_ready_fair()
    fair.companies[0].name = '=HYPERLINK("http://evil")'
    db_session.commit()
    publish_by_solver(fair)
    login(client, fair.organizer)
    body = client.get(f"/organizer/events/{fair.event.id}/schedule/published.csv").data
    assert b"'=HYPERLINK" in body
    workbook = load_workbook(
        io.BytesIO(client.get(f"/organizer/events/{fair.event.id}/schedule/published.xlsx").data)
    )
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://evil")' in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_the_public_timetable_shows_counts_but_no_names(client, published_fair):
    fair, version = published_fair
    page = client.get(f"/events/{fair.event.id}/timetable").get_data(as_text=True)
    assert f"{len(version.meetings)} one-to-one meetings" in page
    assert "between 3 European and 3 Chinese companies" in page
    assert all(company.name not in page for company in fair.companies)


def test_my_agenda_opens_the_newest_edition_of_the_own_company(app, published_fair):
    fair, _ = published_fair
    company = fair.companies[2]
    client = _rep_client(app, company)
    response = client.get("/agenda")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/events/{fair.event.id}/agenda/{company.id}")
    outsider = _rep_client(app, make_company("Not taking part"))
    assert "no approved participation" in outsider.get("/agenda").get_data(as_text=True)
