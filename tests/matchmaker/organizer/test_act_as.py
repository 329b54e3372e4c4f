"""An organizer acts as a company representative for support, then stops."""

from __future__ import annotations

from matchmaker.models import Company
from tests.factories import login, make_company, make_organizer, make_user

PROFILE = {"name": "Renamed by support", "country": "IT", "sector": "62"}


def test_an_organizer_acts_as_a_representative_and_stops(client, db_session):
    organizer = make_organizer()
    representative = make_user(company=make_company("Milano Design"))
    representative.full_name = "Giulia Rossi"
    db_session.commit()
    login(client, organizer)
    response = client.post(f"/organizer/act-as/{representative.id}")
    assert response.status_code == 302
    page = client.get("/account/company")
    assert page.status_code == 200
    assert b"Acting as Giulia Rossi" in page.data
    assert b"Stop acting as Giulia Rossi" in page.data
    # Every action is authorised as the representative: their company, not the organizer area.
    assert client.post("/account/company", data=PROFILE).status_code == 302
    assert db_session.get(Company, representative.company_id).name == "Renamed by support"
    assert client.get("/organizer/").status_code == 403
    response = client.post("/organizer/stop-acting")
    assert response.status_code == 302
    assert client.get("/organizer/").status_code == 200
    assert b"Acting as" not in client.get("/organizer/").data


def test_acting_as_someone_of_another_company_shows_only_their_company(client, db_session):
    organizer = make_organizer()
    representative = make_user(company=make_company("Own"))
    other = make_company("Other")
    db_session.commit()
    login(client, organizer)
    client.post(f"/organizer/act-as/{representative.id}")
    assert client.get(f"/account/company/{other.id}").status_code == 404
    assert client.get(f"/account/company/{representative.company_id}").status_code == 200


def test_an_organizer_cannot_act_as_another_organizer_or_an_unknown_user(client, db_session):
    organizer = make_organizer()
    colleague = make_organizer()
    db_session.commit()
    login(client, organizer)
    assert client.post(f"/organizer/act-as/{colleague.id}").status_code == 409
    assert client.post("/organizer/act-as/99999").status_code == 404


def test_stop_acting_without_acting_is_400(client, db_session):
    user = make_user()
    db_session.commit()
    login(client, user)
    assert client.post("/organizer/stop-acting").status_code == 400


def test_logging_out_while_acting_ends_the_support_session(client, db_session):
    organizer = make_organizer()
    representative = make_user()
    db_session.commit()
    login(client, organizer)
    client.post(f"/organizer/act-as/{representative.id}")
    client.post("/logout")
    login(client, representative)
    assert b"Acting as" not in client.get("/account/").data
