"""The application form of a company for an edition."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SubmitField, ValidationError
from wtforms.validators import InputRequired

from matchmaker.enums import AttendanceMode
from matchmaker.formfields import MultiCheckboxField, choices
from matchmaker.languages.formatting import format_long_day


class ParticipationForm(FlaskForm):
    delegates = IntegerField(
        _l("Delegates"),
        description=_l("How many people can hold meetings at the same time (1–20)."),
        default=1,
        validators=[InputRequired(_l("Enter the number of delegates."))],
    )
    attendance = RadioField(
        _l("Attendance"),
        choices=choices(AttendanceMode.choices()),
        default=AttendanceMode.ON_SITE.value,
        validate_choice=False,
    )
    days = MultiCheckboxField(_l("Days attending"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Apply"))

    def set_days(self, event_days) -> None:
        options = [(day.date.isoformat(), format_long_day(day.date)) for day in event_days]
        self._day_values = {value for value, _label in options}
        self.days.choices = choices(options)

    def validate_delegates(self, field):
        if field.data is None or not 1 <= field.data <= 20:
            raise ValidationError(_l("Enter a number of delegates between 1 and 20."))

    def validate_attendance(self, field):
        if field.data not in {m.value for m in AttendanceMode}:
            raise ValidationError(_l("Choose on site or online."))

    def validate_days(self, field):
        allowed: set[str] = getattr(self, "_day_values", set())
        if not field.data:
            raise ValidationError(_l("Choose at least one day."))
        if any(value not in allowed for value in field.data):
            raise ValidationError(_l("Choose days of this edition only."))

    def chosen_dates(self) -> list[date]:
        return [date.fromisoformat(value) for value in self.days.data]
