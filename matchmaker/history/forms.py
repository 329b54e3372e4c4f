"""Forms of the past-editions page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from matchmaker.formfields import strip_filter
from matchmaker.history.operations import MAX_FIGURE, PastEditionData


def _figure(label):
    return IntegerField(label, default=0, validators=[Optional(), NumberRange(0, MAX_FIGURE)])


class PastEditionForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[DataRequired(), NumberRange(1990, 2100)])
    name = StringField(
        _l("Name"), validators=[DataRequired(), Length(max=200)], filters=[strip_filter]
    )
    city = StringField(_l("City"), validators=[Length(max=120)], filters=[strip_filter])
    companies_eu = _figure(_l("European companies"))
    companies_cn = _figure(_l("Chinese companies"))
    meetings = _figure(_l("Meetings held"))
    agreements = _figure(_l("Cooperation agreements"))
    source = StringField(
        _l("Source of the figures"), validators=[Length(max=300)], filters=[strip_filter]
    )
    submit = SubmitField(_l("Save"))

    def data_object(self) -> PastEditionData:
        return PastEditionData(
            year=self.year.data,
            name=self.name.data or "",
            city=self.city.data or "",
            companies_eu=self.companies_eu.data or 0,
            companies_cn=self.companies_cn.data or 0,
            meetings=self.meetings.data or 0,
            agreements=self.agreements.data or 0,
            source=self.source.data or "",
        )


class PastImportForm(FlaskForm):
    file = FileField(_l("Spreadsheet (.xlsx or .csv)"), validators=[FileRequired()])
    submit = SubmitField(_l("Import"))


class DeleteForm(FlaskForm):
    submit = SubmitField(_l("Delete"))
