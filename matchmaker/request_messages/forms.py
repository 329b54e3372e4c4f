"""The form of a request's thread."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from matchmaker.formfields import strip_filter
from matchmaker.request_messages.operations import MAX_MESSAGE_LENGTH


class MessageForm(FlaskForm):
    body = TextAreaField(
        _l("Your message"),
        validators=[DataRequired(), Length(max=MAX_MESSAGE_LENGTH)],
        filters=[strip_filter],
    )
    submit = SubmitField(_l("Send"))
