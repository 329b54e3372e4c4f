"""What a person chooses to receive, and the organizers' hand on the outbox. Flush, never
commit."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import delete, select, update
from werkzeug.exceptions import NotFound

from matchmaker.access import require_organizer
from matchmaker.enums import NotificationKind, OutboxStatus
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import NotificationOptOut, OutboxMessage, User
from matchmaker.models.base import utcnow
from matchmaker.notifications.outbox import deliver_after_commit


def chosen_kinds(user: User) -> set[NotificationKind]:
    """The optional kinds ``user`` receives (all, unless they opted out of some)."""
    opted_out = set(
        db.session.scalars(
            select(NotificationOptOut.kind).where(NotificationOptOut.user_id == user.id)
        )
    )
    return {kind for kind in NotificationKind.optional() if kind not in opted_out}


def choose_kinds(actor: User, wanted: Iterable[NotificationKind]) -> set[NotificationKind]:
    """``actor`` receives exactly the optional kinds in ``wanted`` (and always the others)."""
    wanted = set(wanted)
    db.session.execute(delete(NotificationOptOut).where(NotificationOptOut.user_id == actor.id))
    for kind in NotificationKind.optional():
        if kind not in wanted:
            db.session.add(NotificationOptOut(user_id=actor.id, kind=kind))
    db.session.flush()
    return chosen_kinds(actor)


def retry_message(actor: User, message_id: int) -> OutboxMessage:
    """An organizer sends a failed message again (from the first attempt)."""
    require_organizer(actor)
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        raise NotFound()
    if message.status != OutboxStatus.FAILED:
        raise RuleViolation(_("Only a failed e-mail can be sent again."))
    # Conditional, so that two organizers clicking at once make one new attempt, not two.
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.FAILED)
        .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise RuleViolation(_("Only a failed e-mail can be sent again."))
    db.session.refresh(message)
    deliver_after_commit(db.session)
    return message


def retry_all_failed(actor: User) -> int:
    """An organizer sends every failed message again. Returns how many."""
    require_organizer(actor)
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.FAILED)
        .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount:
        deliver_after_commit(db.session)
    return result.rowcount
