"""The language switcher's form (a row of buttons, one per language, posted with CSRF)."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField

from matchmaker.formfields import choices
from matchmaker.languages.names import language_choices


class LanguageForm(FlaskForm):
    locale = SelectField(_l("Language"), validate_choice=True)
    next = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale.choices = choices(language_choices(current_app.config["LANGUAGES"]))
