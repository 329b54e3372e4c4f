"""Organizers enter, correct, delete and import past editions. Flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound

from matchmaker.access import require_organizer
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.imports.reading import Table, read_table
from matchmaker.models import Event, PastEdition, User

FIGURES = ("companies_eu", "companies_cn", "meetings", "agreements")
MAX_FIGURE = 1_000_000
# Import columns: key → accepted headers (case-folded) besides the key.
IMPORT_HEADERS = {
    "year": {"year", "année", "年份", "年"},
    "name": {"name", "edition", "nom", "名称"},
    "city": {"city", "ville", "城市"},
    "companies_eu": {"european companies", "entreprises européennes", "欧洲企业"},
    "companies_cn": {"chinese companies", "entreprises chinoises", "中国企业"},
    "meetings": {"meetings", "rencontres", "洽谈"},
    "agreements": {"agreements", "accords", "协议"},
    "source": {"source", "来源"},
}


LABELS = {
    "year": _l("Year"),
    "name": _l("Name"),
    "city": _l("City"),
    "companies_eu": _l("European companies"),
    "companies_cn": _l("Chinese companies"),
    "meetings": _l("Meetings"),
    "agreements": _l("Agreements"),
    "source": _l("Source"),
}


@dataclass(frozen=True)
class PastEditionData:
    year: int
    name: str
    city: str = ""
    companies_eu: int = 0
    companies_cn: int = 0
    meetings: int = 0
    agreements: int = 0
    source: str = ""


def past_editions(actor: User | None = None) -> Sequence[PastEdition]:
    return db.session.scalars(select(PastEdition).order_by(PastEdition.year)).all()


def _check(data: PastEditionData, editing: PastEdition | None = None) -> None:
    if not 1990 <= data.year <= 2100:
        raise RuleViolation(_("The year must be from 1990 to 2100."), "year", status_code=400)
    if not data.name.strip():
        raise RuleViolation(_("Give the edition a name."), "name", status_code=400)
    for key in FIGURES:
        if not 0 <= getattr(data, key) <= MAX_FIGURE:
            raise RuleViolation(
                _("A figure is a whole number from 0 to %(n)s.", n=f"{MAX_FIGURE:,}"),
                key,
                status_code=400,
            )
    taken = db.session.scalar(select(PastEdition.id).where(PastEdition.year == data.year))
    if taken is not None and (editing is None or taken != editing.id):
        raise RuleViolation(
            _("The edition of %(year)d is entered already.", year=data.year), "year"
        )
    detailed = db.session.scalar(select(Event.id).where(Event.year == data.year).limit(1))
    if detailed is not None:
        raise RuleViolation(
            _(
                "An edition of %(year)d is run in this system: its figures are computed, not "
                "entered.",
                year=data.year,
            ),
            "year",
        )


def save_past_edition(
    actor: User, data: PastEditionData, past_id: int | None = None
) -> PastEdition:
    require_organizer(actor)
    row = None
    if past_id is not None:
        row = db.session.get(PastEdition, past_id)
        if row is None:
            raise NotFound()
    _check(data, row)
    if row is None:
        row = PastEdition()
        db.session.add(row)
    for key, value in data.__dict__.items():
        setattr(row, key, value.strip() if isinstance(value, str) else value)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as error:  # another organizer entered the same year a moment ago
        raise RuleViolation(
            _("The edition of %(year)d is entered already.", year=data.year), "year"
        ) from error
    return row


def delete_past_edition(actor: User, past_id: int) -> None:
    require_organizer(actor)
    row = db.session.get(PastEdition, past_id)
    if row is None:
        raise NotFound()
    db.session.delete(row)
    db.session.flush()


def import_past_editions(actor: User, filename: str, content: bytes) -> int:
    """Every row of the file, or none: each error names its row and column. A year entered
    already is updated with the file's figures. Returns the number of rows."""
    require_organizer(actor)
    table = read_table(filename, content)
    rows, errors = _parse(table)
    if errors:
        raise RuleViolation(" ".join(errors[:20]), "file", status_code=400)
    existing = {row.year: row for row in past_editions()}
    for data in rows:
        save_past_edition(actor, data, existing[data.year].id if data.year in existing else None)
    return len(rows)


def _parse(table: Table) -> tuple[list[PastEditionData], list[str]]:
    index = {}
    for key, names in IMPORT_HEADERS.items():
        for name in {key, str(LABELS[key]), *names}:
            index[name.casefold()] = key
    columns: dict[int, str] = {}
    errors: list[str] = []
    for position, header in enumerate(table.headers):
        key = index.get(header.strip().casefold())
        if key is None and header:
            errors.append(_("row 1: '%(header)s' is not a column.", header=header))
        elif key:
            columns[position] = key
    for key in ("year", "name"):
        if key not in columns.values():
            errors.append(_("row 1: the column '%(header)s' is missing.", header=LABELS[key]))
    if errors:
        return [], errors
    rows: list[PastEditionData] = []
    years: set[int] = set()
    for number, values in enumerate(table.rows, start=2):
        if not any(values):
            continue
        cells = {key: values[position].strip() for position, key in columns.items()}
        numbers: dict[str, int] = {}
        for key in ("year", *FIGURES):
            text = cells.get(key, "").replace(",", "").replace(" ", "") or "0"
            if not text.isdigit():
                errors.append(
                    _(
                        "row %(row)d, %(column)s: '%(value)s' is not a whole number.",
                        row=number,
                        column=LABELS[key],
                        value=cells.get(key, ""),
                    )
                )
                continue
            numbers[key] = int(text)
        if "year" in numbers and numbers["year"] in years:
            errors.append(
                _(
                    "row %(row)d, %(column)s: %(year)d appears twice.",
                    row=number,
                    column=LABELS["year"],
                    year=numbers["year"],
                )
            )
        if len(numbers) == 1 + len(FIGURES):
            years.add(numbers["year"])
            data = PastEditionData(
                name=cells.get("name", ""),
                city=cells.get("city", ""),
                source=cells.get("source", "")[:300],
                **numbers,
            )
            try:
                _check(data, next((p for p in past_editions() if p.year == data.year), None))
            except RuleViolation as error:
                errors.append(
                    _(
                        "row %(row)d, %(column)s: %(message)s",
                        row=number,
                        column=LABELS.get(error.field or "", ""),
                        message=error.message,
                    )
                )
                continue
            rows.append(data)
    return rows, errors
