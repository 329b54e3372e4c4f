"""Reading the outbox for the organizers' page."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select

from matchmaker.access import require_organizer
from matchmaker.enums import OutboxStatus
from matchmaker.extensions import db
from matchmaker.models import OutboxMessage, User

PAGE_SIZE = 100


def outbox_counts(actor: User) -> dict[OutboxStatus, int]:
    require_organizer(actor)
    rows = db.session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    ).all()
    counts = dict.fromkeys(OutboxStatus, 0)
    counts.update({status: count for status, count in rows})
    return counts


def outbox_page(
    actor: User, status: OutboxStatus | None, page: int = 1
) -> tuple[Sequence[OutboxMessage], int]:
    """Messages newest first (of one status if given), and the number of pages."""
    require_organizer(actor)
    query = select(OutboxMessage)
    count_query = select(func.count()).select_from(OutboxMessage)
    if status is not None:
        query = query.where(OutboxMessage.status == status)
        count_query = count_query.where(OutboxMessage.status == status)
    total = db.session.scalar(count_query) or 0
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(max(page, 1), pages)
    rows = db.session.scalars(
        query.order_by(OutboxMessage.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    ).all()
    return rows, pages
