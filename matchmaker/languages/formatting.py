"""Dates, times, numbers and money written for the reader's locale (Babel/CLDR), the one place
that does it: Python code calls these functions, templates use the filters of the same names
(``{{ slot.starts_at|format_slot(zone) }}``); ``event_time`` and ``slot_label`` write a stored
time or a slot in the venue's zone of an edition (``{{ slot|slot_label(event) }}``).

The locale is Flask-Babel's current one (the request's, or the one ``force_locale`` sets for an
e-mail or a PDF); times are shown in the zone passed (the venue's, or a company's own).
Examples for 9 December 2026, 09:00:

===========  ======================  ========================  ===========================
helper       zh_Hans                 fr                        en
===========  ======================  ========================  ===========================
day          12月9日周三             mer. 9 déc.               Wed, Dec 9
slot         12月9日周三 09:00       mer. 9 déc. 09:00         Wed, Dec 9 09:00
date         2026年12月9日           9 déc. 2026               Dec 9, 2026
date_range   2026年12月9日 – 11日    9–11 déc. 2026            Dec 9 – 11, 2026
long_day     2026年12月9日星期三     mercredi 9 décembre 2026  Wednesday, December 9, 2026
number       1,234                   1 234                     1,234
===========  ======================  ========================  ===========================
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from babel import dates, numbers
from flask import Flask
from flask_babel import get_locale

if TYPE_CHECKING:
    from matchmaker.models import Event, TimeSlot

Zone = tzinfo | str | None


def _zone(zone: Zone) -> tzinfo | None:
    if zone is None or isinstance(zone, tzinfo):
        return zone
    return ZoneInfo(zone)


def _locale():
    return get_locale() or "en"


def aware(value: datetime) -> datetime:
    """A stored time with its zone: every stored time is UTC, and SQLite hands them back
    naive."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _in_zone(value: datetime, zone: Zone) -> datetime:
    """``value`` in ``zone``; a naive datetime is UTC (what the app stores; SQLite drops the
    zone)."""
    target = _zone(zone)
    if target is None:
        return value
    return aware(value).astimezone(target)


def format_day(value: date | datetime, zone: Zone = None) -> str:
    """Weekday, day and month, short: "12月9日周三", "mer. 9 déc."."""
    if isinstance(value, datetime):
        value = _in_zone(value, zone)
    return dates.format_skeleton("MMMEd", value, locale=_locale())


def format_long_day(value: date) -> str:
    """The full date with the weekday: "2026年12月9日星期三", "mercredi 9 décembre 2026"."""
    return dates.format_date(value, "full", locale=_locale())


def format_date(value: date | datetime | None, zone: Zone = None) -> str:
    """Day, month and year: "2026年12月9日", "9 déc. 2026"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = _in_zone(value, zone).date()
    return dates.format_skeleton("yMMMd", value, locale=_locale())


def format_short_date(value: date) -> str:
    """Day and month without the year: "12月9日", "9 déc."."""
    return dates.format_skeleton("MMMd", value, locale=_locale())


def format_date_range(start: date, end: date) -> str:
    """A span of days, written once: "2026年12月9日至11日", "9–11 déc. 2026"."""
    if start == end:
        return format_date(start)
    return dates.format_interval(start, end, "yMMMd", locale=_locale())


def format_time(value: datetime, zone: Zone = None) -> str:
    """Hours and minutes: "09:00" (24-hour clock in every locale the fair uses)."""
    return dates.format_skeleton("Hm", _in_zone(value, zone), locale=_locale())


def format_time_range(start: datetime, end: datetime, zone: Zone = None) -> str:
    return f"{format_time(start, zone)}–{format_time(end, zone)}"


def format_slot(value: datetime, zone: Zone = None) -> str:
    """A meeting's day and start time: "12月9日周三 09:00", "mer. 9 déc. 09:00"."""
    return f"{format_day(value, zone)} {format_time(value, zone)}"


def format_datetime(value: datetime | None, zone: Zone = None) -> str:
    """A moment (when something was sent or answered): "2026年12月1日 21:44"."""
    if value is None:
        return ""
    local = _in_zone(value, zone)
    return f"{format_date(local)} {format_time(local)}"


def format_weekday_time(value: datetime, zone: Zone = None) -> str:
    """Weekday and time only (a company's home time next to the venue's): "周三 02:00"."""
    local = _in_zone(value, zone)
    return f"{dates.format_skeleton('E', local, locale=_locale())} {format_time(local)}"


def venue_zone(event: Event) -> ZoneInfo:
    return ZoneInfo(event.timezone)


def event_time(value: datetime, event: Event, with_day: bool = False) -> str:
    """A stored time in the venue's zone: "09:30", or "Wed, Dec 9 09:30" with the day."""
    if with_day:
        return format_slot(value, event.timezone)
    return format_time(value, event.timezone)


def slot_label(slot: TimeSlot, event: Event, with_day: bool = True) -> str:
    """A slot in the venue's zone: "Wed, Dec 9 09:00–09:25" (every drop-down of slots)."""
    return (
        f"{event_time(slot.starts_at, event, with_day)}–{format_time(slot.ends_at, event.timezone)}"
    )


def format_number(value: int | float | Decimal) -> str:
    """Digits grouped for the locale: "1,234", "1 234"."""
    return numbers.format_decimal(value, locale=_locale())


def format_percent(value: float | Decimal, digits: int = 0) -> str:
    """A ratio (0.25) as a percentage: "25%", "25 %"."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return numbers.format_percent(value, pattern, locale=_locale())


def format_currency(amount: int | float | Decimal, currency: str) -> str:
    """Money: "€1,200.00", "1 200,00 €", "€1,200.00" in Chinese."""
    return numbers.format_currency(amount, currency, locale=_locale())


def currency_name(code: str) -> str:
    """The currency's name in the reader's language: "欧元", "euro"."""
    return numbers.get_currency_name(code, locale=_locale())


def zone_name(zone: str) -> str:
    """A time zone as readers call it, in their language: "China Time", "中国时间", "heure de la
    Chine" (never the database's "Asia/Shanghai"); the zone's id if Babel does not know it."""
    try:
        return dates.get_timezone_name(ZoneInfo(zone), locale=_locale())
    except (LookupError, ValueError):
        return zone


FILTERS = {
    function.__name__: function
    for function in (
        zone_name,
        format_day,
        format_long_day,
        format_date,
        format_short_date,
        format_date_range,
        format_time,
        format_time_range,
        format_slot,
        format_datetime,
        format_weekday_time,
        event_time,
        slot_label,
        format_number,
        format_percent,
        format_currency,
        currency_name,
    )
}


def init_app(app: Flask) -> None:
    """Register every helper as a Jinja filter and global of the same name."""
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals.update(FILTERS)
