"""An agenda as an iCalendar file (RFC 5545), one VEVENT per meeting.

UIDs are derived from the event and the meeting request, never from a version, so importing the
file of a re-published schedule updates the calendar entries instead of duplicating them;
SEQUENCE is the version number, plus the number of times the fair day moved the meeting, so
clients take the newer one; a meeting cancelled on the day (or a no-show) comes as CANCELLED.
Meetings that an earlier published version gave the company and the current one does not are
included as CANCELLED. Texts are in the current locale (the reader's).
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from sqlalchemy import select

from matchmaker.agendas.queries import Agenda
from matchmaker.extensions import db
from matchmaker.models import Meeting, MeetingRequest, ScheduleVersion
from matchmaker.params import strip_control_characters
from matchmaker.reference import language_name

PRODUCT_ID = "-//Salon Matchmaker//Agenda//EN"
UID_DOMAIN = "salon-matchmaker"


def _one_line(text: str) -> str:
    """Stored text as one calendar line: line breaks and control characters become spaces."""
    return " ".join(strip_control_characters(text.replace("\r", " ").replace("\n", " ")).split())


def meeting_uid(event_id: int, request_id: int) -> str:
    return f"meeting-{event_id}-{request_id}@{UID_DOMAIN}"


def agenda_calendar(agenda: Agenda, *, now: datetime | None = None) -> bytes:
    now = now or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{agenda.event.name} – {agenda.company.name}")
    sequence = agenda.version.number if agenda.version else 0
    current = set()
    for item in agenda.items:
        meeting = item.meeting
        current.add(meeting.request_id)
        entry = CalendarEvent()
        entry.add("uid", meeting_uid(agenda.event.id, meeting.request_id))
        entry.add("dtstamp", now)
        entry.add("dtstart", item.starts_at.astimezone(UTC))
        entry.add("dtend", item.ends_at.astimezone(UTC))
        entry.add("sequence", sequence + item.revision)
        entry.add(
            "summary",
            _one_line(_("B2B meeting: %(company)s", company=item.counterpart.display_name)),
        )
        entry.add(
            "location", _one_line(meeting.video_link or f"{agenda.event.venue} – {item.where}")
        )
        lines = [
            _one_line(
                _(
                    "%(company)s meets %(other)s",
                    company=agenda.company.name,
                    other=item.counterpart.display_name,
                )
            ),
            _one_line(item.where),
        ]
        if meeting.video_link:
            lines.append(_("Video link: %(link)s", link=meeting.video_link))
            entry.add("url", meeting.video_link)
        if meeting.interpreter_language:
            lines.append(
                _("Interpreter: %(language)s", language=language_name(meeting.interpreter_language))
            )
        if item.changed_on_the_day:
            lines.append(_("Moved on the fair day: this is the new time and place."))
        entry.add("description", "\n".join(lines))
        entry.add("status", "CANCELLED" if item.fell_through else "CONFIRMED")
        calendar.add_component(entry)
    for request_id, starts_at, ends_at in _dropped_meetings(agenda, current):
        entry = CalendarEvent()
        entry.add("uid", meeting_uid(agenda.event.id, request_id))
        entry.add("dtstamp", now)
        entry.add("dtstart", starts_at.astimezone(UTC))
        entry.add("dtend", ends_at.astimezone(UTC))
        entry.add("sequence", sequence)
        entry.add("summary", _("Cancelled B2B meeting"))
        entry.add("status", "CANCELLED")
        calendar.add_component(entry)
    return calendar.to_ical()


def _dropped_meetings(agenda: Agenda, current: set[int]):
    """(request id, start, end) of the company's meetings in earlier published versions that
    the current version no longer holds — the latest placement of each."""
    if agenda.version is None:
        return []
    earlier = select(ScheduleVersion.id).where(
        ScheduleVersion.event_id == agenda.event.id,
        ScheduleVersion.published_at.is_not(None),
        ScheduleVersion.number < agenda.version.number,
    )
    company = agenda.company.id
    rows = db.session.scalars(
        select(Meeting)
        .join(Meeting.request)
        .join(Meeting.version)
        .where(
            Meeting.version_id.in_(earlier),
            (MeetingRequest.from_company_id == company) | (MeetingRequest.to_company_id == company),
        )
        .order_by(ScheduleVersion.number)
    )
    latest: dict[int, Meeting] = {}
    for meeting in rows:
        if meeting.request_id not in current:
            latest[meeting.request_id] = meeting
    return [(rid, m.slot.starts_at, m.slot.ends_at) for rid, m in sorted(latest.items())]
