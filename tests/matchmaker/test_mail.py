"""Mail goes out only when the transaction commits: to the console by default, SMTP when set."""

from __future__ import annotations

import logging
import re
import smtplib
from pathlib import Path

import pytest

from matchmaker import mail
from matchmaker.config import DEV_SERVER_URL
from matchmaker.mail import outbox, send_after_commit


def test_mail_is_sent_when_the_transaction_commits(app, db_session):
    send_after_commit(db_session, "a@example.com", "Hello", "Body text")
    assert outbox(app) == []
    db_session.commit()
    [message] = outbox(app)
    assert (message.to, message.subject, message.body) == ("a@example.com", "Hello", "Body text")
    assert message.sender == app.config["MAIL_FROM"]


def test_a_rolled_back_transaction_sends_nothing(app, db_session):
    send_after_commit(db_session, "a@example.com", "Hello", "Body")
    db_session.rollback()
    db_session.commit()
    assert outbox(app) == []


def test_without_smtp_host_mail_is_printed_to_the_console(app, db_session, capsys, caplog):
    app.config["TESTING"] = False  # the console copy is skipped in tests otherwise
    try:
        with caplog.at_level(logging.INFO, logger="matchmaker.mail"):
            send_after_commit(db_session, "b@example.com", "Console", "Shown on the console")
            db_session.commit()
    finally:
        app.config["TESTING"] = True
    assert "Shown on the console" in capsys.readouterr().err
    assert "b@example.com" in caplog.text


class FakeSMTP:
    instances: list[FakeSMTP] = []

    def __init__(self, host, port, timeout=None):
        self.host, self.port, self.calls, self.sent = host, port, [], []
        FakeSMTP.instances.append(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.calls.append("quit")

    def starttls(self, context=None):
        self.calls.append("starttls")

    def login(self, user, password):
        self.calls.append(("login", user, password))

    def send_message(self, message):
        self.sent.append(message)


def test_with_smtp_host_mail_goes_through_smtp_with_starttls(app, db_session, monkeypatch):
    FakeSMTP.instances = []
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    app.config.update(SMTP_HOST="smtp.example.com", SMTP_PORT=587, SMTP_USER="u", SMTP_PASSWORD="p")
    send_after_commit(db_session, "c@example.com", "Via SMTP", "Delivered")
    db_session.commit()
    [smtp] = FakeSMTP.instances
    assert (smtp.host, smtp.port) == ("smtp.example.com", 587)
    assert smtp.calls[:2] == ["starttls", ("login", "u", "p")]
    [message] = smtp.sent
    assert message["To"] == "c@example.com"
    assert message["Subject"] == "Via SMTP"
    assert "Delivered" in message.get_content()


def test_an_smtp_failure_is_logged_not_raised(app, db_session, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "down")

    monkeypatch.setattr(mail.smtplib, "SMTP", refuse)
    app.config["SMTP_HOST"] = "smtp.example.com"
    send_after_commit(db_session, "d@example.com", "Lost", "Body")
    db_session.commit()
    assert "could not send mail to d@example.com" in caplog.text


@pytest.mark.parametrize("backend_independent", [True])
def test_absolute_links_use_the_base_url(app, backend_independent):
    app.config["BASE_URL"] = "https://fair.example.com/"
    with app.test_request_context("/", base_url="http://internal:8000"):
        assert mail.absolute_url("auth.login") == "https://fair.example.com/login"


def test_without_a_base_url_links_point_where_make_run_serves(app):
    app.config["BASE_URL"] = None
    with app.test_request_context("/", base_url="http://internal:8000"):
        assert mail.absolute_url("auth.login") == f"{DEV_SERVER_URL}/login"


def test_make_run_serves_on_the_address_links_fall_back_to():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    run = re.search(r"flask run --host (\S+) --port (\d+)", makefile)
    assert run is not None
    assert f"http://{run.group(1)}:{run.group(2)}" == DEV_SERVER_URL


def test_the_app_warns_at_start_when_links_will_point_to_localhost(caplog, tmp_path):
    from matchmaker import create_app

    settings = {"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    with caplog.at_level(logging.WARNING, logger="matchmaker"):
        create_app({**settings, "BASE_URL": None})
    assert f"links in e-mails and QR codes will point to {DEV_SERVER_URL}" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="matchmaker"):
        create_app({**settings, "BASE_URL": "https://fair.example.com"})
    assert "will point to" not in caplog.text
