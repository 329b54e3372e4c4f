"""Writing e-mails to the outbox. Services call ``notify_user`` / ``notify_company``.

The message is rendered now, from ``templates/mail/<kind>.txt`` in the recipient's language
(first line: the subject; the rest after a blank line: the body), and added to the session: it
is committed (or rolled back) with the action. When the transaction commits, a delivery job is
handed to the job runner; nothing is sent inside the request, so a response takes as long
whether or not an e-mail was written.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_time
from flask import current_app
from flask_babel import force_locale, get_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from matchmaker.config import link_base
from matchmaker.enums import NotificationKind
from matchmaker.extensions import db
from matchmaker.mail import absolute_url
from matchmaker.models import Company, NotificationOptOut, OutboxMessage, User

# session.info key: this transaction wrote mail (or made some due again), deliver after commit.
DELIVER_AFTER_COMMIT = "matchmaker.deliver_outbox"
MAX_SUBJECT_LENGTH = 300


def notify_user(user: User, kind: NotificationKind, **context) -> OutboxMessage | None:
    """Write one e-mail of ``kind`` to ``user``, unless they opted out of that kind (or the
    account is inactive). ``context`` fills the template."""
    if not user.active or not wants(user, kind):
        return None
    subject, body = render_mail(kind, user, **context)
    message = OutboxMessage(
        kind=kind,
        recipient=user,
        to_address=user.email,
        locale=user.locale,
        subject=subject,
        body=body,
    )
    db.session.add(message)
    deliver_after_commit(db.session)
    return message


def notify_company(company: Company, kind: NotificationKind, **context) -> list[OutboxMessage]:
    """Write the e-mail to every active representative of ``company``, each in their language."""
    users = db.session.scalars(
        select(User).where(User.company_id == company.id, User.active.is_(True)).order_by(User.id)
    )
    written = [notify_user(user, kind, company=company, **context) for user in users]
    return [message for message in written if message is not None]


def render_mail(kind: NotificationKind, recipient: User, **context) -> tuple[str, str]:
    """Subject and body of a ``kind`` e-mail in the recipient's language."""
    with force_locale(recipient.locale):
        # The Jinja environment directly: page context processors need a request, mail does not.
        template = current_app.jinja_env.get_template(f"mail/{kind.value}.txt")
        text = template.render(
            recipient=recipient,
            kind_always_sent=kind.always_sent,
            preferences_link=absolute_url("notifications.preferences"),
            venue_datetime=venue_datetime,
            venue_time=venue_time,
            **context,
        )
    subject, _, body = text.strip().partition("\n")
    return subject.strip()[:MAX_SUBJECT_LENGTH], body.strip() + "\n"


def venue_datetime(moment: datetime, timezone: str) -> str:
    """``moment`` in the venue's time zone, formatted for the current (recipient's) locale."""
    return format_datetime(moment, "medium", tzinfo=ZoneInfo(timezone), locale=get_locale())


def venue_time(moment: datetime, timezone: str) -> str:
    return format_time(moment, "short", tzinfo=ZoneInfo(timezone), locale=get_locale())


def wants(user: User, kind: NotificationKind) -> bool:
    if kind.always_sent:
        return True
    return db.session.get(NotificationOptOut, (user.id, kind)) is None


def deliver_after_commit(session: Session) -> None:
    """Hand a delivery job to the runner once this transaction commits (the hook is in
    ``delivery``)."""
    session.connection()  # begin now, so that the end of the transaction is observed
    session.info[DELIVER_AFTER_COMMIT] = True


def message_id_for(message: OutboxMessage) -> str:
    """A Message-ID that stays the same for every attempt at the same outbox row."""
    domain = urlsplit(link_base(current_app.config)).hostname or "localhost"
    return f"<outbox-{message.id}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"
