"""Forms of the organizers' area."""

from __future__ import annotations

import zoneinfo
from functools import cache

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length

from matchmaker.enums import EventPhase, Side
from matchmaker.formfields import choices, strip_filter

AUTO_SIDE = "auto"


@cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


class EventForm(FlaskForm):
    name = StringField(
        _l("Name"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter the name of the edition.")),
            Length(max=200, message=_l("Use at most %(max)d characters.")),
        ],
    )
    year = IntegerField(_l("Year"), validators=[InputRequired(_l("Enter the year."))])
    venue = StringField(
        _l("Venue"),
        filters=[strip_filter],
        validators=[Length(max=200, message=_l("Use at most %(max)d characters."))],
    )
    timezone = StringField(
        _l("Time zone"),
        default="Asia/Shanghai",
        description=_l("IANA name, e.g. Asia/Shanghai or Europe/Berlin."),
        filters=[strip_filter],
        validators=[DataRequired(_l("Enter the time zone of the venue."))],
    )
    start_date = DateField(
        _l("First day"), validators=[InputRequired(_l("Enter the first day (YYYY-MM-DD)."))]
    )
    end_date = DateField(
        _l("Last day"), validators=[InputRequired(_l("Enter the last day (YYYY-MM-DD)."))]
    )
    request_cap = IntegerField(
        _l("Meeting requests per company"),
        default=20,
        description=_l("How many meeting requests a company may send in this edition."),
        validators=[InputRequired(_l("Enter the number of requests per company."))],
    )
    description = TextAreaField(
        _l("Description"),
        filters=[strip_filter],
        validators=[Length(max=5000, message=_l("Use at most %(max)d characters."))],
    )
    submit = SubmitField(_l("Save edition"))

    def validate_year(self, field):
        if field.data is None or not 2000 <= field.data <= 2100:
            raise ValidationError(_l("Enter a year between 2000 and 2100."))

    def validate_timezone(self, field):
        if field.data not in _timezones():
            raise ValidationError(_l("Unknown time zone. Use an IANA name such as Asia/Shanghai."))

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("The last day cannot be before the first day."))

    def validate_request_cap(self, field):
        if field.data is None or not 1 <= field.data <= 1000:
            raise ValidationError(_l("Enter a number between 1 and 1000."))


class PhaseForm(FlaskForm):
    phase = SelectField(_l("Phase"), choices=choices(EventPhase.choices()), validate_choice=False)
    submit = SubmitField(_l("Move"))

    def validate_phase(self, field):
        if field.data not in {m.value for m in EventPhase}:
            raise ValidationError(_l("Choose a phase from the list."))


class SideForm(FlaskForm):
    side = SelectField(
        _l("Side"),
        choices=choices([(AUTO_SIDE, _l("From the country")), *Side.choices()]),
        validate_choice=False,
    )
    submit = SubmitField(_l("Set side"))

    def validate_side(self, field):
        if field.data != AUTO_SIDE and field.data not in {m.value for m in Side}:
            raise ValidationError(_l("Choose EU, CN or “from the country”."))

    def chosen_side(self) -> Side | None:
        return None if self.side.data == AUTO_SIDE else Side(self.side.data)
