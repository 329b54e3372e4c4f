"""Password reset by e-mail, changing one's password, and the set-password link for colleagues."""

from __future__ import annotations

import re

from matchmaker.accounts.operations import password_token, user_for_password_token
from matchmaker.mail import outbox
from matchmaker.models import User
from matchmaker.passwords import verify_password
from tests.factories import PASSWORD, login, make_user

NEW_PASSWORD = "a brand new secret"
LINK_RE = re.compile(r"http://127\.0\.0\.1:5000(/password/reset/[^\s]+)")


def _reset_path(app) -> str:
    match = LINK_RE.search(outbox(app)[-1].body)
    assert match, outbox(app)[-1].body
    return match.group(1)


def test_a_user_resets_a_forgotten_password_through_the_mailed_link(app, client, db_session):
    user = make_user(email="reset@example.com")
    db_session.commit()
    response = client.post("/password/forgot", data={"email": "Reset@example.com"})
    assert response.status_code == 302
    assert len(outbox(app)) == 1
    mail = outbox(app)[0]
    assert mail.to == "reset@example.com"
    assert "Reset your password" in mail.subject
    path = _reset_path(app)
    assert client.get(path).status_code == 200
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD})
    assert response.status_code == 302
    db_session.expire_all()
    assert verify_password(db_session.get(User, user.id).password_hash, NEW_PASSWORD)
    assert login(client, user, NEW_PASSWORD).status_code == 302


def test_a_reset_link_works_only_once(app, client, db_session):
    make_user(email="once@example.com")
    db_session.commit()
    client.post("/password/forgot", data={"email": "once@example.com"})
    path = _reset_path(app)
    data = {"password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD}
    assert client.post(path, data=data).status_code == 302
    response = client.post(path, data={"password": "another one!!", "confirm_password": "x"})
    assert response.status_code == 400
    assert b"invalid or has expired" in response.data


def test_an_unknown_address_gets_the_same_answer_and_no_mail(app, client):
    response = client.post("/password/forgot", data={"email": "nobody@example.com"})
    assert response.status_code == 302
    assert outbox(app) == []


def test_a_forged_or_expired_token_is_refused(app, client, db_session):
    user = make_user()
    db_session.commit()
    assert client.get("/password/reset/not-a-token").status_code == 400
    token = password_token(user)
    assert user_for_password_token(token, max_age=-1) is None
    assert user_for_password_token(token) == user


def test_a_reset_refuses_a_weak_password_and_keeps_the_old_one(app, client, db_session):
    user = make_user()
    db_session.commit()
    path = f"/password/reset/{password_token(user)}"
    response = client.post(path, data={"password": "short", "confirm_password": "short"})
    assert response.status_code == 400
    assert b"Use at least 10 characters." in response.data
    db_session.expire_all()
    assert verify_password(db_session.get(User, user.id).password_hash, PASSWORD)


def test_forgot_password_refuses_a_malformed_address(client):
    response = client.post("/password/forgot", data={"email": "not an address"})
    assert response.status_code == 400
    assert b"Enter a valid e-mail address" in response.data


def test_a_user_changes_the_password_with_the_current_one(client, db_session):
    user = make_user()
    db_session.commit()
    login(client, user)
    data = {
        "current_password": PASSWORD,
        "password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD,
    }
    assert client.post("/account/password", data=data).status_code == 302
    db_session.expire_all()
    assert verify_password(db_session.get(User, user.id).password_hash, NEW_PASSWORD)


def test_changing_the_password_needs_the_current_one(client, db_session):
    user = make_user()
    db_session.commit()
    login(client, user)
    data = {
        "current_password": "wrong guess!",
        "password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD,
    }
    response = client.post("/account/password", data=data)
    assert response.status_code == 400
    assert b"This is not your current password." in response.data
    db_session.expire_all()
    assert verify_password(db_session.get(User, user.id).password_hash, PASSWORD)


def test_an_invitation_link_lives_longer_than_a_reset_link(app, db_session, monkeypatch):
    import time

    user = make_user()
    db_session.commit()
    three_hours_ago = time.time() - 3 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: three_hours_ago)
        reset, invitation = password_token(user), password_token(user, invitation=True)
    assert user_for_password_token(reset) is None
    assert user_for_password_token(invitation) == user
