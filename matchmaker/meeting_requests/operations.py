"""Meeting requests: the rules for sending, answering and withdrawing them.

Every function takes the acting user, checks the rules, changes the objects and flushes; the
request commits. A refused action raises ``RequestRefused`` with a message meant for the user and
the HTTP status the view answers with.
"""

from __future__ import annotations

from flask_babel import gettext as _

from matchmaker.access import acts_for
from matchmaker.database import lock_for_update
from matchmaker.enums import NotificationKind, RequestPriority, RequestStatus
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.mail import absolute_url
from matchmaker.meeting_requests.queries import (
    ACTIVE_STATUSES,
    count_active_outgoing,
    find_request,
    lock_participation,
)
from matchmaker.models import Company, Event, MeetingRequest, User
from matchmaker.models.base import utcnow
from matchmaker.notifications.outbox import notify_company
from matchmaker.participations.queries import is_approved_participant
from matchmaker.phases import requests_closed_message

MAX_MESSAGE_LENGTH = 500


class RequestRefused(RuleViolation):
    """A meeting-request rule refuses the action. ``message`` is shown to the user."""

    def __init__(self, message: str, status_code: int = 409) -> None:
        super().__init__(message, status_code=status_code)


# --- sending ---------------------------------------------------------------------------------


def send_request(
    actor: User,
    event: Event,
    from_company: Company,
    to_company: Company,
    priority: RequestPriority = RequestPriority.NORMAL,
    message: str = "",
) -> MeetingRequest:
    """``from_company`` asks ``to_company`` for a meeting at ``event``.

    A representative sends for their own company; an organizer may send for any company.
    A withdrawn request to the same company is reopened rather than duplicated. When
    ``to_company`` has already asked ``from_company``, that request is accepted and returned
    instead (its ``from_company`` is then ``to_company``).
    """
    _require_acts_for(actor, from_company)
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE_LENGTH:
        raise RequestRefused(
            _("The message is too long: at most %(n)d characters.", n=MAX_MESSAGE_LENGTH), 400
        )
    if not isinstance(priority, RequestPriority):
        raise RequestRefused(_("Unknown priority."), 400)
    if from_company.id == to_company.id:
        raise RequestRefused(_("A company cannot request a meeting with itself."), 400)
    _require_request_phase(event)
    # Both companies' participations, locked in one order: two companies asking each other at
    # the same moment are served one after the other, so the second finds the first's request.
    locked = {
        company.id: lock_participation(event, company)
        for company in sorted((from_company, to_company), key=lambda company: company.id)
    }
    sender_participation = locked[from_company.id]
    if sender_participation is None or not sender_participation.is_approved:
        raise RequestRefused(
            _(
                "%(company)s is not an approved participant of %(event)s, so it cannot send "
                "meeting requests there.",
                company=from_company.name,
                event=event.name,
            ),
            403,
        )
    if not is_approved_participant(event, to_company):
        raise RequestRefused(
            _(
                "%(company)s is not an approved participant of %(event)s.",
                company=to_company.name,
                event=event.name,
            )
        )

    existing = find_request(event, from_company, to_company)
    if existing is not None and existing.status != RequestStatus.WITHDRAWN:
        if existing.status == RequestStatus.DECLINED:
            raise RequestRefused(
                _(
                    "%(company)s has declined your request for this event; a company can be "
                    "asked only once per event.",
                    company=to_company.name,
                )
            )
        raise RequestRefused(
            _(
                "You have already asked %(company)s for a meeting at this event "
                "(status: %(status)s).",
                company=to_company.name,
                status=_(existing.status.label),
            )
        )

    reverse = find_request(event, to_company, from_company)
    if reverse is not None and reverse.status == RequestStatus.PENDING:
        # The other company asked first: asking them back means yes, so theirs is accepted.
        return _respond(reverse, RequestStatus.ACCEPTED)
    if reverse is not None and reverse.status == RequestStatus.ACCEPTED:
        raise RequestRefused(
            _(
                "You have already accepted the request of %(company)s; the meeting is agreed.",
                company=to_company.name,
            )
        )

    active = count_active_outgoing(event, from_company)
    if active >= event.request_cap:
        raise RequestRefused(
            _(
                "%(company)s has reached the limit of %(cap)d active requests for this event; "
                "withdraw one before sending another.",
                company=from_company.name,
                cap=event.request_cap,
            )
        )

    if existing is None:
        existing = MeetingRequest(event=event, from_company=from_company, to_company=to_company)
        db.session.add(existing)
    else:  # re-sending a withdrawn request reopens it as a new one
        existing.created_at = utcnow()
    existing.status = RequestStatus.PENDING
    existing.priority = priority
    existing.message = message
    existing.responded_at = None
    db.session.flush()
    _tell(existing, to_company, NotificationKind.REQUEST_RECEIVED, note=message)
    return existing


# --- answering and withdrawing ---------------------------------------------------------------


def accept_request(
    actor: User, meeting_request: MeetingRequest, seen: RequestStatus | None = None
) -> MeetingRequest:
    """The recipient (or an organizer) accepts a pending or previously declined request."""
    _require_recipient(
        actor, meeting_request, _("Only the company that received the request can accept it.")
    )
    lock_for_update(meeting_request)
    _require_unchanged(meeting_request, seen)
    _require_request_phase(meeting_request.event)
    if meeting_request.status == RequestStatus.ACCEPTED:
        raise RequestRefused(_("This request is already accepted."))
    if meeting_request.status == RequestStatus.WITHDRAWN:
        raise RequestRefused(
            _(
                "%(company)s has withdrawn this request.",
                company=meeting_request.from_company.name,
            )
        )
    if not is_approved_participant(meeting_request.event, meeting_request.from_company):
        raise RequestRefused(
            _(
                "%(company)s is no longer an approved participant of this event.",
                company=meeting_request.from_company.name,
            )
        )
    return _respond(meeting_request, RequestStatus.ACCEPTED)


def decline_request(
    actor: User, meeting_request: MeetingRequest, seen: RequestStatus | None = None
) -> MeetingRequest:
    """The recipient (or an organizer) declines a pending or previously accepted request."""
    _require_recipient(
        actor, meeting_request, _("Only the company that received the request can decline it.")
    )
    lock_for_update(meeting_request)
    _require_unchanged(meeting_request, seen)
    _require_request_phase(meeting_request.event)
    if meeting_request.status == RequestStatus.DECLINED:
        raise RequestRefused(_("This request is already declined."))
    if meeting_request.status == RequestStatus.WITHDRAWN:
        raise RequestRefused(
            _(
                "%(company)s has withdrawn this request.",
                company=meeting_request.from_company.name,
            )
        )
    return _respond(meeting_request, RequestStatus.DECLINED)


def withdraw_request(
    actor: User, meeting_request: MeetingRequest, seen: RequestStatus | None = None
) -> MeetingRequest:
    """The sender (or an organizer) withdraws a pending or accepted request."""
    if not acts_for(actor, meeting_request.from_company_id):
        raise RequestRefused(_("Only the company that sent the request can withdraw it."), 403)
    lock_for_update(meeting_request)  # answers at the same moment are checked one at a time
    _require_unchanged(meeting_request, seen)
    _require_request_phase(meeting_request.event)
    if meeting_request.status not in ACTIVE_STATUSES:
        raise RequestRefused(
            _(
                "Only a pending or accepted request can be withdrawn; this one is %(status)s.",
                status=_(meeting_request.status.label).lower(),
            )
        )
    meeting_request.status = RequestStatus.WITHDRAWN
    db.session.flush()
    _tell(meeting_request, meeting_request.to_company, NotificationKind.REQUEST_WITHDRAWN)
    return meeting_request


def _require_unchanged(meeting_request: MeetingRequest, seen: RequestStatus | None) -> None:
    """The buttons carry the status the user saw: of several answers clicked at the same moment
    on one request (accept, decline, withdraw) only the first is applied."""
    if seen is not None and meeting_request.status != seen:
        raise RequestRefused(
            _(
                "This request changed in the meantime: it is now %(status)s. Nothing was done.",
                status=_(meeting_request.status.label).lower(),
            )
        )


def _respond(meeting_request: MeetingRequest, status: RequestStatus) -> MeetingRequest:
    meeting_request.status = status
    meeting_request.responded_at = utcnow()
    db.session.flush()
    kind = (
        NotificationKind.REQUEST_ACCEPTED
        if status == RequestStatus.ACCEPTED
        else NotificationKind.REQUEST_DECLINED
    )
    _tell(meeting_request, meeting_request.from_company, kind)
    return meeting_request


def _tell(
    meeting_request: MeetingRequest, recipient: Company, kind: NotificationKind, **context
) -> None:
    """Mail the representatives of ``recipient`` (one side of the request) about it."""
    other = (
        meeting_request.to_company
        if recipient.id == meeting_request.from_company_id
        else meeting_request.from_company
    )
    notify_company(
        recipient,
        kind,
        event=meeting_request.event,
        other=other,
        link=absolute_url("meeting_requests.index"),
        **context,
    )


def _require_acts_for(actor: User, company: Company) -> None:
    if not acts_for(actor, company.id):
        raise RequestRefused(_("You can send requests only for your own company."), 403)


def _require_recipient(actor: User, meeting_request: MeetingRequest, message: str) -> None:
    if not acts_for(actor, meeting_request.to_company_id):
        raise RequestRefused(message, 403)


def _require_request_phase(event: Event) -> None:
    """The phase rule lives in ``matchmaker.phases``; refused as this package's error."""
    message = requests_closed_message(event)
    if message:
        raise RequestRefused(message)
