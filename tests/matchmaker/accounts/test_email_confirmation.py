"""Registration confirms the address by e-mail, and answers the same whether or not the address
has an account (no account enumeration): a new address gets a confirmation link, an address
with an account a mail saying someone tried to register with it."""

from __future__ import annotations

import re
import threading

import itsdangerous.timed
import pytest
from sqlalchemy import func, select

from matchmaker.accounts.operations import confirmation_token
from matchmaker.enums import NotificationKind
from matchmaker.extensions import db
from matchmaker.mail import outbox
from matchmaker.models import Company, OutboxMessage, User
from matchmaker.notifications import delivery
from matchmaker.passwords import verify_password
from tests.factories import PASSWORD, login, make_user

BASE = "http://127.0.0.1:5000"
CONFIRM_RE = re.compile(re.escape(BASE) + r"(/register/confirm/[^\s]+)")
RESET_RE = re.compile(re.escape(BASE) + r"(/password/reset/[^\s]+)")
CSRF_VALUE_RE = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+')
EMAIL = "anna.schmidt@example.com"
PASSWORD_OF_REGISTRATION = "a long enough password"
REGISTRATION = {
    "company_name": "Bavaria Pumps GmbH",
    "country": "DE",
    "full_name": "Anna Schmidt",
    "email": EMAIL,
    "password": PASSWORD_OF_REGISTRATION,
    "confirm_password": PASSWORD_OF_REGISTRATION,
    "locale": "en",
}


def _mails_to(app, address: str):
    return [mail for mail in outbox(app) if mail.to == address]


def _confirm_path(app, address: str = EMAIL) -> str:
    match = CONFIRM_RE.search(_mails_to(app, address)[-1].body)
    assert match, _mails_to(app, address)[-1].body
    return match.group(1)


def _user(db_session, address: str = EMAIL) -> User | None:
    db_session.expire_all()
    return db_session.scalar(select(User).where(User.email == address))


def _page(response) -> str:
    """The page without what differs on every page view (the CSRF token)."""
    return CSRF_VALUE_RE.sub(r"\1…", response.get_data(as_text=True))


def test_a_new_address_is_confirmed_by_the_mailed_link_before_it_can_log_in(
    app, client, db_session
):
    response = client.post("/register", data=REGISTRATION)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/register/sent")
    assert "Check your mailbox" in client.get("/register/sent").get_data(as_text=True)
    user = _user(db_session)
    assert user is not None and not user.email_confirmed
    [mail] = _mails_to(app, EMAIL)
    assert "Confirm your e-mail address" in mail.subject
    assert "Bavaria Pumps GmbH" in mail.body

    refused = login(client, EMAIL, PASSWORD_OF_REGISTRATION)
    assert refused.status_code == 403
    assert b"not confirmed yet" in refused.data
    assert client.get("/account/").status_code == 302

    path = _confirm_path(app)
    page = client.get(path)
    assert page.status_code == 200
    assert EMAIL in page.get_data(as_text=True)
    assert not _user(db_session).email_confirmed  # opening the link (a GET) changes nothing
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert "/login?next=" in confirmed.headers["Location"]
    assert _user(db_session).email_confirmed
    assert login(client, EMAIL, PASSWORD_OF_REGISTRATION).status_code == 302
    assert client.get("/account/").status_code == 200


def test_an_address_with_an_account_gets_the_same_answer_and_a_mail_to_its_owner(app, db_session):
    owner = make_user(email="taken@example.com")
    owner_company = owner.company_id
    db_session.commit()
    new, taken = app.test_client(), app.test_client()
    answer_new = new.post("/register", data=REGISTRATION)
    answer_taken = taken.post(
        "/register", data={**REGISTRATION, "email": "Taken@Example.com", "company_name": "X"}
    )
    assert answer_new.status_code == answer_taken.status_code == 302
    assert answer_new.headers["Location"] == answer_taken.headers["Location"]
    assert answer_new.get_data() == answer_taken.get_data()
    page_new = new.get(answer_new.headers["Location"])
    page_taken = taken.get(answer_taken.headers["Location"])
    assert page_new.status_code == page_taken.status_code == 200
    assert _page(page_new) == _page(page_taken)

    # The account is untouched, no company was made for the second registration ...
    db_session.expire_all()
    kept = db_session.get(User, owner.id)
    assert verify_password(kept.password_hash, PASSWORD) and kept.company_id == owner_company
    assert db_session.scalar(select(func.count()).select_from(Company)) == 2
    # ... and its owner is told, with a way to log in and to choose a new password.
    [mail] = _mails_to(app, "taken@example.com")
    assert "Someone tried to register with your e-mail address" in mail.subject
    assert f"{BASE}/login" in mail.body
    assert not CONFIRM_RE.search(mail.body)
    reset = RESET_RE.search(mail.body).group(1)
    assert taken.get(reset).status_code == 200


def test_the_confirmation_link_works_once(app, client, db_session):
    client.post("/register", data=REGISTRATION)
    path = _confirm_path(app)
    assert client.post(path).status_code == 302
    again = client.get(path)
    assert again.status_code == 400
    assert b"This link was used already" in again.data
    assert client.post(path).status_code == 400


def test_an_expired_link_is_refused_with_a_message_and_changes_nothing(
    app, client, db_session, monkeypatch
):
    client.post("/register", data=REGISTRATION)
    user = _user(db_session)
    real_time = itsdangerous.timed.time.time
    max_age = app.config.get("EMAIL_CONFIRMATION_MAX_AGE", 48 * 3600)

    class _Past:
        @staticmethod
        def time():
            return real_time() - max_age - 60

    monkeypatch.setattr(itsdangerous.timed, "time", _Past)
    old_token = confirmation_token(user)
    monkeypatch.undo()
    path = f"/register/confirm/{old_token}"
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 400
        assert b"This confirmation link has expired." in response.data
    assert not _user(db_session).email_confirmed


def test_a_forged_or_damaged_link_is_refused_with_a_message(app, client, db_session):
    client.post("/register", data=REGISTRATION)
    user = _user(db_session)
    other_secret = itsdangerous.URLSafeTimedSerializer("not our secret", salt="x").dumps(
        {"user": user.id, "email": user.email}
    )
    genuine = _confirm_path(app).rsplit("/", 1)[1]
    damaged = genuine[:-3] + ("AAA" if not genuine.endswith("AAA") else "BBB")
    for token in (other_secret, damaged, "garbage"):
        for response in (
            client.get(f"/register/confirm/{token}"),
            client.post(f"/register/confirm/{token}"),
        ):
            assert response.status_code == 400, token
            assert b"This confirmation link is not valid." in response.data
    assert not _user(db_session).email_confirmed


def test_a_link_for_an_address_that_changed_is_refused(app, client, db_session):
    client.post("/register", data=REGISTRATION)
    path = _confirm_path(app)
    _user(db_session).email = "someone.else@example.com"
    db_session.commit()
    assert client.post(path).status_code == 400
    assert not _user(db_session, "someone.else@example.com").email_confirmed


def test_the_right_password_of_an_unconfirmed_account_can_ask_for_a_new_link(
    app, client, db_session
):
    client.post("/register", data=REGISTRATION)
    wrong = client.post("/login", data={"email": EMAIL, "password": "not the password"})
    assert wrong.status_code == 401
    assert b"resend" not in wrong.data  # nothing about the account without its password
    refused = login(client, EMAIL, PASSWORD_OF_REGISTRATION)
    assert refused.status_code == 403
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', refused.get_data(as_text=True))
    assert token, "no resend form"
    first_link = _confirm_path(app)
    response = client.post("/register/confirm/resend", data={"token": token.group(1)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/register/sent")
    assert len(_mails_to(app, EMAIL)) == 2
    assert client.post(_confirm_path(app)).status_code == 302
    assert client.post(first_link).status_code == 400  # used: the address is confirmed
    stale = client.post("/register/confirm/resend", data={"token": "forged"})
    assert stale.status_code == 302 and stale.headers["Location"].endswith("/login")
    assert b"Log in again to receive a new confirmation link." in client.get("/login").data
    assert len(_mails_to(app, EMAIL)) == 2


def test_a_password_reset_confirms_the_address_it_reached(app, client, db_session):
    """Someone else registered your address: the mail to your mailbox lets you take it over."""
    client.post("/register", data=REGISTRATION)
    client.post("/password/forgot", data={"email": EMAIL})
    reset = RESET_RE.search(_mails_to(app, EMAIL)[-1].body).group(1)
    new_password = "the mailbox owner's passphrase"
    answer = client.post(reset, data={"password": new_password, "confirm_password": new_password})
    assert answer.status_code == 302
    assert _user(db_session).email_confirmed
    assert login(client, EMAIL, new_password).status_code == 302


def test_mail_leaves_after_the_commit_and_not_in_the_request_thread(
    app, client, db_session, monkeypatch
):
    """The confirmation mail is an outbox row of the request's transaction; the delivery job
    runs after the commit, in the job runner's thread, and the answer does not wait for it."""
    release = threading.Event()
    seen: dict[str, object] = {}
    real_deliver = delivery.deliver

    def held_deliver(mail):
        seen["thread"] = threading.get_ident()
        with db.engine.connect() as connection:  # another connection: what is committed
            seen["committed"] = connection.execute(
                select(OutboxMessage.kind).where(OutboxMessage.to_address == mail.to)
            ).scalar_one()
        seen["released"] = release.wait(timeout=60)
        real_deliver(mail)

    monkeypatch.setattr(delivery, "deliver", held_deliver)
    response = client.post("/register", data=REGISTRATION)
    # The answer came back while the delivery is still held: it did not wait for the mail.
    assert response.status_code == 302
    assert "released" not in seen
    release.set()
    assert len(_mails_to(app, EMAIL)) == 1
    assert seen["released"] is True
    assert seen["thread"] != threading.get_ident()  # the test client runs requests here
    assert seen["committed"] == NotificationKind.CONFIRM_EMAIL


@pytest.mark.parametrize("field", ["email", "password"])
def test_a_refused_registration_writes_no_mail(app, client, db_session, field):
    data = {**REGISTRATION, field: "x"}
    assert client.post("/register", data=data).status_code == 400
    assert db_session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    assert outbox(app) == []
