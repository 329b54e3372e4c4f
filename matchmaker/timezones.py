"""The usual time zone of each country the fair accepts, to show agendas in a company's own time.

Countries with several zones get the capital's; a user in another zone still sees the venue's
time first.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

COUNTRY_TIMEZONES: dict[str, str] = {
    "AD": "Europe/Andorra", "AL": "Europe/Tirane", "AT": "Europe/Vienna",
    "BA": "Europe/Sarajevo", "BE": "Europe/Brussels", "BG": "Europe/Sofia",
    "CH": "Europe/Zurich", "CN": "Asia/Shanghai", "CY": "Asia/Nicosia", "CZ": "Europe/Prague",
    "DE": "Europe/Berlin", "DK": "Europe/Copenhagen", "EE": "Europe/Tallinn",
    "ES": "Europe/Madrid", "FI": "Europe/Helsinki", "FR": "Europe/Paris",
    "GB": "Europe/London", "GR": "Europe/Athens", "HK": "Asia/Hong_Kong",
    "HR": "Europe/Zagreb", "HU": "Europe/Budapest", "IE": "Europe/Dublin",
    "IS": "Atlantic/Reykjavik", "IT": "Europe/Rome", "LI": "Europe/Vaduz",
    "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "LV": "Europe/Riga",
    "MC": "Europe/Monaco", "MD": "Europe/Chisinau", "ME": "Europe/Podgorica",
    "MK": "Europe/Skopje", "MO": "Asia/Macau", "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam", "NO": "Europe/Oslo", "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon", "RO": "Europe/Bucharest", "RS": "Europe/Belgrade",
    "SE": "Europe/Stockholm", "SI": "Europe/Ljubljana", "SK": "Europe/Bratislava",
    "SM": "Europe/San_Marino", "UA": "Europe/Kyiv",
}  # fmt: skip


def timezone_for_country(code: str | None) -> str | None:
    return COUNTRY_TIMEZONES.get((code or "").upper())


def own_zone(
    country: str | None, venue_timezone: str, moments: Iterable[datetime] = ()
) -> ZoneInfo | None:
    """A company's own time zone when it differs from the venue's (Brussels vs Beijing): by
    name, and by the clock at one of ``moments`` at least (when any are given). The one rule
    for the agenda, the PDF and the schedule editor."""
    name = timezone_for_country(country)
    if name is None or name == venue_timezone:
        return None
    zone, venue = ZoneInfo(name), ZoneInfo(venue_timezone)
    moments = [m if m.tzinfo else m.replace(tzinfo=UTC) for m in moments]
    if moments and all(
        m.astimezone(zone).utcoffset() == m.astimezone(venue).utcoffset() for m in moments
    ):
        return None
    return zone
