"""Every POST form of the accounts and organizer areas refuses a request without a CSRF token."""

from __future__ import annotations

import pytest

from matchmaker import create_app
from matchmaker.extensions import db
from tests.conftest import csrf_token_from, login_with_csrf
from tests.factories import PASSWORD, make_event, make_organizer, make_participation, make_user

ANONYMOUS_FORMS = ["/login", "/register", "/password/forgot", "/password/reset/some-token"]
REPRESENTATIVE_FORMS = [
    "/logout",
    "/account/",
    "/account/password",
    "/account/colleagues",
    "/account/company",
    "/account/company/{company}",
    "/account/participations/{event}",
    "/account/participations/{event}/withdraw",
    "/organizer/stop-acting",
]
ORGANIZER_FORMS = [
    "/organizer/events/new",
    "/organizer/events/{event}/edit",
    "/organizer/events/{event}/phase",
    "/organizer/participations/{participation}/approve",
    "/organizer/participations/{participation}/reject",
    "/organizer/companies/{company}/side",
    "/organizer/act-as/{user}",
]


@pytest.fixture
def csrf_app(database_url):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": True,
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
        event = make_event()
        representative = make_user(email="rep@example.com")
        organizer = make_organizer(email="org@example.com")
        participation = make_participation(event, representative.company)
        db.session.commit()
        app.config["IDS"] = {
            "event": event.id,
            "participation": participation.id,
            "company": representative.company_id,
            "user": representative.id,
        }
        assert organizer.id
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def _login(client, email):
    login_with_csrf(client, email, PASSWORD)


def test_anonymous_forms_refuse_a_post_without_a_token(csrf_app):
    client = csrf_app.test_client()
    for url in ANONYMOUS_FORMS:
        response = client.post(url, data={"email": "rep@example.com", "password": PASSWORD})
        assert response.status_code == 400, url


def test_representative_forms_refuse_a_post_without_a_token(csrf_app):
    client = csrf_app.test_client()
    _login(client, "rep@example.com")
    for url in REPRESENTATIVE_FORMS:
        response = client.post(url.format(**csrf_app.config["IDS"]), data={"full_name": "X"})
        assert response.status_code == 400, url
    assert client.get("/account/").status_code == 200  # still logged in: logout was refused


def test_organizer_forms_refuse_a_post_without_a_token(csrf_app):
    client = csrf_app.test_client()
    _login(client, "org@example.com")
    for url in ORGANIZER_FORMS:
        response = client.post(url.format(**csrf_app.config["IDS"]), data={"side": "EU"})
        assert response.status_code == 400, url


def test_a_form_posted_with_its_token_is_accepted(csrf_app):
    client = csrf_app.test_client()
    _login(client, "rep@example.com")
    page = client.get("/account/").get_data(as_text=True)
    response = client.post(
        "/account/",
        data={"full_name": "New Name", "locale": "en", "csrf_token": csrf_token_from(page)},
    )
    assert response.status_code == 302
