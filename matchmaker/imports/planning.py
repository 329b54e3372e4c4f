"""Checking every row of a company spreadsheet and planning what an import would change.

``plan_import`` reads nothing but the table and the database (a few bulk queries, however many
rows) and writes nothing. Each row is matched to an existing company on a stable key: its
registration number if given, else its representative's e-mail address; it is then to be
created, updated (with the fields that change) or left alone. Every problem is reported with its
row and column, in the organizer's language: "row 14, country: 'Chine' is not a country; did you
mean CN?".
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from babel import Locale
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Row, func, select

from matchmaker.enums import AttendanceMode, CooperationType, SizeBand
from matchmaker.extensions import db
from matchmaker.imports.columns import BY_KEY, COLUMNS, header_index
from matchmaker.imports.reading import Table
from matchmaker.languages.formatting import slot_label
from matchmaker.models import (
    Company,
    CompanyCooperation,
    CompanyLanguage,
    Event,
    MeetingRequest,
    Participation,
    User,
    participation_days,
)
from matchmaker.reference import COUNTRIES, MEETING_LANGUAGES, is_nace_division
from matchmaker.scheduling.day_plan import day_plan

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
CHUNK = 500
LENGTHS = {
    "registration_number": 64,
    "name": 160,
    "name_zh": 160,
    "region": 120,
    "website": 255,
    "description": 5000,
    "offers": 5000,
    "seeks": 5000,
    "full_name": 120,
    "job_title": 120,
}
COMPANY_FIELDS = (
    "registration_number",
    "name",
    "name_zh",
    "country",
    "region",
    "sector",
    "size_band",
    "founded_year",
    "website",
    "description",
    "offers",
    "seeks",
)
PERSON_FIELDS = ("full_name", "job_title", "locale")
USER_COLUMNS = (User.id, User.email, User.company_id, User.full_name, User.job_title, User.locale)
PARTICIPATION_COLUMNS = (
    Participation.id,
    Participation.company_id,
    Participation.delegates,
    Participation.attendance,
)
_SPLIT = re.compile(r"[;,，；、\n]+")


@dataclass
class ParsedRow:
    number: int
    company: dict[str, object] = field(default_factory=dict)
    cooperation_types: list[CooperationType] | None = None
    languages: list[str] | None = None
    email: str = ""
    person: dict[str, object] = field(default_factory=dict)
    delegates: int = 1
    attendance: AttendanceMode = AttendanceMode.ON_SITE
    # Ids of the edition's days the company attends; None: the cell is empty or absent (every
    # day for a new participation, the days it has for an existing one).
    day_ids: list[int] | None = None
    requests_to: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Filled by matching:
    company_id: int | None = None
    user_id: int | None = None
    participation_id: int | None = None
    side_overridden: bool = False
    action: str = CREATE
    changes: list[str] = field(default_factory=list)


@dataclass
class ExistingCompany:
    """The columns of an existing company that an import compares (plain values, no ORM
    object)."""

    id: int
    side_overridden: bool
    values: dict[str, object]
    cooperation_types: list[CooperationType] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.values["name"])

    @property
    def registration_number(self) -> str | None:
        return self.values["registration_number"]


@dataclass
class ImportPlan:
    event: Event
    rows: list[ParsedRow]
    file_errors: list[str]
    # (row number, sender key, target key) of each request to create.
    requests: list[tuple[int, str, str]] = field(default_factory=list)
    # Targets of requests that are companies outside the file: key → company id.
    outside: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[str]:
        return self.file_errors + [error for row in self.rows for error in row.errors]

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if not row.errors and row.action == action)


def plan_import(event: Event, table: Table) -> ImportPlan:
    columns, file_errors = _map_headers(table.headers)
    days = [(day.id, day.date) for day in event.days]
    rows = [
        _parse_row(number, values, columns, days)
        for number, values in enumerate(table.rows, start=2)
        if any(value.strip() for value in values)
    ]
    plan = ImportPlan(event=event, rows=rows, file_errors=file_errors)
    if file_errors:
        return plan
    _check_duplicates(rows)
    _match(plan)
    return plan


# --- headers and cells -------------------------------------------------------------------------


def _map_headers(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    index = header_index()
    columns: dict[int, str] = {}
    errors: list[str] = []
    for position, header in enumerate(headers):
        if not header:
            continue
        key = index.get(header.strip().casefold())
        if key is None:
            errors.append(
                _(
                    "row 1, column %(column)s: '%(header)s' is not a column of the template.",
                    column=position + 1,
                    header=header,
                )
            )
        elif key in columns.values():
            errors.append(_("row 1: the column '%(header)s' appears twice.", header=header))
        else:
            columns[position] = key
    for column in COLUMNS:
        if column.required and column.key not in columns.values():
            errors.append(_("row 1: the column '%(header)s' is missing.", header=str(column.label)))
    return columns, errors


def _parse_row(
    number: int, values: list[str], columns: dict[int, str], days: list[tuple[int, date]]
) -> ParsedRow:
    row = ParsedRow(number=number)
    cells = {key: values[position].strip() for position, key in columns.items()}

    def refuse(key: str, message: str) -> None:
        row.errors.append(
            _(
                "row %(row)d, %(column)s: %(message)s",
                row=number,
                column=str(BY_KEY[key].label),
                message=message,
            )
        )

    for key, limit in LENGTHS.items():
        if len(cells.get(key, "")) > limit:
            refuse(key, _("longer than %(n)d characters.", n=limit))
            cells[key] = cells[key][:limit]
    for column in COLUMNS:
        if column.required and column.key in cells and not cells[column.key]:
            refuse(column.key, _("this cell must not be empty."))

    company = row.company
    for key in ("registration_number", "name", "name_zh", "region", "description"):
        if key in cells:
            company[key] = cells[key] or (
                None if key in ("registration_number", "name_zh", "region") else ""
            )
    for key in ("offers", "seeks"):
        if key in cells:
            company[key] = cells[key]
    if cells.get("country"):
        code = cells["country"].upper()
        if code in COUNTRIES:
            company["country"] = code
        else:
            refuse("country", _country_message(cells["country"]))
    if cells.get("sector"):
        sector = cells["sector"].zfill(2) if cells["sector"].isdigit() else cells["sector"]
        if is_nace_division(sector):
            company["sector"] = sector
        else:
            refuse(
                "sector",
                _(
                    "'%(value)s' is not a NACE division (two digits, e.g. 28).",
                    value=cells["sector"],
                ),
            )
    elif "sector" in cells:
        company["sector"] = None
    if "size_band" in cells:
        company["size_band"] = _enum_cell(cells["size_band"], SizeBand, "size_band", refuse)
    if cells.get("founded_year"):
        value = cells["founded_year"]
        if value.isdigit() and 1800 <= int(value) <= 2100:
            company["founded_year"] = int(value)
        else:
            refuse("founded_year", _("'%(value)s' is not a year from 1800 to 2100.", value=value))
    elif "founded_year" in cells:
        company["founded_year"] = None
    if cells.get("website"):
        website = cells["website"]
        if not re.match(r"^https?://[^\s/$.?#][^\s]*$", website, re.IGNORECASE):
            if re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", website):
                website = "https://" + website
            else:
                refuse("website", _("'%(value)s' is not a web address.", value=cells["website"]))
        company["website"] = website
    elif "website" in cells:
        company["website"] = None
    if "cooperation_types" in cells:
        row.cooperation_types = [
            member
            for item in _items(cells["cooperation_types"])
            if (member := _enum_cell(item, CooperationType, "cooperation_types", refuse))
        ]
    if "languages" in cells:
        languages = []
        for item in _items(cells["languages"]):
            if item.lower() in MEETING_LANGUAGES:
                languages.append(item.lower())
            else:
                refuse(
                    "languages",
                    _("'%(value)s' is not a language code (e.g. en, zh, fr).", value=item),
                )
        row.languages = sorted(set(languages))

    if cells.get("email"):
        try:
            row.email = validate_email(cells["email"], check_deliverability=False).normalized
            row.email = row.email.lower()
        except EmailNotValidError:
            refuse("email", _("'%(value)s' is not an e-mail address.", value=cells["email"]))
    person = row.person
    if "full_name" in cells:
        person["full_name"] = cells["full_name"]
    if "job_title" in cells:
        person["job_title"] = cells["job_title"] or None
    if cells.get("locale"):
        locales = current_app.config["LANGUAGES"]
        locale = cells["locale"].replace("-", "_")
        match = next((code for code in locales if code.lower() == locale.lower()), None)
        match = match or next(
            (c for c in locales if c.split("_")[0] == locale.split("_")[0].lower()), None
        )
        if match is None:
            refuse(
                "locale",
                _(
                    "'%(value)s' is not a language of the site (%(choices)s).",
                    value=cells["locale"],
                    choices=", ".join(locales),
                ),
            )
        else:
            person["locale"] = match
    if cells.get("delegates"):
        value = cells["delegates"]
        if value.isdigit() and 1 <= int(value) <= 20:
            row.delegates = int(value)
        else:
            refuse("delegates", _("'%(value)s' is not a number from 1 to 20.", value=value))
    if cells.get("attendance"):
        row.attendance = (
            _enum_cell(cells["attendance"], AttendanceMode, "attendance", refuse)
            or AttendanceMode.ON_SITE
        )
    if cells.get("days"):
        row.day_ids = _day_ids(cells["days"], days, lambda message: refuse("days", message))
    if cells.get("requests_to"):
        row.requests_to = [item.lower() for item in _items(cells["requests_to"])]
    return row


_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(:00)?$")


def _day_ids(text: str, days: list[tuple[int, date]], refuse) -> list[int] | None:
    """The days of a "Days attended" cell: numbers of the edition's days (1 is its first) or
    their ISO dates, separated by ; (also , or a new line). Every bad item is refused by name;
    then None (the row has an error)."""
    if not days:
        refuse(_("this edition has no days yet: leave the cell empty."))
        return None
    by_date = {day_date.isoformat(): day_id for day_id, day_date in days}
    chosen: set[int] = set()
    bad = False
    for item in _items(text):
        value = _DATE_TIME.sub(r"\1", unicodedata.normalize("NFKC", item))  # １ from Chinese IMEs
        if value.isascii() and value.isdigit() and 1 <= int(value) <= len(days):
            chosen.add(days[int(value) - 1][0])
        elif value in by_date:
            chosen.add(by_date[value])
        else:
            bad = True
            refuse(
                _(
                    "'%(value)s' is not a day of this edition: give its number (1 to %(n)d) "
                    "or its date (%(dates)s).",
                    value=item,
                    n=len(days),
                    dates=", ".join(day_date.isoformat() for _id, day_date in days),
                )
            )
    if bad or not chosen:
        return None
    return sorted(chosen)


def _items(text: str) -> list[str]:
    return [item.strip() for item in _SPLIT.split(text or "") if item.strip()]


def _enum_cell(value: str, enum_cls, key: str, refuse):
    if not value:
        return None
    wanted = value.strip().casefold().replace(" ", "_").replace("-", "_")
    member = _enum_lookup(enum_cls).get(wanted)
    if member is not None:
        return member
    refuse(
        key,
        _(
            "'%(value)s' is not one of: %(choices)s.",
            value=value,
            choices=", ".join(member.value for member in enum_cls),
        ),
    )
    return None


@functools.cache
def _enum_lookup(enum_cls) -> dict[str, object]:
    """Each member's value and English label, case-folded → member (built once per enum)."""
    lookup: dict[str, object] = {}
    for member in reversed(list(enum_cls)):  # the first member wins a clash, as before
        lookup[str(member.label).casefold()] = member
        lookup[member.value.casefold()] = member
    return lookup


def _country_names() -> dict[str, str]:
    """Country names in the fair's languages (case-folded) → code, for suggestions."""
    names: dict[str, str] = {}
    for locale in ("en", "fr", "de", "it", "es", "zh"):
        territories = Locale.parse(locale).territories
        for code in COUNTRIES:
            if code in territories:
                names[territories[code].casefold()] = code
    for code, name in COUNTRIES.items():
        names[name.casefold()] = code
    return names


def _country_message(value: str) -> str:
    names = _country_names()
    guess = names.get(value.casefold())
    if guess is None:
        close = difflib.get_close_matches(value.casefold(), list(names), n=1, cutoff=0.75)
        guess = names[close[0]] if close else None
    if guess is None and len(value) == 2:
        close = difflib.get_close_matches(value.upper(), list(COUNTRIES), n=1, cutoff=0.5)
        guess = close[0] if close else None
    if guess:
        return _("'%(value)s' is not a country; did you mean %(code)s?", value=value, code=guess)
    return _(
        "'%(value)s' is not a country of the fair (a two-letter code, e.g. DE, FR, CN).",
        value=value,
    )


# --- within the file ---------------------------------------------------------------------------


def _check_duplicates(rows: list[ParsedRow]) -> None:
    seen_email: dict[str, int] = {}
    seen_number: dict[str, int] = {}
    for row in rows:
        if row.email:
            if row.email in seen_email:
                row.errors.append(
                    _(
                        "row %(row)d, %(column)s: '%(value)s' is on row %(other)d already.",
                        row=row.number,
                        column=str(BY_KEY["email"].label),
                        value=row.email,
                        other=seen_email[row.email],
                    )
                )
            seen_email.setdefault(row.email, row.number)
        number = row.company.get("registration_number")
        if number:
            key = str(number).casefold()
            if key in seen_number:
                row.errors.append(
                    _(
                        "row %(row)d, %(column)s: '%(value)s' is on row %(other)d already.",
                        row=row.number,
                        column=str(BY_KEY["registration_number"].label),
                        value=number,
                        other=seen_number[key],
                    )
                )
            seen_number.setdefault(key, row.number)


# --- against the database ----------------------------------------------------------------------


def chunks(values: Iterable, size: int = CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _match(plan: ImportPlan) -> None:
    """Match every row against the database in a few set-based queries of plain columns (no
    ORM objects: loading 2,000 companies with their links as objects was most of the time of a
    re-import's preview)."""
    rows = plan.rows
    emails = {row.email for row in rows if row.email}
    users: dict[str, Row] = {}
    for chunk in chunks(emails):
        for user in db.session.execute(select(*USER_COLUMNS).where(User.email.in_(chunk))):
            users[user.email] = user
    numbers = {
        str(row.company["registration_number"])
        for row in rows
        if row.company.get("registration_number")
    }
    by_number: dict[str, int] = {}
    for chunk in chunks(numbers):
        for company_id, number in db.session.execute(
            select(Company.id, Company.registration_number).where(
                Company.registration_number.in_(chunk)
            )
        ):
            by_number[number] = company_id
    company_ids = {u.company_id for u in users.values() if u.company_id} | set(by_number.values())
    companies = load_companies(company_ids)
    participations: dict[int, Row] = {}
    for chunk in chunks(company_ids):
        for participation in db.session.execute(
            select(*PARTICIPATION_COLUMNS).where(
                Participation.event_id == plan.event.id, Participation.company_id.in_(chunk)
            )
        ):
            participations[participation.company_id] = participation
    attended = _attended_days(p.id for p in participations.values())
    dropping: list[tuple[ParsedRow, set[int]]] = []

    for row in rows:
        number = row.company.get("registration_number")
        user = users.get(row.email)
        company = companies.get(by_number.get(str(number))) if number else None
        if user is not None and user.company_id is None:
            row.errors.append(
                _(
                    "row %(row)d, %(column)s: '%(value)s' is an organizer's account.",
                    row=row.number,
                    column=str(BY_KEY["email"].label),
                    value=row.email,
                )
            )
            continue
        if company is None and user is not None:
            company = companies.get(user.company_id)
            if number and company is not None and company.registration_number not in (None, number):
                row.errors.append(
                    _(
                        "row %(row)d, %(column)s: '%(value)s' is a representative of %(company)s, "
                        "whose registration number is %(number)s.",
                        row=row.number,
                        column=str(BY_KEY["email"].label),
                        value=row.email,
                        company=company.name,
                        number=company.registration_number,
                    )
                )
                continue
        elif company is not None and user is not None and user.company_id != company.id:
            row.errors.append(
                _(
                    "row %(row)d, %(column)s: '%(value)s' is a representative of another company "
                    "(%(company)s).",
                    row=row.number,
                    column=str(BY_KEY["email"].label),
                    value=row.email,
                    company=companies[user.company_id].name
                    if user.company_id in companies
                    else "?",
                )
            )
            continue
        row.company_id = company.id if company else None
        row.user_id = user.id if user else None
        if company is None:
            row.action = CREATE
            continue
        row.side_overridden = company.side_overridden
        participation = participations.get(company.id)
        row.participation_id = participation.id if participation is not None else None
        row.changes = _changes(row, company, user, participation)
        if (
            participation is not None
            and row.day_ids is not None
            and row.day_ids != attended.get(participation.id, [])
        ):
            row.changes.append("days")
            dropped = set(attended.get(participation.id, [])) - set(row.day_ids)
            if dropped:
                dropping.append((row, dropped))
        row.action = UPDATE if row.changes else UNCHANGED

    _refuse_dropping_days_with_meetings(plan.event, dropping)
    _plan_requests(plan)


def _refuse_dropping_days_with_meetings(
    event: Event, dropping: list[tuple[ParsedRow, set[int]]]
) -> None:
    """A day taken away from a company must not hold one of its published meetings (as they
    stand on the day): the meetings are named, to be moved first (the rule of the
    availability page)."""
    if not dropping or event.published_version_id is None:
        return
    plan = day_plan(event)
    for row, days in dropping:
        clashes = [
            placement
            for placement in plan.of_company(row.company_id)
            if placement.slot.day_id in days and not placement.fell_through
        ]
        if not clashes:
            continue
        names = [
            _(
                "%(time)s with %(company)s",
                time=slot_label(placement.slot, event),
                company=(
                    placement.request.to_company
                    if placement.request.from_company_id == row.company_id
                    else placement.request.from_company
                ).name,
            )
            for placement in clashes
        ]
        row.errors.append(
            _(
                "row %(row)d, %(column)s: %(message)s",
                row=row.number,
                column=str(BY_KEY["days"].label),
                message=_(
                    "the company has %(count)d published meetings on the days this row takes "
                    "away (%(meetings)s); move them first.",
                    count=len(clashes),
                    meetings="; ".join(names),
                ),
            )
        )


def _attended_days(participation_ids: Iterable[int]) -> dict[int, list[int]]:
    """Participation id → the ids of the days it attends, sorted."""
    attended: dict[int, list[int]] = {}
    for chunk in chunks(participation_ids):
        for participation_id, day_id in db.session.execute(
            select(participation_days.c.participation_id, participation_days.c.event_day_id)
            .where(participation_days.c.participation_id.in_(chunk))
            .order_by(participation_days.c.event_day_id)
        ):
            attended.setdefault(participation_id, []).append(day_id)
    return attended


def load_companies(ids: Iterable[int]) -> dict[int, ExistingCompany]:
    """Existing companies by id with their cooperation types and languages: three queries per
    chunk of ids."""
    companies: dict[int, ExistingCompany] = {}
    columns = [getattr(Company, key) for key in COMPANY_FIELDS]
    for chunk in chunks(ids):
        for found in db.session.execute(
            select(Company.id, Company.side_overridden, *columns).where(Company.id.in_(chunk))
        ):
            companies[found.id] = ExistingCompany(
                id=found.id,
                side_overridden=found.side_overridden,
                values={key: getattr(found, key) for key in COMPANY_FIELDS},
            )
        for company_id, value in db.session.execute(
            select(CompanyCooperation.company_id, CompanyCooperation.cooperation_type).where(
                CompanyCooperation.company_id.in_(chunk)
            )
        ):
            companies[company_id].cooperation_types.append(value)
        for company_id, value in db.session.execute(
            select(CompanyLanguage.company_id, CompanyLanguage.language).where(
                CompanyLanguage.company_id.in_(chunk)
            )
        ):
            companies[company_id].languages.append(value)
    return companies


def _changes(
    row: ParsedRow, company: ExistingCompany, user: Row | None, participation: Row | None
) -> list[str]:
    changes = [
        key
        for key in COMPANY_FIELDS
        if key in row.company and row.company[key] != company.values[key]
    ]
    if row.cooperation_types is not None and sorted(row.cooperation_types) != sorted(
        company.cooperation_types
    ):
        changes.append("cooperation_types")
    if row.languages is not None and row.languages != sorted(company.languages):
        changes.append("languages")
    if user is None:
        changes.append("email")
    else:
        changes.extend(
            key
            for key in PERSON_FIELDS
            if key in row.person and row.person[key] != getattr(user, key)
        )
    if participation is None:
        changes.append("delegates")
    else:
        if participation.delegates != row.delegates:
            changes.append("delegates")
        if participation.attendance != row.attendance:
            changes.append("attendance")
    return changes


def companies_by_key(keys: Iterable[str]) -> dict[str, int]:
    """Company ids of stable keys (lower-case): a representative's e-mail or a registration
    number (two queries per chunk of keys)."""
    found: dict[str, int] = {}
    for chunk in chunks(keys):
        for email, company_id in db.session.execute(
            select(User.email, User.company_id).where(
                User.email.in_(chunk), User.company_id.is_not(None)
            )
        ):
            found[email] = company_id
        for number, company_id in db.session.execute(
            select(Company.registration_number, Company.id).where(
                func.lower(Company.registration_number).in_(chunk)
            )
        ):
            found[number.lower()] = company_id
    return found


def _plan_requests(plan: ImportPlan) -> None:
    """Requests named in ``requests_to``: targets are rows of the file or existing companies,
    by e-mail or registration number; a request that exists (either way) is left alone."""
    keys: dict[str, ParsedRow] = {}
    for row in plan.rows:
        if row.email:
            keys[row.email] = row
        if row.company.get("registration_number"):
            keys[str(row.company["registration_number"]).lower()] = row
    wanted = {target for row in plan.rows for target in row.requests_to} - set(keys)
    outside = plan.outside = companies_by_key(wanted)
    existing = set()
    known_ids = {row.company_id for row in plan.rows if row.company_id} | set(outside.values())
    for chunk in chunks(known_ids):
        for from_id, to_id in db.session.execute(
            select(MeetingRequest.from_company_id, MeetingRequest.to_company_id).where(
                MeetingRequest.event_id == plan.event.id,
                MeetingRequest.from_company_id.in_(chunk),
            )
        ):
            existing.add((from_id, to_id))
    for row in plan.rows:
        for target in row.requests_to:
            target_row = keys.get(target)
            target_id = target_row.company_id if target_row else outside.get(target)
            if target_row is None and target_id is None:
                row.errors.append(
                    _(
                        "row %(row)d, %(column)s: '%(value)s' is neither in this file nor a "
                        "known company.",
                        row=row.number,
                        column=str(BY_KEY["requests_to"].label),
                        value=target,
                    )
                )
                continue
            if target_row is row or (target_id is not None and target_id == row.company_id):
                row.errors.append(
                    _(
                        "row %(row)d, %(column)s: a company cannot ask itself for a meeting.",
                        row=row.number,
                        column=str(BY_KEY["requests_to"].label),
                    )
                )
                continue
            if (
                row.company_id
                and target_id
                and (
                    (row.company_id, target_id) in existing
                    or (target_id, row.company_id) in existing
                )
            ):
                continue
            plan.requests.append((row.number, row.email or "", target))
            if row.action == UNCHANGED:
                row.action = UPDATE
            if "requests_to" not in row.changes:
                row.changes.append("requests_to")
