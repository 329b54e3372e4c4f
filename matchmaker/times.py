"""Times shown to people: in the venue's time zone (or a company's own), in the reader's
language (Babel). Every drop-down, table, message and export formats slots through here."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton, format_time
from flask_babel import get_locale

from matchmaker.models import Event, TimeSlot


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def venue_zone(event: Event) -> ZoneInfo:
    return ZoneInfo(event.timezone)


def _locale() -> str:
    return str(get_locale() or "en")


def clock_time(moment: datetime, zone: ZoneInfo) -> str:
    """ "09:30" in ``zone``."""
    return format_time(aware(moment).astimezone(zone), "HH:mm", locale=_locale())


def day_label(moment: datetime, zone: ZoneInfo) -> str:
    """ "Wed, Dec 9" / "12月9日周三" / "mer. 9 déc." in ``zone``."""
    return format_skeleton("MMMEd", aware(moment).astimezone(zone), locale=_locale())


def moment_label(moment: datetime, zone: ZoneInfo, with_day: bool = True) -> str:
    if not with_day:
        return clock_time(moment, zone)
    return f"{day_label(moment, zone)} {clock_time(moment, zone)}"


def event_time(moment: datetime, event: Event, with_day: bool = False) -> str:
    """A stored (UTC) time in the venue's zone: "09:30", or "Wed, Dec 9 09:30"."""
    return moment_label(moment, venue_zone(event), with_day)


def slot_label(slot: TimeSlot, event: Event, with_day: bool = True) -> str:
    """ "Wed, Dec 9 09:00–09:25" in the venue's zone."""
    zone = venue_zone(event)
    return f"{moment_label(slot.starts_at, zone, with_day)}–{clock_time(slot.ends_at, zone)}"


def day_of_fair(day: date) -> str:
    """An edition's day as a tab label: "Wed, Dec 9"."""
    return format_skeleton("MMMEd", day, locale=_locale())
