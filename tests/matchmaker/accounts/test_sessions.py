"""Sessions that end: a cookie copied before log-out, a password change or a reset, or "log out
everywhere", is refused afterwards; log-in starts a fresh session with a new CSRF token; the
production cookie flags."""

from __future__ import annotations

import pytest

from matchmaker import create_app
from matchmaker.accounts.operations import password_token
from matchmaker.extensions import db
from tests.conftest import csrf_token_from
from tests.factories import PASSWORD, login, make_user

ACCOUNT_PAGE = "/account/"
NEW_PASSWORD = "quite another passphrase"


def _logged_in_client(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    assert client.get(ACCOUNT_PAGE).status_code == 200
    return client


def _replay(app, cookie: str):
    """A browser that presents a copied session cookie."""
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    return thief.get(ACCOUNT_PAGE)


def _cookie(app, client) -> str:
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value


def test_a_cookie_copied_before_log_out_is_refused_after_it(app, db_session):
    user = make_user()
    db_session.commit()
    client = _logged_in_client(app, user)
    copied = _cookie(app, client)
    assert _replay(app, copied).status_code == 200  # the copy works while the session is open
    client.post("/logout")
    answer = _replay(app, copied)
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app, db_session):
    user = make_user()
    db_session.commit()
    here, elsewhere = _logged_in_client(app, user), _logged_in_client(app, user)
    copied = _cookie(app, here)
    answer = here.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert answer.status_code == 302
    assert here.get(ACCOUNT_PAGE).status_code == 200
    assert elsewhere.get(ACCOUNT_PAGE).status_code == 302
    assert _replay(app, copied).status_code == 302  # the cookie of before the change


def test_a_password_reset_ends_every_session(app, db_session):
    user = make_user()
    db_session.commit()
    client = _logged_in_client(app, user)
    copied = _cookie(app, client)
    token = password_token(user)
    visitor = app.test_client()
    answer = visitor.post(
        f"/password/reset/{token}",
        data={"password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
    )
    assert answer.status_code == 302
    assert client.get(ACCOUNT_PAGE).status_code == 302
    assert _replay(app, copied).status_code == 302


def test_log_out_everywhere_ends_every_session_of_the_user_only(app, db_session):
    user, other = make_user(), make_user()
    db_session.commit()
    phone, laptop = _logged_in_client(app, user), _logged_in_client(app, user)
    someone_else = _logged_in_client(app, other)
    assert phone.post("/account/sessions/end").status_code == 302
    assert phone.get(ACCOUNT_PAGE).status_code == 302
    assert laptop.get(ACCOUNT_PAGE).status_code == 302
    assert someone_else.get(ACCOUNT_PAGE).status_code == 200


def test_a_session_older_than_its_lifetime_is_refused(app, db_session):
    from datetime import timedelta

    user = make_user()
    db_session.commit()
    client = _logged_in_client(app, user)
    app.permanent_session_lifetime = timedelta(seconds=0)
    assert client.get(ACCOUNT_PAGE).status_code == 302


@pytest.fixture
def csrf_app(database_url):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "REDIS_URL": None,
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_log_in_issues_a_fresh_csrf_token_and_refuses_the_old_one(csrf_app):
    user = make_user()
    db.session.commit()
    client = csrf_app.test_client()
    before = csrf_token_from(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": before})
    after = csrf_token_from(client.get(ACCOUNT_PAGE).get_data(as_text=True))
    assert after != before
    stale = client.post("/account/sessions/end", data={"csrf_token": before})
    assert stale.status_code == 400
    assert client.get(ACCOUNT_PAGE).status_code == 200  # the stale post ended nothing


def test_production_cookies_are_secure_http_only_same_site_and_expire(database_url):
    app = create_app(
        {
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "BASE_URL": "https://matchmaker.example.org",
            "WTF_CSRF_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
        user = make_user()
        db.session.commit()
        answer = app.test_client().post("/login", data={"email": user.email, "password": PASSWORD})
        cookie = answer.headers["Set-Cookie"]
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
    assert answer.status_code == 302
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires=" in cookie
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")
