"""Log-in, password reset and registration are throttled per account and per address: 429 with
``Retry-After``, the right password included, while other accounts go on."""

from __future__ import annotations

import pytest
from flask import g

from matchmaker import create_app
from matchmaker.accounts.throttling import COLLEAGUE_PER_USER, LOGIN_PER_ACCOUNT, RESET_PER_ACCOUNT
from matchmaker.extensions import db, limiter
from tests.factories import PASSWORD, make_user


def _first_count(limits: str) -> int:
    return int(limits.split(";")[0].split()[0])


@pytest.fixture
def throttled_app(database_url):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "REDIS_URL": None,
            "RATELIMIT_STORAGE_URI": "memory://",
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
        limiter.reset()
        yield app
        limiter.reset()
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_wrong_passwords_for_one_account_are_throttled_with_retry_after(throttled_app):
    user, other = make_user(), make_user()
    db.session.commit()
    client = throttled_app.test_client()
    allowed = _first_count(LOGIN_PER_ACCOUNT)
    for _ in range(allowed):
        answer = client.post("/login", data={"email": user.email, "password": "wrong guess 1"})
        assert answer.status_code == 401
    throttled = client.post("/login", data={"email": user.email, "password": "wrong guess 2"})
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) > 0
    assert "Too many attempts" in throttled.get_data(as_text=True)
    # Even the right password waits: the guesser learns nothing more.
    right = client.post("/login", data={"email": user.email.upper(), "password": PASSWORD})
    assert right.status_code == 429
    # Another account from the same address is not locked out by this one.
    assert (
        client.post("/login", data={"email": other.email, "password": PASSWORD}).status_code == 302
    )


def test_password_reset_requests_are_throttled_per_account(throttled_app):
    user = make_user()
    db.session.commit()
    client = throttled_app.test_client()
    for _ in range(_first_count(RESET_PER_ACCOUNT)):
        assert client.post("/password/forgot", data={"email": user.email}).status_code == 302
    assert client.post("/password/forgot", data={"email": user.email}).status_code == 429


def test_showing_the_forms_is_never_throttled(throttled_app):
    client = throttled_app.test_client()
    for _ in range(40):
        assert client.get("/login").status_code == 200


def test_adding_colleagues_is_throttled_per_user(throttled_app):
    """The colleague form says when an address has an account: probing with it is slowed."""

    @throttled_app.before_request
    def _user_from_this_requests_cookie():  # as in tests/conftest.py: two clients, two users
        g.pop("_login_user", None)

    user, other = make_user(), make_user()
    db.session.commit()
    client, other_client = throttled_app.test_client(), throttled_app.test_client()
    for browser, who in ((client, user), (other_client, other)):
        browser.post("/login", data={"email": who.email, "password": PASSWORD})
    for number in range(_first_count(COLLEAGUE_PER_USER)):
        data = {"full_name": "Probe", "email": f"probe{number}@example.com"}
        assert client.post("/account/colleagues", data=data).status_code == 302
    throttled = client.post(
        "/account/colleagues", data={"full_name": "Probe", "email": "one.more@example.com"}
    )
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) > 0
    assert client.get("/account/colleagues").status_code == 200  # the page itself is not
    data = {"full_name": "Colleague", "email": "colleague@example.com"}
    assert other_client.post("/account/colleagues", data=data).status_code == 302
