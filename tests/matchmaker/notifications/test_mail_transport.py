"""The mail transport: the console by default, SMTP when configured, errors as MailError."""

from __future__ import annotations

import logging
import smtplib

import pytest

from matchmaker import mail
from matchmaker.mail import Mail, MailError, deliver


def _mail(app) -> Mail:
    return Mail(to="b@example.com", subject="Hi", body="Shown", sender=app.config["MAIL_FROM"])


def test_without_smtp_host_mail_is_printed_to_the_console(app, capsys, caplog):
    with app.app_context():
        app.config["TESTING"] = False  # the console copy is skipped in tests otherwise
        try:
            with caplog.at_level(logging.INFO, logger="matchmaker.mail"):
                deliver(_mail(app))
        finally:
            app.config["TESTING"] = True
    assert "Shown" in capsys.readouterr().err
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


@pytest.mark.parametrize(
    ("security", "expected_calls"),
    [(None, ["starttls", ("login", "u", "p")]), ("none", [("login", "u", "p")])],
)
def test_smtp_with_starttls_by_default(app, monkeypatch, security, expected_calls):
    FakeSMTP.instances = []
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    app.config.update(
        SMTP_HOST="smtp.example.com",
        SMTP_PORT=587,
        SMTP_USER="u",
        SMTP_PASSWORD="p",
        SMTP_SECURITY=security,
    )
    with app.app_context():
        deliver(Mail("c@example.com", "Via SMTP", "Delivered", "x@example.com", "<id@x>"))
    [smtp] = FakeSMTP.instances
    assert (smtp.host, smtp.port) == ("smtp.example.com", 587)
    assert smtp.calls[:-1] == expected_calls
    [message] = smtp.sent
    assert (message["To"], message["Subject"], message["Message-ID"]) == (
        "c@example.com",
        "Via SMTP",
        "<id@x>",
    )
    assert "Delivered" in message.get_content()


def test_an_smtp_failure_is_a_mail_error(app, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "down")

    monkeypatch.setattr(mail.smtplib, "SMTP", refuse)
    app.config["SMTP_HOST"] = "smtp.example.com"
    with app.app_context(), pytest.raises(MailError, match="down"):
        deliver(_mail(app))
    assert mail.outbox(app) == []


def test_absolute_links_use_the_base_url(app):
    app.config["BASE_URL"] = "https://fair.example.com/"
    with app.test_request_context("/", base_url="http://internal:8000"):
        assert mail.absolute_url("auth.login") == "https://fair.example.com/login"
