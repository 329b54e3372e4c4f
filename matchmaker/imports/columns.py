"""The columns of the company spreadsheet: stable keys (accepted in any file), and headers in
the organizer's language (written in the template, accepted too)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # lazy translated header
    help: object  # what goes in it (second line of the template)
    required: bool = False


COLUMNS: list[Column] = [
    Column("registration_number", _l("Registration number"), _l("Your stable key (optional)")),
    Column("name", _l("Company name"), _l("In Latin script"), required=True),
    Column("name_zh", _l("Chinese name"), _l("Optional")),
    Column("country", _l("Country"), _l("Two-letter code: DE, FR, CN…"), required=True),
    Column("region", _l("Region or province"), _l("Optional")),
    Column("sector", _l("Sector (NACE)"), _l("Two-digit NACE division, e.g. 28")),
    Column("size_band", _l("Size"), _l("micro, small, medium or large")),
    Column("founded_year", _l("Founded"), _l("Year, e.g. 1998")),
    Column("website", _l("Website"), _l("https://…")),
    Column("description", _l("Description"), _l("What the company does")),
    Column("offers", _l("Offers"), _l("What it offers")),
    Column("seeks", _l("Seeks"), _l("What it looks for")),
    Column("cooperation_types", _l("Cooperation types"), _l("Codes separated by ;")),
    Column("languages", _l("Meeting languages"), _l("Codes separated by ;, e.g. en;zh")),
    Column("email", _l("Representative e-mail"), _l("Required: the person's log-in"), True),
    Column("full_name", _l("Representative name"), _l("Required"), required=True),
    Column("job_title", _l("Job title"), _l("Optional")),
    Column("locale", _l("Language of the account"), _l("en, zh or fr")),
    Column("delegates", _l("Delegates"), _l("1 to 20 (default 1)")),
    Column("attendance", _l("Attendance"), _l("on_site or remote (default on_site)")),
    Column(
        "days",
        _l("Days attended"),
        _l("Day numbers (1;2) or dates (2026-11-26), separated by ;. Empty: every day"),
    ),
    Column("requests_to", _l("Meeting requests to"), _l("E-mails or numbers, separated by ;")),
]
BY_KEY = {column.key: column for column in COLUMNS}
HEADER_LANGUAGES = ("en", "zh", "fr")


def header_index(locales=HEADER_LANGUAGES) -> dict[str, str]:
    """Every accepted header (key or label in any language, case-folded) → column key."""
    index: dict[str, str] = {}
    for column in COLUMNS:
        index[column.key.casefold()] = column.key
        for locale in locales:
            with force_locale(locale):
                index[str(column.label).strip().casefold()] = column.key
    return index
