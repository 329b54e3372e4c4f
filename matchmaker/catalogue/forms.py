"""The catalogue's search-and-filter form (GET, no CSRF: it changes nothing)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Length, ValidationError

from matchmaker.catalogue.queries import CatalogueFilters
from matchmaker.enums import CooperationType, Side
from matchmaker.formfields import RememberedSelect, choices
from matchmaker.params import parse_id
from matchmaker.reference import (
    COUNTRIES,
    MEETING_LANGUAGES,
    NACE_DIVISIONS,
    NACE_SECTIONS,
    country_choices,
    language_choices,
    nace_division_label,
    nace_section_label,
)

MAX_QUERY_LENGTH = 200
MAX_PAGE = 100_000


def _sector_choices() -> list[tuple[str, str]]:
    options: list[tuple[str, str]] = []
    for letter in NACE_SECTIONS:
        options.append((letter, nace_section_label(letter)))
        options.extend(
            (d.code, f"\u00a0\u00a0\u00a0{nace_division_label(d.code)}")
            for d in NACE_DIVISIONS.values()
            if d.section == letter
        )
    return options


def _positive_int(value: str | None, message: str) -> int | None:
    if value is None or value.strip() == "":
        return None
    number = parse_id(value)
    if number is None or number > MAX_PAGE * 100:
        raise ValidationError(message)
    return number


class CatalogueFilterForm(FlaskForm):
    """Reads ``request.args``. Unknown values are refused with a message (the view answers 400)
    rather than silently ignored, so a shared link never shows a different list than meant."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Search"),
        validators=[
            Length(
                max=MAX_QUERY_LENGTH,
                message=_l("The search is too long: at most %(max)d characters."),
            )
        ],
    )
    # The options never change: their HTML is rendered once (RememberedSelect).
    side = SelectField(_l("Side"), validate_choice=False, widget=RememberedSelect())
    country = SelectField(_l("Country"), validate_choice=False, widget=RememberedSelect())
    sector = SelectField(_l("Sector (NACE)"), validate_choice=False, widget=RememberedSelect())
    cooperation = SelectField(
        _l("Cooperation type"), validate_choice=False, widget=RememberedSelect()
    )
    language = SelectField(_l("Language"), validate_choice=False, widget=RememberedSelect())
    event = StringField(_l("Event"))
    page = StringField(_l("Page"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.side.choices = choices([("", _l("Any side")), *Side.choices()])
        self.country.choices = choices([("", _l("Any country")), *country_choices()])
        self.sector.choices = choices([("", _l("Any sector")), *_sector_choices()])
        self.cooperation.choices = choices(
            [("", _l("Any cooperation type")), *CooperationType.choices()]
        )
        self.language.choices = choices([("", _l("Any language")), *language_choices()])
        self.event_id: int | None = None
        self.page_number: int = 1

    def validate_side(self, field) -> None:
        if field.data and field.data not in {side.value for side in Side}:
            raise ValidationError(_l("Unknown side: choose European or Chinese."))

    def validate_country(self, field) -> None:
        if field.data and field.data.upper() not in COUNTRIES:
            raise ValidationError(_l("Unknown country code “%(code)s”.", code=field.data[:10]))

    def validate_sector(self, field) -> None:
        if (
            field.data
            and field.data.upper() not in NACE_SECTIONS
            and (field.data not in NACE_DIVISIONS)
        ):
            raise ValidationError(
                _l(
                    "Unknown sector “%(code)s”: use a NACE Rev. 2 section letter (A–U) or a "
                    "two-digit division.",
                    code=field.data[:10],
                )
            )

    def validate_cooperation(self, field) -> None:
        if field.data and field.data not in {c.value for c in CooperationType}:
            raise ValidationError(_l("Unknown cooperation type."))

    def validate_language(self, field) -> None:
        if field.data and field.data not in MEETING_LANGUAGES:
            raise ValidationError(_l("Unknown language code “%(code)s”.", code=field.data[:10]))

    def validate_event(self, field) -> None:
        self.event_id = _positive_int(field.data, _l("The event must be given by its number."))

    def validate_page(self, field) -> None:
        number = _positive_int(field.data, _l("The page must be a whole number from 1."))
        self.page_number = min(number or 1, MAX_PAGE)

    def filters(self) -> CatalogueFilters:
        """The validated filters (call after ``validate()`` succeeded)."""
        sector = (self.sector.data or "").strip()
        return CatalogueFilters(
            query=(self.q.data or "").strip(),
            side=Side(self.side.data) if self.side.data else None,
            country=self.country.data.upper() if self.country.data else None,
            sector=sector.upper() if sector.isalpha() else (sector or None),
            cooperation=CooperationType(self.cooperation.data) if self.cooperation.data else None,
            language=self.language.data or None,
        )
