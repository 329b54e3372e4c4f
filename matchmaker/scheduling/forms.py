"""Forms of the scheduling pages (organizers) and of the availability grid (companies)."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TimeField, ValidationError
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from matchmaker.formfields import MultiCheckboxField, choices, strip_filter
from matchmaker.params import MAX_ID
from matchmaker.scheduling.editor import STATUSES, VIEWS, EditorFilters
from matchmaker.scheduling.operations import SetupSettings
from matchmaker.scheduling.runs import MAX_TIME_LIMIT_S, MIN_TIME_LIMIT_S

LANGUAGE_COUNT = re.compile(r"^\s*([a-z]{2,3})\s*[=:]\s*(\d{1,3})\s*$")


class SetupForm(FlaskForm):
    day_start = TimeField(_l("Meetings start at"), validators=[InputRequired()])
    day_end = TimeField(_l("Meetings end at"), validators=[InputRequired()])
    lunch_start = TimeField(_l("Lunch break from"), validators=[Optional()])
    lunch_end = TimeField(_l("Lunch break until"), validators=[Optional()])
    slot_minutes = IntegerField(
        _l("Meeting length (minutes)"),
        validators=[InputRequired(), NumberRange(5, 240, _l("Between 5 and 240 minutes."))],
    )
    gap_minutes = IntegerField(
        _l("Changeover between meetings (minutes)"),
        validators=[InputRequired(), NumberRange(0, 60, _l("Between 0 and 60 minutes."))],
    )
    table_count = IntegerField(
        _l("Tables"),
        validators=[InputRequired(), NumberRange(1, 2000, _l("Between 1 and 2,000 tables."))],
    )
    include_pending_requests = BooleanField(_l("Also schedule requests still pending"))
    online_meetings = BooleanField(_l("Remote companies meet online (video link)"))

    def settings(self) -> SetupSettings:
        return SetupSettings(
            **{name: self[name].data for name in SetupSettings.__dataclass_fields__}
        )

    def validate_day_end(self, field) -> None:
        if self.day_start.data and field.data and field.data <= self.day_start.data:
            raise ValidationError(_l("The day must end after it starts."))

    def validate_lunch_end(self, field) -> None:
        if (self.lunch_start.data is None) != (field.data is None):
            raise ValidationError(_l("Give both the start and the end of the break, or neither."))
        if field.data and self.lunch_start.data and field.data <= self.lunch_start.data:
            raise ValidationError(_l("The break must end after it starts."))


class LanguageCountsField(StringField):
    """``"zh=6, de=2"`` in the form, ``{"zh": 6, "de": 2}`` as data."""

    def _value(self) -> str:
        return ", ".join(f"{code}={count}" for code, count in sorted((self.data or {}).items()))

    def process_formdata(self, valuelist) -> None:
        self.data = {}
        text = valuelist[0] if valuelist else ""
        for part in filter(None, (p.strip() for p in text.split(","))):
            match = LANGUAGE_COUNT.match(part)
            if not match:
                raise ValueError(_l("“%(part)s” is not like “zh=6”.", part=part[:30]))
            self.data[match.group(1)] = int(match.group(2))


class InterpretersForm(FlaskForm):
    pools = LanguageCountsField(
        _l("Interpreters per slot"),
        description=_l("Language code and number, comma-separated, e.g. “zh=6, de=2”."),
    )


class RunForm(FlaskForm):
    time_limit_s = IntegerField(
        _l("Time limit (seconds)"),
        validators=[
            InputRequired(),
            NumberRange(MIN_TIME_LIMIT_S, MAX_TIME_LIMIT_S, _l("Between %(min)s and %(max)s.")),
        ],
    )


class MoveForm(FlaskForm):
    """Where to put a meeting; without a table the first free one is taken."""

    slot_id = SelectField(_l("Slot"), coerce=int, validators=[InputRequired()])
    table_id = SelectField(_l("Table"), coerce=int, validators=[Optional()])


class PublishForm(FlaskForm):
    """The published version the organizer reviewed the draft against (0: none yet)."""

    replaces = IntegerField(validators=[Optional(), NumberRange(0, MAX_ID)])


class AddMeetingForm(MoveForm):
    request_id = SelectField(_l("Request"), coerce=int, validators=[InputRequired()])


class TableForm(FlaskForm):
    name = StringField(
        _l("Name"), filters=[strip_filter], validators=[Length(max=60, message=_l("At most 60."))]
    )
    zone = StringField(
        _l("Zone"), filters=[strip_filter], validators=[Length(max=60, message=_l("At most 60."))]
    )


class SlotTablesForm(FlaskForm):
    """How many tables are in use in one slot; empty means all of them."""

    table_count = IntegerField(
        _l("Tables in use"),
        validators=[Optional(), NumberRange(0, 2000, _l("Between 0 and 2,000."))],
    )


class AvailabilityForm(FlaskForm):
    unavailable = MultiCheckboxField(_l("Slots in which you cannot meet"), coerce=int)


class EditorFilterForm(FlaskForm):
    """The editor's filters (a GET form: no CSRF token). Bad values fall back to defaults."""

    class Meta:
        csrf = False

    view = SelectField(
        _l("Rows"),
        choices=choices([("tables", _l("Tables")), ("companies", _l("Companies"))]),
        default="tables",
        validate_choice=False,
    )
    day = IntegerField(_l("Day"), validators=[Optional(), NumberRange(1, 2**31 - 1)])
    slot = IntegerField(_l("Slot"), validators=[Optional(), NumberRange(1, 2**31 - 1)])
    q = StringField(_l("Company"), filters=[strip_filter], validators=[Length(max=100)])
    status = SelectField(
        _l("Meetings"),
        choices=choices(
            [
                ("all", _l("All")),
                ("pinned", _l("Pinned")),
                ("changed", _l("Changed since publication")),
                ("online", _l("Online")),
            ]
        ),
        default="all",
        validate_choice=False,
    )
    page = IntegerField(_l("Page"), validators=[Optional(), NumberRange(1, 100000)])

    def filters(self):
        self.validate()
        valid = not self.errors
        return EditorFilters(
            view=self.view.data if self.view.data in VIEWS else "tables",
            day_id=self.day.data if valid else None,
            slot_id=self.slot.data if valid else None,
            company=(self.q.data or "")[:100],
            status=self.status.data if self.status.data in STATUSES else "all",
            page=(self.page.data or 1) if valid else 1,
        )


class EditForm(FlaskForm):
    """A posted editor action: where to go back to (the editor with its filters)."""

    back = StringField(validators=[Optional(), Length(max=500)])
