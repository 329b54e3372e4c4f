"""The mail server is down, then refuses, then accepts: every message arrives once, none twice.

A real SMTP server (aiosmtpd) on a loopback port: first nothing listens there (connection
refused), then it answers "451 try again later" to the first messages, then accepts.
"""

from __future__ import annotations

import socket
import threading
import time
from email import message_from_bytes

from aiosmtpd.controller import Controller
from sqlalchemy import select

from matchmaker import jobs
from matchmaker.enums import NotificationKind, OutboxStatus
from matchmaker.models import OutboxMessage
from matchmaker.notifications.delivery import deliver_due
from matchmaker.notifications.outbox import notify_user
from tests.factories import make_user

MESSAGES = 5
REFUSALS = 2


class FlakyHandler:
    """Refuses the first ``refusals`` messages with a temporary error, then keeps the rest."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.received: list[tuple[str, str]] = []  # (recipient, Message-ID)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refusals > 0:
                self.refusals -= 1
                return "451 4.3.0 Try again later"
            message = message_from_bytes(envelope.content)
            for recipient in envelope.rcpt_tos:
                self.received.append((recipient, message["Message-ID"]))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _statuses(db_session) -> list[tuple[OutboxStatus, int, str | None]]:
    db_session.expire_all()
    rows = db_session.execute(
        select(OutboxMessage.status, OutboxMessage.attempts, OutboxMessage.last_error)
    ).all()
    db_session.commit()
    return [tuple(row) for row in rows]


def _wait_until(condition, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_messages_written_while_the_server_is_down_arrive_once_when_it_is_back(app, db_session):
    port = _free_port()
    app.config.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=port,
        SMTP_SECURITY="none",
        MAIL_RETRY_BASE_S=0.2,
        MAIL_MAX_ATTEMPTS=50,
    )
    users = [make_user() for _ in range(MESSAGES)]
    for user in users:
        notify_user(user, NotificationKind.PASSWORD_RESET, link="https://example.com/r", hours=1)
    db_session.commit()  # the after-commit job tries at once: connection refused

    _wait_until(lambda: all(error for _, _, error in _statuses(db_session)))
    statuses = _statuses(db_session)
    assert {status for status, _, _ in statuses} <= {OutboxStatus.PENDING, OutboxStatus.SENDING}
    assert all("Connection refused" in error for _, _, error in statuses)

    handler = FlakyHandler(REFUSALS)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        _wait_until(
            lambda: all(status == OutboxStatus.SENT for status, _, _ in _statuses(db_session))
        )
        with app.app_context():
            deliver_due()  # a further job finds nothing to send
        jobs.wait_for_in_process_jobs(app)
    finally:
        controller.stop()

    recipients = sorted(recipient for recipient, _ in handler.received)
    assert recipients == sorted(user.email for user in users)  # each once, none twice
    assert len({message_id for _, message_id in handler.received}) == MESSAGES
    assert handler.refusals == 0  # the server did refuse before accepting
    assert sum(attempts for _, attempts, _ in _statuses(db_session)) >= MESSAGES * 2 + REFUSALS
