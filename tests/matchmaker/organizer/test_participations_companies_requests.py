"""Organizers approve participations, see and re-side companies, and see meeting requests."""

from __future__ import annotations

import pytest

from matchmaker.enums import ParticipationStatus, RequestStatus, Side
from matchmaker.models import Company, MeetingRequest, Participation
from tests.factories import (
    login,
    make_company,
    make_event,
    make_organizer,
    make_participation,
)


@pytest.fixture
def organizer(client, db_session):
    user = make_organizer()
    db_session.commit()
    login(client, user)
    return user


def test_an_organizer_approves_and_rejects_from_the_pending_list(client, db_session, organizer):
    event = make_event()
    a = make_participation(event, make_company("Alpha"), status=ParticipationStatus.PENDING)
    b = make_participation(event, make_company("Beta", "CN"), status=ParticipationStatus.PENDING)
    make_participation(event, make_company("Gamma"), status=ParticipationStatus.APPROVED)
    db_session.commit()
    page = client.get(f"/organizer/events/{event.id}/participations?status=pending")
    assert page.status_code == 200
    assert b"Alpha" in page.data and b"Beta" in page.data and b"Gamma" not in page.data
    response = client.post(f"/organizer/participations/{a.id}/approve", data={"status": "pending"})
    assert response.status_code == 302 and "status=pending" in response.headers["Location"]
    assert client.post(f"/organizer/participations/{b.id}/reject").status_code == 302
    db_session.expire_all()
    approved = db_session.get(Participation, a.id)
    assert approved.status == ParticipationStatus.APPROVED
    assert approved.decided_by_id == organizer.id and approved.decided_at is not None
    assert db_session.get(Participation, b.id).status == ParticipationStatus.REJECTED


def test_a_withdrawn_application_cannot_be_approved(client, db_session, organizer):
    event = make_event()
    p = make_participation(event, make_company(), status=ParticipationStatus.WITHDRAWN)
    db_session.commit()
    assert client.post(f"/organizer/participations/{p.id}/approve").status_code == 409


def test_unknown_participations_are_404_and_bad_filters_400(client, db_session, organizer):
    event = make_event()
    db_session.commit()
    assert client.post("/organizer/participations/999/approve").status_code == 404
    assert client.post("/organizer/participations/999/reject").status_code == 404
    url = f"/organizer/events/{event.id}/participations?status=maybe"
    assert client.get(url).status_code == 400


def test_an_organizer_lists_all_companies_with_their_side(client, db_session, organizer):
    make_company("Lyon Wines", "FR")
    make_company("Sichuan Tea", "CN")
    db_session.commit()
    page = client.get("/organizer/companies")
    assert page.status_code == 200
    assert b"Lyon Wines" in page.data and b"Sichuan Tea" in page.data
    only_cn = client.get("/organizer/companies?side=CN")
    assert b"Sichuan Tea" in only_cn.data and b"Lyon Wines" not in only_cn.data
    by_name = client.get("/organizer/companies?q=lyon")
    assert b"Lyon Wines" in by_name.data and b"Sichuan Tea" not in by_name.data
    assert client.get("/organizer/companies?side=MARS").status_code == 400
    assert client.get("/organizer/companies?page=abc").status_code == 400
    assert client.get("/organizer/companies?page=999").status_code == 200


def test_an_organizer_overrides_a_side_and_returns_to_the_derived_one(
    client, db_session, organizer
):
    company = make_company("Hong Kong Bridge", "HK")
    db_session.commit()
    url = f"/organizer/companies/{company.id}/side"
    assert client.post(url, data={"side": "EU"}).status_code == 302
    db_session.expire_all()
    saved = db_session.get(Company, company.id)
    assert (saved.side, saved.side_overridden) == (Side.EU, True)
    assert client.post(url, data={"side": "auto"}).status_code == 302
    db_session.expire_all()
    saved = db_session.get(Company, company.id)
    assert (saved.side, saved.side_overridden) == (Side.CN, False)
    assert client.post(url, data={"side": "moon"}).status_code == 400
    assert client.post("/organizer/companies/999/side", data={"side": "EU"}).status_code == 404


def test_an_organizer_lists_the_meeting_requests_of_an_edition(client, db_session, organizer):
    event = make_event()
    a, b, c = make_company("Alpha"), make_company("Beta", "CN"), make_company("Gamma", "CN")
    db_session.add_all(
        [
            MeetingRequest(event=event, from_company=a, to_company=b, message="Let us talk"),
            MeetingRequest(
                event=event, from_company=a, to_company=c, status=RequestStatus.DECLINED
            ),
        ]
    )
    db_session.commit()
    page = client.get(f"/organizer/events/{event.id}/requests")
    assert page.status_code == 200
    assert b"Let us talk" in page.data and b"Gamma" in page.data
    declined = client.get(f"/organizer/events/{event.id}/requests?status=declined")
    assert b"Gamma" in declined.data and b"Let us talk" not in declined.data
    assert client.get(f"/organizer/events/{event.id}/requests?status=nope").status_code == 400


def test_the_company_is_told_of_the_decision_by_mail(app, client, db_session, organizer):
    from matchmaker.mail import outbox
    from tests.factories import make_user

    event = make_event()
    rep = make_user(company=make_company("Mailed"), email="rep@mailed.example")
    p = make_participation(event, rep.company, status=ParticipationStatus.PENDING)
    db_session.commit()
    client.post(f"/organizer/participations/{p.id}/approve")
    client.post(f"/organizer/participations/{p.id}/approve")  # repeated click: no second mail
    [message] = outbox(app)
    assert message.to == "rep@mailed.example"
    assert event.name in message.subject
    assert "approved" in message.body
