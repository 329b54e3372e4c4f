"""Forms of the API-token page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from matchmaker.formfields import strip_filter


class NewTokenForm(FlaskForm):
    name = StringField(
        _l("Name (what the token is for)"),
        validators=[DataRequired(), Length(max=80)],
        filters=[strip_filter],
    )
    submit = SubmitField(_l("Make a token"))


class RevokeTokenForm(FlaskForm):
    submit = SubmitField(_l("Revoke"))
