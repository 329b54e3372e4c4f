"""Forms of matchmaking: one-click actions (CSRF only) and the organizers' proposal."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from matchmaker.matching.operations import MAX_NOTE_LENGTH


class ActionForm(FlaskForm):
    """A button that changes something: nothing to fill in, only the CSRF token."""


class ProposalForm(FlaskForm):
    first_company = IntegerField(
        _l("Company"), validators=[DataRequired(), NumberRange(min=1, max=2**31 - 1)]
    )
    second_company = IntegerField(
        _l("Proposed partner"), validators=[DataRequired(), NumberRange(min=1, max=2**31 - 1)]
    )
    note = TextAreaField(
        _l("Note to both companies"),
        validators=[Optional(), Length(max=MAX_NOTE_LENGTH)],
        description=_l("Why you think they should meet; both companies see it."),
    )
