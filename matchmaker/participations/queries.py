"""Reads about participations: who takes part in which edition. Used by the catalogue, the
meeting requests and the pages that open a company's own edition."""

from __future__ import annotations

from sqlalchemy import select

from matchmaker.enums import ParticipationStatus
from matchmaker.extensions import db
from matchmaker.models import Company, Event, Participation


def is_approved_participant(event: Event, company: Company) -> bool:
    return (
        db.session.scalar(
            select(Participation.id).where(
                Participation.event_id == event.id,
                Participation.company_id == company.id,
                Participation.status == ParticipationStatus.APPROVED,
            )
        )
        is not None
    )


def approved_participant_ids(event: Event):
    """A subquery of the ids of the companies approved for ``event``."""
    return select(Participation.company_id).where(
        Participation.event_id == event.id,
        Participation.status == ParticipationStatus.APPROVED,
    )


def is_listed(company: Company) -> bool:
    """Whether a company is visible in the catalogue of some edition (approved somewhere)."""
    return (
        db.session.scalar(
            select(Participation.id)
            .where(
                Participation.company_id == company.id,
                Participation.status == ParticipationStatus.APPROVED,
            )
            .limit(1)
        )
        is not None
    )


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
