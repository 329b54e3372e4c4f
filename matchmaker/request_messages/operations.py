"""The thread of a meeting request: only its two companies (and organizers, for support) read
and write it; anyone else gets 404, as for the request itself. Writing tells the other side."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import NotFound

from matchmaker.enums import NotificationKind
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.mail import absolute_url
from matchmaker.meeting_requests.queries import visible_request
from matchmaker.models import Company, MeetingRequest, RequestMessage, User
from matchmaker.notifications.outbox import notify_company

MAX_MESSAGE_LENGTH = 2000
MAX_MESSAGES_PER_THREAD = 200


def request_for_thread(actor: User, request_id: int) -> MeetingRequest:
    """The request if ``actor`` may read its thread; 404 otherwise."""
    found = visible_request(actor, request_id)
    if found is None:
        raise NotFound()
    return found


def thread(actor: User, meeting_request: MeetingRequest) -> Sequence[RequestMessage]:
    request_for_thread(actor, meeting_request.id)
    return db.session.scalars(
        select(RequestMessage)
        .where(RequestMessage.request_id == meeting_request.id)
        .options(selectinload(RequestMessage.author), selectinload(RequestMessage.company))
        .order_by(RequestMessage.id)
    ).all()


def post_message(actor: User, meeting_request: MeetingRequest, text: str) -> RequestMessage:
    """``actor`` writes on the request's thread; the other company (both, when an organizer
    writes) is told by e-mail."""
    meeting_request = request_for_thread(actor, meeting_request.id)
    text = (text or "").strip()
    if not text:
        raise RuleViolation(_("Write a message first."), "body", status_code=400)
    if len(text) > MAX_MESSAGE_LENGTH:
        raise RuleViolation(
            _("The message is too long: at most %(n)d characters.", n=MAX_MESSAGE_LENGTH),
            "body",
            status_code=400,
        )
    # Lock the request row so that two writers count the thread one after the other.
    db.session.execute(
        select(MeetingRequest.id).where(MeetingRequest.id == meeting_request.id).with_for_update()
    )
    count = db.session.scalar(
        select(func.count())
        .select_from(RequestMessage)
        .where(RequestMessage.request_id == meeting_request.id)
    )
    if count >= MAX_MESSAGES_PER_THREAD:
        raise RuleViolation(_("This thread is full. Please continue by e-mail or phone."))
    own_side = _side_of(actor, meeting_request)
    message = RequestMessage(request=meeting_request, author=actor, company=own_side, body=text)
    db.session.add(message)
    db.session.flush()
    sides = (meeting_request.from_company, meeting_request.to_company)
    for company in sides:
        if own_side is not None and company.id == own_side.id:
            continue
        other = own_side if own_side is not None else _counterpart(company, meeting_request)
        notify_company(
            company,
            NotificationKind.REQUEST_MESSAGE,
            other=other,
            author=actor.full_name,
            from_support=own_side is None,
            text=text,
            link=absolute_url("request_messages.thread_page", request_id=meeting_request.id),
        )
    return message


def _side_of(actor: User, meeting_request: MeetingRequest) -> Company | None:
    if actor.company_id == meeting_request.from_company_id:
        return meeting_request.from_company
    if actor.company_id == meeting_request.to_company_id:
        return meeting_request.to_company
    return None  # an organizer


def _counterpart(company: Company, meeting_request: MeetingRequest) -> Company:
    if company.id == meeting_request.from_company_id:
        return meeting_request.to_company
    return meeting_request.from_company
