"""Forms of the fair-day pages (check-in desk, meeting status, rebooking, freed slots)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, ValidationError
from wtforms.validators import InputRequired, Optional

from matchmaker.enums import MeetingStatus
from matchmaker.eventday.operations import SETTABLE_STATUSES
from matchmaker.formfields import choices

BACK_TARGETS = ("floor", "meeting", "company")


class ActionForm(FlaskForm):
    """A one-button action (check in, undo, book): nothing but the CSRF token."""


class StatusForm(FlaskForm):
    status = SelectField(
        _l("Status"),
        choices=choices(
            [("", _l("Planned (clear the mark)"))]
            + [(s.value, _l(s.label)) for s in SETTABLE_STATUSES]
        ),
        validators=[Optional()],
    )
    # For a no-show: the company that did not come; empty: neither came.
    absent_company_id = IntegerField(_l("Absent company"), validators=[Optional()])
    back = HiddenField(default="meeting")
    # The floor view's rehearsal time (``?at=``), carried through the action and back.
    at = HiddenField(default="")

    def validate_back(self, field) -> None:
        if field.data not in BACK_TARGETS:
            field.data = "meeting"

    def validate_at(self, field) -> None:
        field.data = (field.data or "").strip()[:40]

    def validate_absent_company_id(self, field) -> None:
        if field.data is not None and self.status.data != MeetingStatus.NO_SHOW.value:
            raise ValidationError(_l("Only a no-show has an absent company."))

    @property
    def chosen_status(self) -> MeetingStatus | None:
        return MeetingStatus(self.status.data) if self.status.data else None


class RebookForm(FlaskForm):
    slot_id = SelectField(_l("New slot"), coerce=int, validators=[InputRequired()])
    table_id = SelectField(_l("Table"), coerce=int, default=0)
