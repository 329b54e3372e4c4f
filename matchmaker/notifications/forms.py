"""Forms of the notification pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField

from matchmaker.enums import NotificationKind
from matchmaker.formfields import MultiCheckboxField, choices


class PreferencesForm(FlaskForm):
    kinds = MultiCheckboxField(
        _l("Send me an e-mail when"),
        choices=choices((kind.value, _l(kind.label)) for kind in NotificationKind.optional()),
    )
    submit = SubmitField(_l("Save"))

    def chosen(self) -> list[NotificationKind]:
        return [NotificationKind(value) for value in self.kinds.data or []]


class RetryForm(FlaskForm):
    """A bare form: the CSRF token of the retry buttons."""

    submit = SubmitField(_l("Send again"))
