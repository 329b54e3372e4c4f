"""A representative's calendar subscription (``/calendar/<secret>.ics``): their company's meetings
as they stand now, in every edition with a published schedule, day-of changes included.

Built from the day plan (``scheduling.day_plan.day_plan``), so a meeting moved on the fair day shows
its new time and table, a meeting booked into a freed slot appears, and a cancelled or no-show
meeting is marked CANCELLED. UIDs are those of the downloadable ``.ics`` (one per meeting
request), so a person who imported the file and then subscribes sees no duplicates. SEQUENCE
grows with each change of the meeting (publication or day-of change). Texts are in the
subscriber's language.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from sqlalchemy import select

from matchmaker.agendas.calendar import PRODUCT_ID, meeting_uid
from matchmaker.enums import ParticipationStatus
from matchmaker.extensions import db
from matchmaker.models import Event, Participation, ScheduleVersion, User
from matchmaker.scheduling.day_plan import Placement, day_plan

REFRESH = timedelta(hours=1)  # how often calendar apps are asked to fetch the feed again


def subscription_calendar(user: User, *, now: datetime | None = None) -> bytes:
    """The feed of ``user``'s company (an empty calendar before anything is published)."""
    now = now or datetime.now(UTC)
    company = user.company
    with force_locale(user.locale):
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("%(company)s – B2B meetings", company=company.name))
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", REFRESH)
        for event in _published_editions_of(company.id):
            version = db.session.get(ScheduleVersion, event.published_version_id)
            for placement in day_plan(event).of_company(company.id):
                calendar.add_component(_entry(event, version, placement, company.id, now))
        return calendar.to_ical()


def _published_editions_of(company_id: int) -> list[Event]:
    return list(
        db.session.scalars(
            select(Event)
            .join(Participation, Participation.event_id == Event.id)
            .where(
                Participation.company_id == company_id,
                Participation.status == ParticipationStatus.APPROVED,
                Event.published_version_id.is_not(None),
            )
            .order_by(Event.start_date, Event.id)
        )
    )


def _entry(
    event: Event,
    version: ScheduleVersion,
    placement: Placement,
    company_id: int,
    now: datetime,
) -> CalendarEvent:
    request = placement.request
    other = request.to_company if request.from_company_id == company_id else request.from_company
    if placement.table is not None:
        where = placement.table.name or _("Table %(number)s", number=placement.table.number)
    else:
        where = _("Online (video)")
    changed = [version.published_at or version.created_at]
    if placement.day_status is not None:
        changed.append(placement.day_status.updated_at)
    modified = max(_aware(moment) for moment in changed)
    entry = CalendarEvent()
    entry.add("uid", meeting_uid(event.id, request.id))
    entry.add("dtstamp", now)
    entry.add("last-modified", modified)
    entry.add("sequence", int(modified.timestamp()) // 60)  # minutes: grows with each change
    entry.add("dtstart", placement.slot.starts_at.astimezone(UTC))
    entry.add("dtend", placement.slot.ends_at.astimezone(UTC))
    if placement.fell_through:
        entry.add("summary", _("Cancelled: B2B meeting with %(company)s", company=other.name))
        entry.add("status", "CANCELLED")
    else:
        entry.add("summary", _("B2B meeting: %(company)s", company=other.display_name))
        entry.add("status", "CONFIRMED")
    video = placement.video_link
    entry.add("location", video or f"{event.venue} – {where}")
    lines = [event.name, where]
    if video:
        lines.append(_("Video: %(link)s", link=video))
        entry.add("url", video)
    if placement.interpreter_language:
        lines.append(_("Interpreter: %(language)s", language=placement.interpreter_language))
    entry.add("description", "\n".join(lines))
    return entry


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
