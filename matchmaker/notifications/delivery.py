"""Delivering the outbox: the background job, its retries, and the organizers' retry.

``deliver_due`` is the job (in-process thread or RQ worker). It claims each due message with one
conditional UPDATE (``pending`` → ``sending``) and commits before talking to the mail server, so
two jobs running at once never send the same message; it then records ``sent``, or the error
and the time of the next attempt (back-off: ``MAIL_RETRY_BASE_S`` doubling up to an hour, for
``MAIL_MAX_ATTEMPTS`` attempts), after which the message is ``failed`` and waits for an
organizer. A message left ``sending`` past its claim (the process died mid-send) may or may not
have reached the server: it is marked failed as interrupted rather than sent again blindly.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app, has_app_context
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session

from matchmaker import jobs
from matchmaker.enums import OutboxStatus
from matchmaker.extensions import db
from matchmaker.mail import Mail, MailError, deliver
from matchmaker.models import OutboxMessage
from matchmaker.models.base import utcnow
from matchmaker.notifications.outbox import DELIVER_AFTER_COMMIT, message_id_for

log = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BACKOFF_S = 3600
JOB_TIMEOUT_S = 600
# ``last_error`` of a message whose delivery was interrupted (shown translated to organizers).
INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_due(limit: int = BATCH_SIZE) -> DeliveryReport:
    """Job: deliver every message that is due; schedule itself again for the next retry."""
    now = utcnow()
    _mark_interrupted(now)
    due_ids = db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    db.session.commit()
    sent = retrying = failed = 0
    for message_id in due_ids:
        if not _claim(message_id, now):
            continue  # another job took it
        message = db.session.get(OutboxMessage, message_id)
        try:
            deliver(
                Mail(
                    to=message.to_address,
                    subject=message.subject,
                    body=message.body,
                    sender=current_app.config["MAIL_FROM"],
                    message_id=message_id_for(message),
                )
            )
        except MailError as error:
            log.warning("mail %s to %s not sent: %s", message.id, message.to_address, error)
            if _record_failure(message, str(error)):
                retrying += 1
            else:
                failed += 1
        else:
            message.status = OutboxStatus.SENT
            message.sent_at = utcnow()
            message.claimed_until = None
            message.last_error = None
            sent += 1
        db.session.commit()
    if len(due_ids) == limit:
        jobs.enqueue(deliver_due, timeout=JOB_TIMEOUT_S)  # more are due: the next batch
    else:
        _schedule_next_retry()
    return DeliveryReport(sent=sent, retrying=retrying, failed=failed)


def start_delivery() -> None:
    """Hand ``deliver_due`` to the job runner. A runner that cannot take it (Redis down) is
    logged: the messages stay pending for the next delivery or ``flask outbox deliver``."""
    try:
        jobs.enqueue(deliver_due, timeout=JOB_TIMEOUT_S)
    except Exception:
        log.exception("could not start the delivery of the outbox")


def backoff_s(attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failed attempt."""
    base = float(current_app.config["MAIL_RETRY_BASE_S"])
    return min(base * 2 ** max(attempts - 1, 0), MAX_BACKOFF_S)


def _claim(message_id: int, now: datetime) -> bool:
    claim_s = int(current_app.config["MAIL_CLAIM_S"])
    result = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.next_attempt_at <= now,
        )
        .values(
            status=OutboxStatus.SENDING,
            attempts=OutboxMessage.attempts + 1,
            claimed_until=now + timedelta(seconds=claim_s),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _record_failure(message: OutboxMessage, error: str) -> bool:
    """Keep the error; True if another attempt is planned, False if the message is failed."""
    message.last_error = error[:1000]
    message.claimed_until = None
    if message.attempts >= int(current_app.config["MAIL_MAX_ATTEMPTS"]):
        message.status = OutboxStatus.FAILED
        return False
    message.status = OutboxStatus.PENDING
    message.next_attempt_at = utcnow() + timedelta(seconds=backoff_s(message.attempts))
    return True


def _mark_interrupted(now: datetime) -> None:
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_until < now)
        .values(status=OutboxStatus.FAILED, last_error=INTERRUPTED, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _schedule_next_retry() -> None:
    earliest = db.session.scalar(
        select(func.min(OutboxMessage.next_attempt_at)).where(
            OutboxMessage.status == OutboxStatus.PENDING
        )
    )
    db.session.commit()
    if earliest is None:
        return
    if earliest.tzinfo is None:  # SQLite returns naive UTC
        earliest = earliest.replace(tzinfo=utcnow().tzinfo)
    delay = max((earliest - utcnow()).total_seconds(), 0.0) + 0.05
    jobs.schedule_once(f"deliver-outbox-{earliest.timestamp():.0f}", delay, deliver_due)


@event.listens_for(Session, "after_commit")
def _deliver_after_commit(session: Session) -> None:
    if session.info.pop(DELIVER_AFTER_COMMIT, False) and has_app_context():
        start_delivery()


@event.listens_for(Session, "after_transaction_end")
def _forget_delivery(session: Session, transaction) -> None:
    """A transaction that ended without a commit wrote no mail."""
    if transaction.parent is None:
        session.info.pop(DELIVER_AFTER_COMMIT, None)
