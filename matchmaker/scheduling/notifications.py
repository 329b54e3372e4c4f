"""Telling companies that their agenda is new or changed, when a version is published."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from matchmaker.enums import NotificationKind
from matchmaker.extensions import db
from matchmaker.mail import absolute_url
from matchmaker.models import Company, Event, ScheduleVersion
from matchmaker.notifications.outbox import notify_company
from matchmaker.scheduling.diff import Placed, VersionDiff, placements


def companies_to_notify(
    version: ScheduleVersion, diff: VersionDiff | None, first_publication: bool
) -> set[int]:
    """Who hears of a publication: every company with a meeting the first time, afterwards the
    companies whose agenda changed (one home for the confirmation page and the mailing)."""
    if first_publication:
        return companies_with_meetings(version, diff.after if diff else None)
    return diff.affected_company_ids if diff else set()


def companies_with_meetings(version: ScheduleVersion, rows: list[Placed] | None = None) -> set[int]:
    """Companies with a meeting in ``version`` (from its ``placements`` when the caller has
    them: ``VersionDiff.after`` holds every meeting of the newer version)."""
    if rows is None:
        rows = placements(version)
    return {company_id for placed in rows for company_id in placed.company_ids}


def notify_published(
    event: Event, version: ScheduleVersion, diff: VersionDiff | None, first_publication: bool
) -> int:
    """Mail each representative of every company whose agenda changed (every company with a
    meeting, on the first publication), through the outbox. Returns the number of companies
    notified."""
    company_ids = companies_to_notify(version, diff, first_publication)
    if not company_ids:
        return 0
    meetings_of: Counter[int] = Counter()
    for placed in diff.after if diff else placements(version):
        meetings_of.update(placed.company_ids)
    kind = (
        NotificationKind.SCHEDULE_PUBLISHED
        if first_publication
        else NotificationKind.SCHEDULE_CHANGED
    )
    companies = db.session.scalars(
        select(Company).where(Company.id.in_(company_ids)).order_by(Company.id)
    ).all()
    for company in companies:
        notify_company(
            company,
            kind,
            event=event,
            meetings=meetings_of[company.id],
            link=absolute_url("agendas.agenda", event_id=event.id, company_id=company.id),
        )
    return len(company_ids)
