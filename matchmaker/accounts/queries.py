"""Reads about a company's own participations, shared by the pages that open "my" edition."""

from __future__ import annotations

from sqlalchemy import select

from matchmaker.enums import ParticipationStatus
from matchmaker.extensions import db
from matchmaker.models import Event, Participation


def latest_approved_participation(company_id: int | None) -> Participation | None:
    """The company's approved participation in the newest edition, if any."""
    if company_id is None:
        return None
    return db.session.scalar(
        select(Participation)
        .join(Participation.event)
        .where(
            Participation.company_id == company_id,
            Participation.status == ParticipationStatus.APPROVED,
        )
        .order_by(Event.start_date.desc())
        .limit(1)
    )


def latest_participation(company_id: int | None) -> Participation | None:
    """The company's participation (in any status) in the newest edition it applied to."""
    if company_id is None:
        return None
    return db.session.scalar(
        select(Participation)
        .join(Participation.event)
        .where(Participation.company_id == company_id)
        .order_by(Event.start_date.desc(), Participation.id.desc())
        .limit(1)
    )
