"""Editing the company profile: every field, its validation, the side derived from the country."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import NotFound

from matchmaker.accounts.operations import CompanyProfile, update_company_profile
from matchmaker.enums import CooperationType, Side, SizeBand
from matchmaker.models import Company
from tests.factories import login, make_company, make_user

PROFILE = {
    "name": "Chengdu Panda Robotics",
    "name_zh": "成都熊猫机器人",
    "country": "CN",
    "region": "四川省",
    "sector": "28",
    "size_band": "medium",
    "founded_year": "2009",
    "website": "www.panda-robotics.example.cn",
    "description": "Industrial robots for food processing.",
    "offers": "Robot arms, integration services.",
    "seeks": "European distributors.",
    "cooperation_types": ["trade", "joint_venture"],
    "languages": ["zh", "en"],
}


def _representative(db_session, **company_fields):
    user = make_user(company=make_company(**company_fields))
    db_session.commit()
    return user


def test_a_representative_fills_in_every_profile_field(client, db_session):
    user = _representative(db_session, country="DE")
    login(client, user)
    assert client.get("/account/company").status_code == 200
    response = client.post("/account/company", data=PROFILE)
    assert response.status_code == 302, response.data
    db_session.expire_all()
    company = db_session.get(Company, user.company_id)
    assert company.name == "Chengdu Panda Robotics"
    assert company.name_zh == "成都熊猫机器人"
    assert company.country == "CN"
    assert company.side == Side.CN  # derived from the new country
    assert company.region == "Sichuan"
    assert company.sector == "28"
    assert company.size_band == SizeBand.MEDIUM
    assert company.founded_year == 2009
    assert company.website == "https://www.panda-robotics.example.cn"
    assert company.offers.startswith("Robot arms")
    assert set(company.cooperation_types) == {CooperationType.TRADE, CooperationType.JOINT_VENTURE}
    assert set(company.languages) == {"zh", "en"}


def test_unchecking_every_cooperation_type_clears_them(client, db_session):
    user = _representative(db_session)
    login(client, user)
    client.post("/account/company", data=PROFILE)
    data = {k: v for k, v in PROFILE.items() if k not in ("cooperation_types", "languages")}
    assert client.post("/account/company", data=data).status_code == 302
    db_session.expire_all()
    company = db_session.get(Company, user.company_id)
    assert company.cooperation_types == [] and company.languages == []


def test_an_overridden_side_survives_a_change_of_country(client, db_session):
    user = _representative(db_session, country="DE", side=Side.CN, side_overridden=True)
    login(client, user)
    assert (
        client.post("/account/company", data={**PROFILE, "country": "FR", "region": ""}).status_code
        == 302
    )
    db_session.expire_all()
    assert db_session.get(Company, user.company_id).side == Side.CN


def test_the_profile_form_shows_clear_messages_for_bad_input(client, db_session):
    user = _representative(db_session)
    login(client, user)
    bad = {
        **PROFILE,
        "name": "",
        "name_zh": "Latin only",
        "country": "ZZ",
        "sector": "04",
        "size_band": "gigantic",
        "founded_year": "nineteen-ninety",
        "website": "not a website",
        "description": "x" * 2001,
        "cooperation_types": ["trade", "smuggling"],
        "languages": ["klingon"],
    }
    response = client.post("/account/company", data=bad)
    assert response.status_code == 400
    for message in (
        b"Enter the name of your company.",
        b"Use Chinese characters here",
        b"cannot take part in the fair",
        b"Choose a sector from the list.",
        b"Choose a size from the list.",
        b"Not a valid integer value.",
        b"Enter a web address such as",
        b"Use at most 2000 characters.",
        b"Choose cooperation types from the list.",
        b"Choose languages from the list.",
    ):
        assert message in response.data, message
    db_session.expire_all()
    assert db_session.get(Company, user.company_id).name != ""


def test_a_mainland_company_needs_a_known_province(client, db_session):
    user = _representative(db_session)
    login(client, user)
    response = client.post("/account/company", data={**PROFILE, "region": "Atlantis"})
    assert response.status_code == 400
    assert b"province or region of mainland China" in response.data


def test_a_future_founding_year_is_refused(client, db_session):
    user = _representative(db_session)
    login(client, user)
    response = client.post("/account/company", data={**PROFILE, "founded_year": "3000"})
    assert response.status_code == 400
    assert b"Enter a year between 1800" in response.data


def test_an_enormous_number_is_refused_not_a_crash(client, db_session):
    user = _representative(db_session)
    login(client, user)
    response = client.post("/account/company", data={**PROFILE, "founded_year": "9" * 40})
    assert response.status_code == 400


def test_a_representative_cannot_edit_another_company(client, db_session):
    user = _representative(db_session)
    other = make_company(name="Other")
    db_session.commit()
    with pytest.raises(NotFound):
        update_company_profile(user, other.id, CompanyProfile(name="Hijacked", country="DE"))
    db_session.rollback()
    assert db_session.get(Company, other.id).name == "Other"


def test_organizers_are_sent_to_the_company_list(client, db_session):
    from tests.factories import make_organizer

    organizer = make_organizer()
    db_session.commit()
    login(client, organizer)
    response = client.get("/account/company")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/organizer/companies")


def test_another_companys_profile_answers_404_to_a_representative(client, db_session):
    user = _representative(db_session)
    other = make_company(name="Other")
    db_session.commit()
    login(client, user)
    assert client.get(f"/account/company/{other.id}").status_code == 404
    assert client.post(f"/account/company/{other.id}", data=PROFILE).status_code == 404
    assert client.get(f"/account/company/{user.company_id}").status_code == 200
    assert client.get("/account/company/999999").status_code == 404
    db_session.expire_all()
    assert db_session.get(Company, other.id).name == "Other"


def test_an_organizer_edits_any_company_profile(client, db_session):
    from tests.factories import make_organizer

    company = make_company(name="Before", country="DE")
    organizer = make_organizer()
    db_session.commit()
    login(client, organizer)
    assert client.get(f"/account/company/{company.id}").status_code == 200
    response = client.post(f"/account/company/{company.id}", data={**PROFILE, "name": "After"})
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(Company, company.id).name == "After"


def test_the_registration_number_is_edited_on_the_profile(client, db_session):
    user = _representative(db_session, registration_number="DE-HRB-1")
    login(client, user)
    page = client.get("/account/company").get_data(as_text=True)
    assert 'name="registration_number"' in page and 'value="DE-HRB-1"' in page
    response = client.post("/account/company", data={**PROFILE, "registration_number": " CN-9 "})
    assert response.status_code == 302, response.data
    db_session.expire_all()
    assert db_session.get(Company, user.company_id).registration_number == "CN-9"
    assert client.post("/account/company", data=PROFILE).status_code == 302  # left empty
    db_session.expire_all()
    assert db_session.get(Company, user.company_id).registration_number is None


def test_a_registration_number_of_another_company_is_refused_in_any_case(client, db_session):
    make_company(name="First", registration_number="FR-001")
    user = _representative(db_session, registration_number="FR-002")
    login(client, user)
    response = client.post("/account/company", data={**PROFILE, "registration_number": "fr-001"})
    assert response.status_code == 409
    assert b"Another company has the registration number fr-001." in response.data
    db_session.expire_all()
    company = db_session.get(Company, user.company_id)
    assert company.registration_number == "FR-002"
    assert company.name != PROFILE["name"]  # nothing of the refused form was written


@pytest.mark.parametrize(
    ("value", "message"),
    [("X" * 65, b"Use at most 64 characters."), ("A\tB", b"Use letters, digits and signs only")],
)
def test_a_bad_registration_number_is_refused_on_its_field(client, db_session, value, message):
    user = _representative(db_session, registration_number="KEEP-1")
    login(client, user)
    response = client.post("/account/company", data={**PROFILE, "registration_number": value})
    assert response.status_code == 400
    assert message in response.data
    db_session.expire_all()
    assert db_session.get(Company, user.company_id).registration_number == "KEEP-1"


def test_an_organizer_sets_a_companys_number_and_the_next_import_matches_it(client, db_session):
    import csv
    import io

    from matchmaker.imports.planning import plan_import
    from matchmaker.imports.reading import read_table
    from tests.factories import make_event, make_organizer

    user = _representative(db_session, name="Panda GmbH", country="DE")
    organizer = make_organizer()
    event = make_event()
    db_session.commit()
    login(client, organizer)
    data = {**PROFILE, "country": "DE", "region": "", "registration_number": "DE-HRB-42"}
    response = client.post(f"/account/company/{user.company_id}", data=data)
    assert response.status_code == 302, response.data
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["registration_number", "name", "country", "email", "full_name"])
    writer.writerow(["DE-HRB-42", "Panda GmbH", "DE", "new.person@panda.example", "New Person"])
    plan = plan_import(event, read_table("a.csv", buffer.getvalue().encode()))
    assert plan.ok, plan.errors
    assert plan.rows[0].company_id == user.company_id


def test_callers_that_do_not_edit_the_number_keep_it(client, db_session):
    user = _representative(db_session, registration_number="KEEP-2")
    update_company_profile(user, user.company_id, CompanyProfile(name="Renamed", country="DE"))
    db_session.commit()
    assert db_session.get(Company, user.company_id).registration_number == "KEEP-2"
