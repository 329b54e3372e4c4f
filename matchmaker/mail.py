"""Outgoing mail.

Services call ``send_after_commit``: the message is held on the database session and sent only
once the request's transaction commits (a rolled-back registration sends nothing). Delivery:

* ``SMTP_HOST`` unset (default): the message is written to the log and printed to the console;
* ``SMTP_HOST`` set: smtplib to ``SMTP_HOST:SMTP_PORT`` with STARTTLS (unless ``SMTP_PORT`` is
  465: implicit TLS), logging in when ``SMTP_USER`` is set;
* ``TESTING``: every message is also appended to ``outbox(app)``, so tests can read it.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import sys
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from matchmaker.config import link_base

logger = logging.getLogger("matchmaker.mail")

_PENDING_KEY = "matchmaker.pending_mail"
_OUTBOX_KEY = "matchmaker.mail_outbox"


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    sender: str


def outbox(app: Flask | None = None) -> list[Mail]:
    """Messages sent so far by a TESTING app (empty list otherwise)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    return app.extensions.setdefault(_OUTBOX_KEY, [])


def absolute_url(endpoint: str, **values) -> str:
    """A link for an e-mail or a QR code: ``BASE_URL`` (or, unset, where `make run` serves) plus
    the endpoint's path, independent of the request that triggered it."""
    # Built from the URL map, not url_for: works outside requests too (CLI, background jobs).
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return link_base(current_app.config) + path


def send_after_commit(session: Session, to: str, subject: str, body: str) -> Mail:
    """Queue a message on ``session``; it goes out when the session's transaction commits."""
    mail = Mail(to=to, subject=str(subject), body=str(body), sender=current_app.config["MAIL_FROM"])
    # Begin the transaction now if needed, so that its end (commit or rollback) is observed.
    session.connection()
    session.info.setdefault(_PENDING_KEY, []).append(mail)
    return mail


def send_now(mail: Mail) -> None:
    app = current_app
    if app.config.get("TESTING"):
        outbox(app).append(mail)
    host = app.config.get("SMTP_HOST")
    if not host:
        _print_to_console(mail)
        return
    _send_smtp(mail, host)


def _print_to_console(mail: Mail) -> None:
    text = (
        f"----- mail (console; set MATCHMAKER_SMTP_HOST to deliver) -----\n"
        f"From: {mail.sender}\nTo: {mail.to}\nSubject: {mail.subject}\n\n{mail.body}\n"
        f"----------------------------------------------------------------"
    )
    logger.info("mail to %s: %s", mail.to, mail.subject)
    if not current_app.config.get("TESTING"):
        print(text, file=sys.stderr, flush=True)


def _build_message(mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = mail.sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="salon-matchmaker")
    message.set_content(mail.body)
    return message


def _send_smtp(mail: Mail, host: str) -> None:
    config = current_app.config
    port = int(config.get("SMTP_PORT") or 587)
    context = ssl.create_default_context()
    message = _build_message(mail)
    if port == 465:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=20, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=20)
    with smtp:
        if port != 465:
            smtp.starttls(context=context)
        if config.get("SMTP_USER"):
            smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
        smtp.send_message(message)
    logger.info("mail to %s sent via %s:%s: %s", mail.to, host, port, mail.subject)


@event.listens_for(Session, "after_commit")
def _send_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING_KEY, [])
    for mail in pending:
        try:
            send_now(mail)
        except (OSError, smtplib.SMTPException):
            # The data is committed; a mail server hiccup must not turn the request into a 500.
            logger.exception("could not send mail to %s: %s", mail.to, mail.subject)


@event.listens_for(Session, "after_transaction_end")
def _drop_pending(session: Session, transaction) -> None:
    """A transaction that ended without a commit (rollback, close) takes its mail with it."""
    if transaction.parent is None:
        session.info.pop(_PENDING_KEY, None)
