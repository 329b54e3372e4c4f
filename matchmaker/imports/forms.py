"""Forms of the import pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField, SubmitField

from matchmaker.formfields import choices


class UploadForm(FlaskForm):
    event_id = SelectField(_l("Edition the companies take part in"), coerce=int)
    file = FileField(_l("Spreadsheet (.xlsx or .csv)"), validators=[FileRequired()])
    send_invitations = BooleanField(
        _l("Send each new representative an invitation to set their password")
    )
    submit = SubmitField(_l("Check the file"))

    def set_events(self, events) -> None:
        self.event_id.choices = choices(
            (event.id, f"{event.name} ({event.year})") for event in events
        )


class ConfirmForm(FlaskForm):
    submit = SubmitField(_l("Import"))
