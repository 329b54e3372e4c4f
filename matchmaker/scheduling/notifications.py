"""Telling companies that their agenda is new or changed, when a version is published."""

from __future__ import annotations

from collections import Counter

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.languages.recipients import in_language_of
from matchmaker.mail import absolute_url, send_after_commit
from matchmaker.models import Company, Event, ScheduleVersion, User
from matchmaker.scheduling.diff import VersionDiff


def notify_published(
    event: Event, version: ScheduleVersion, diff: VersionDiff, first_publication: bool
) -> int:
    """Mail each representative of every company whose agenda changed (every company with a
    meeting, on the first publication). Sent when the transaction commits. Returns the number
    of companies notified."""
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
    companies = db.session.scalars(select(Company).where(Company.id.in_(company_ids)))
    for company in companies:
        link = absolute_url("agendas.agenda", event_id=event.id, company_id=company.id)
        for user in db.session.scalars(
            select(User).where(User.company_id == company.id, User.active.is_(True))
        ):
            with in_language_of(user):
                subject, body = _agenda_mail(
                    event, company, meetings_of[company.id], link, first_publication
                )
            send_after_commit(db.session, user.email, subject, body)
    return len(company_ids)


def _agenda_mail(
    event: Event, company: Company, meetings: int, link: str, first_publication: bool
) -> tuple[str, str]:
    """Subject and body, in the current (the recipient's) language."""
    if first_publication:
        subject = _("Your meetings at %(event)s", event=event.name)
        news = _("The meeting schedule of %(event)s is published.", event=event.name)
    else:
        subject = _("Your agenda at %(event)s has changed", event=event.name)
        news = _(
            "The meeting schedule of %(event)s was updated and your agenda changed.",
            event=event.name,
        )
    count = ngettext("You have %(num)d meeting.", "You have %(num)d meetings.", meetings)
    body = "\n\n".join(
        [
            _("Dear %(company)s team,", company=company.name),
            f"{news} {count}",
            _("Your agenda, calendar file and printable PDF: %(link)s", link=link),
        ]
    )
    return subject, body + "\n"
