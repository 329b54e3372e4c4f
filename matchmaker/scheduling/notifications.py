"""Telling companies that their agenda is new or changed, when a version is published."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from matchmaker.enums import NotificationKind
from matchmaker.extensions import db
from matchmaker.mail import absolute_url
from matchmaker.models import Company, Event, ScheduleVersion
from matchmaker.notifications.outbox import notify_company
from matchmaker.scheduling.diff import VersionDiff


def notify_published(
    event: Event, version: ScheduleVersion, diff: VersionDiff, first_publication: bool
) -> int:
    """Mail each representative of every company whose agenda changed (every company with a
    meeting, on the first publication), through the outbox. Returns the number of companies
    notified."""
    if first_publication:
        company_ids = {
            company_id
            for meeting in version.meetings
            for company_id in (meeting.request.from_company_id, meeting.request.to_company_id)
        }
    else:
        company_ids = diff.affected_company_ids
    if not company_ids:
        return 0
    meetings_of: Counter[int] = Counter()
    for meeting in version.meetings:
        meetings_of[meeting.request.from_company_id] += 1
        meetings_of[meeting.request.to_company_id] += 1
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
