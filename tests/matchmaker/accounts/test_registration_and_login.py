"""Registering a company, logging in and out."""

from __future__ import annotations

from sqlalchemy import func, select

from matchmaker.enums import Role, Side
from matchmaker.models import Company, User
from matchmaker.passwords import verify_password
from tests.factories import PASSWORD, login, make_organizer, make_user

REGISTRATION = {
    "company_name": "Bavaria Pumps GmbH",
    "country": "DE",
    "full_name": "Anna Schmidt",
    "job_title": "Export manager",
    "email": "Anna.Schmidt@Example.com",
    "password": "a long enough password",
    "confirm_password": "a long enough password",
    "locale": "en",
}


def _count(db_session, model) -> int:
    return db_session.scalar(select(func.count()).select_from(model))


def test_a_visitor_registers_a_company_and_its_first_representative(client, db_session):
    response = client.post("/register", data=REGISTRATION)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/register/sent")
    user = db_session.scalar(select(User))
    assert user.email == "anna.schmidt@example.com"
    assert user.role == Role.REPRESENTATIVE
    assert verify_password(user.password_hash, "a long enough password")
    assert user.company.name == "Bavaria Pumps GmbH"
    assert user.company.side == Side.EU
    # ... but is not logged in: the address is confirmed first (test_email_confirmation).
    assert not user.email_confirmed
    assert client.get("/account/").status_code == 302


def test_a_chinese_company_is_on_the_chinese_side(client, db_session):
    client.post("/register", data={**REGISTRATION, "country": "CN"})
    assert db_session.scalar(select(Company)).side == Side.CN


def test_registration_page_renders(client):
    response = client.get("/register")
    assert response.status_code == 200
    assert b"Register your company" in response.data


def test_a_failing_registration_leaves_no_user_and_no_company(client, db_session):
    response = client.post(
        "/register", data={**REGISTRATION, "confirm_password": "something else entirely"}
    )
    assert response.status_code == 400
    assert b"The two passwords differ." in response.data
    assert _count(db_session, User) == 0
    assert _count(db_session, Company) == 0


def test_registration_refuses_a_country_outside_the_fair(client, db_session):
    response = client.post("/register", data={**REGISTRATION, "country": "US"})
    assert response.status_code == 400
    assert b"cannot take part in the fair" in response.data
    assert _count(db_session, Company) == 0


def test_registration_refuses_a_short_password_and_a_bad_email(client):
    response = client.post(
        "/register",
        data={**REGISTRATION, "password": "short", "confirm_password": "short", "email": "x@"},
    )
    assert response.status_code == 400
    assert b"Use at least 10 characters." in response.data
    assert b"Enter a valid e-mail address" in response.data


def test_registration_refuses_over_long_names(client, db_session):
    response = client.post("/register", data={**REGISTRATION, "company_name": "x" * 161})
    assert response.status_code == 400
    assert b"Use at most 160 characters." in response.data
    assert _count(db_session, Company) == 0


def test_an_email_cannot_be_registered_twice(client, db_session):
    owner = make_user(email="anna.schmidt@example.com")
    db_session.commit()
    response = client.post("/register", data=REGISTRATION)
    assert response.status_code == 302  # the answer of any registration: see the mailbox
    assert b"exists already" not in response.data
    assert _count(db_session, Company) == 1
    assert _count(db_session, User) == 1
    db_session.expire_all()
    assert verify_password(db_session.get(User, owner.id).password_hash, PASSWORD)


def test_registration_with_missing_fields_names_each_field(client):
    response = client.post("/register", data={})
    assert response.status_code == 400
    for message in (b"Enter the name of your company.", b"Choose the country", b"Enter your name."):
        assert message in response.data


def test_a_representative_logs_in_and_out(client, db_session):
    user = make_user()
    db_session.commit()
    response = login(client, user)
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    assert db_session.get(User, user.id).last_login_at is not None
    assert client.post("/logout").status_code == 302
    assert client.get("/account/").status_code == 302  # back to the log-in page


def test_an_organizer_lands_in_the_organizer_area(client, db_session):
    organizer = make_organizer()
    db_session.commit()
    response = login(client, organizer)
    assert response.headers["Location"].endswith("/organizer/")


def test_login_gives_the_same_answer_for_unknown_email_and_wrong_password(client, db_session):
    user = make_user()
    db_session.commit()
    wrong = client.post("/login", data={"email": user.email, "password": "not the password"})
    unknown = client.post("/login", data={"email": "nobody@example.com", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert b"Unknown e-mail address or wrong password." in wrong.data
    assert b"Unknown e-mail address or wrong password." in unknown.data
    assert client.get("/account/").status_code == 302


def test_login_is_case_insensitive_for_the_email(client, db_session):
    user = make_user(email="mixed@example.com")
    db_session.commit()
    response = client.post("/login", data={"email": "  MIXED@example.com ", "password": PASSWORD})
    assert response.status_code == 302
    assert user.id


def test_a_deactivated_account_cannot_log_in(client, db_session):
    user = make_user()
    user.active = False
    db_session.commit()
    wrong = client.post("/login", data={"email": user.email, "password": "not the password"})
    assert wrong.status_code == 401  # a wrong password tells nothing about the account
    response = login(client, user)
    assert response.status_code == 403
    assert b"This account is deactivated." in response.data
    assert client.get("/account/").status_code == 302
    db_session.expire_all()
    assert db_session.get(User, user.id).last_login_at is None


def test_login_follows_only_local_next_urls(client, db_session):
    user = make_user()
    db_session.commit()
    data = {"email": user.email, "password": PASSWORD}
    for target in ("https://evil.example.com/", "//evil.example.com/", "/\\evil.example.com/"):
        response = client.post("/login", data={**data, "next": target})
        assert "evil" not in response.headers["Location"], target
        client.post("/logout")
    client.post("/logout")
    response = client.post("/login", data={**data, "next": "/account/colleagues"})
    assert response.headers["Location"].endswith("/account/colleagues")


def test_pages_for_members_send_visitors_to_log_in(client):
    response = client.get("/account/company")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_start_page_offers_visitors_log_in_and_registration(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/login"' in response.get_data(as_text=True)


def test_the_login_page_renders(client):
    response = client.get("/login?next=/account/")
    assert response.status_code == 200
    assert b'value="/account/"' in response.data


def test_a_registration_racing_for_the_same_address_answers_as_always_not_a_500(app, db_session):
    """The address was free when checked, but another request took it meanwhile: the unique
    constraint decides, inside a savepoint; nothing of the loser is kept, no mail written, and
    the answer is the one of every registration (no "exists already")."""
    from matchmaker.accounts import operations
    from matchmaker.models import OutboxMessage

    make_user(email="race@example.com")
    db_session.commit()
    monkey = operations.find_user_by_email
    operations.find_user_by_email = lambda email: None  # the check ran before the other commit
    try:
        registered = operations.register_company(
            operations.Registration(
                company_name="Late GmbH",
                country="AT",
                full_name="Late Comer",
                email="race@example.com",
                password="long enough password",
            )
        )
    finally:
        operations.find_user_by_email = monkey
    assert registered is None
    db_session.commit()
    assert _count(db_session, User) == 1
    assert _count(db_session, Company) == 1
    assert _count(db_session, OutboxMessage) == 0
