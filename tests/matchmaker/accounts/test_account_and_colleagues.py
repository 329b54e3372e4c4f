"""Editing one's own account; adding colleagues to the company."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from matchmaker.enums import Role
from matchmaker.mail import outbox
from matchmaker.models import User
from tests.factories import login, make_organizer, make_user


def test_a_user_edits_name_job_title_and_locale(client, db_session):
    user = make_user()
    db_session.commit()
    login(client, user)
    assert client.get("/account/").status_code == 200
    response = client.post(
        "/account/", data={"full_name": "Li Wei", "job_title": "CEO", "locale": "zh_Hans"}
    )
    assert response.status_code == 302
    db_session.expire_all()
    saved = db_session.get(User, user.id)
    assert (saved.full_name, saved.job_title, saved.locale) == ("Li Wei", "CEO", "zh_Hans")


def test_the_account_form_refuses_unknown_locales_and_long_names(client, db_session):
    user = make_user()
    db_session.commit()
    login(client, user)
    response = client.post("/account/", data={"full_name": "x" * 121, "locale": "xx"})
    assert response.status_code == 400
    assert b"Use at most 120 characters." in response.data
    assert b"Not a valid choice" in response.data
    db_session.expire_all()
    assert db_session.get(User, user.id).full_name == "Test Person"


def test_a_representative_adds_a_colleague_who_gets_a_set_password_link(app, client, db_session):
    user = make_user()
    db_session.commit()
    login(client, user)
    assert client.get("/account/colleagues").status_code == 200
    response = client.post(
        "/account/colleagues",
        data={"full_name": "Marie Curie", "job_title": "R&D", "email": "marie@example.com"},
    )
    assert response.status_code == 302
    colleague = db_session.scalar(select(User).where(User.email == "marie@example.com"))
    assert colleague.company_id == user.company_id
    assert colleague.role == Role.REPRESENTATIVE
    mail = outbox(app)[-1]
    assert mail.to == "marie@example.com"
    path = re.search(r"http://127\.0\.0\.1:5000(/password/reset/\S+)", mail.body).group(1)
    client.post("/logout")
    response = client.post(
        path, data={"password": "marie's new password", "confirm_password": "marie's new password"}
    )
    assert response.status_code == 302
    response = client.post(
        "/login", data={"email": "marie@example.com", "password": "marie's new password"}
    )
    assert response.status_code == 302


def test_a_colleague_with_a_taken_address_is_refused(app, client, db_session):
    user = make_user()
    other = make_user(email="taken@example.com")
    db_session.commit()
    login(client, user)
    response = client.post(
        "/account/colleagues", data={"full_name": "Someone", "email": "TAKEN@example.com"}
    )
    assert response.status_code == 400
    assert b"exists already" in response.data
    count = db_session.scalar(select(func.count()).select_from(User))
    assert count == 2 and other.id
    assert outbox(app) == []


def test_organizers_have_no_colleagues_page(client, db_session):
    organizer = make_organizer()
    db_session.commit()
    login(client, organizer)
    assert client.get("/account/colleagues").status_code == 403
