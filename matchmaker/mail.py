"""Mail transport: hands one rendered message to the mail server.

Nothing here is called by services: they write e-mails to the outbox
(``matchmaker.notifications.outbox``), and the delivery job (``matchmaker.notifications.delivery``)
calls ``deliver`` for each. Delivery:

* ``SMTP_HOST`` unset (default): the message is written to the log and printed to the console;
* ``SMTP_HOST`` set: smtplib to ``SMTP_HOST:SMTP_PORT``; ``SMTP_SECURITY`` is ``starttls``
  (default), ``tls`` (implicit TLS, the default on port 465) or ``none``; logs in when
  ``SMTP_USER`` is set;
* ``TESTING``: every delivered message is also appended to ``outbox(app)``, so tests can read it.

``deliver`` raises ``MailError`` when the server refuses or cannot be reached; the delivery job
then retries later.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import sys
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate

from flask import Flask, current_app

from matchmaker import jobs
from matchmaker.config import link_base

logger = logging.getLogger("matchmaker.mail")

_DELIVERED_KEY = "matchmaker.mail_delivered"


class MailError(Exception):
    """The message could not be handed to the mail server (it stays in the outbox)."""


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    sender: str
    message_id: str | None = None


def outbox(app: Flask | None = None) -> list[Mail]:
    """Messages delivered so far by a TESTING app (empty list otherwise), once the in-process
    job runner has finished the deliveries in hand."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    jobs.wait_for_in_process_jobs(app)
    return app.extensions.setdefault(_DELIVERED_KEY, [])


def absolute_url(endpoint: str, **values) -> str:
    """A link for an e-mail or a QR code: ``BASE_URL`` (or, unset, where `make run` serves) plus
    the endpoint's path, independent of the request that triggered it."""
    # Built from the URL map, not url_for: works outside requests too (CLI, background jobs).
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return link_base(current_app.config) + path


def deliver(mail: Mail) -> None:
    """Hand ``mail`` to the configured transport; ``MailError`` if that fails."""
    app = current_app
    host = app.config.get("SMTP_HOST")
    if not host:
        _print_to_console(mail)
    else:
        try:
            _send_smtp(mail, host)
        except (OSError, smtplib.SMTPException) as error:
            raise MailError(f"{type(error).__name__}: {error}") from error
    if app.config.get("TESTING"):
        app.extensions.setdefault(_DELIVERED_KEY, []).append(mail)


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
    if mail.message_id:
        message["Message-ID"] = mail.message_id
    message.set_content(mail.body)
    return message


def _security(port: int) -> str:
    configured = current_app.config.get("SMTP_SECURITY")
    if configured:
        return str(configured).lower()
    return "tls" if port == 465 else "starttls"


def _send_smtp(mail: Mail, host: str) -> None:
    config = current_app.config
    port = int(config.get("SMTP_PORT") or 587)
    security = _security(port)
    context = ssl.create_default_context()
    message = _build_message(mail)
    if security == "tls":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=20, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=20)
    with smtp:
        if security == "starttls":
            smtp.starttls(context=context)
        if config.get("SMTP_USER"):
            smtp.login(config["SMTP_USER"], config.get("SMTP_PASSWORD") or "")
        smtp.send_message(message)
    logger.info("mail to %s sent via %s:%s: %s", mail.to, host, port, mail.subject)
