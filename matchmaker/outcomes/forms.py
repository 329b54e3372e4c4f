"""The outcome report form (companies, and organizers on their behalf)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DecimalField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, StopValidation

from matchmaker.enums import AgreementLevel, AgreementType, NextStep
from matchmaker.formfields import choices, strip_filter
from matchmaker.outcomes.currencies import is_currency
from matchmaker.outcomes.labels import INTEREST_LABELS
from matchmaker.outcomes.operations import OutcomeData


def finite_number(form, field) -> None:
    """Refuse NaN and infinities before any comparison (they would raise)."""
    if field.data is not None and not field.data.is_finite():
        field.errors[:] = []
        raise StopValidation(_l("Enter an amount such as 250000 or 1250.50."))


class OutcomeForm(FlaskForm):
    held = RadioField(
        _l("Did the meeting take place?"),
        choices=choices([("yes", _l("Yes")), ("no", _l("No"))]),
        validators=[InputRequired(_l("Say whether the meeting took place."))],
    )
    interest = SelectField(
        _l("Interest in working together"),
        choices=choices([("", _l("—"))] + [(str(k), v) for k, v in INTEREST_LABELS.items()]),
        validators=[Optional()],
    )
    next_step = SelectField(
        _l("Next step"), choices=choices(NextStep.choices()), default=NextStep.NONE.value
    )
    agreement = SelectField(
        _l("Cooperation agreement"),
        choices=choices(AgreementLevel.choices()),
        default=AgreementLevel.NONE.value,
    )
    agreement_type = SelectField(
        _l("Type of agreement"),
        choices=choices([("", _l("—")), *AgreementType.choices()]),
        validators=[Optional()],
    )
    value = DecimalField(
        _l("Value (optional)"),
        places=2,
        validators=[
            Optional(),
            finite_number,
            NumberRange(min=0, message=_l("The value cannot be negative.")),
        ],
    )
    currency = StringField(
        _l("Currency (ISO code, e.g. EUR, CNY)"),
        filters=[strip_filter, lambda v: v.upper() if isinstance(v, str) else v],
        validators=[
            Optional(),
            Length(3, 3, message=_l("A currency code has three letters (ISO 4217).")),
        ],
    )
    comment = TextAreaField(
        _l("Notes (optional)"), filters=[strip_filter], validators=[Length(max=2000)]
    )

    def validate_interest(self, field) -> None:
        if field.data and self.held.data == "no":
            raise ValidationError(_l("A meeting that did not take place has no interest rating."))

    def validate_agreement(self, field) -> None:
        if field.data != AgreementLevel.NONE.value and self.held.data == "no":
            raise ValidationError(_l("A meeting that did not take place has no agreement."))

    def validate_agreement_type(self, field) -> None:
        none = AgreementLevel.NONE.value
        if self.agreement.data != none and not field.data:
            raise ValidationError(_l("Say what kind of agreement it is."))
        if self.agreement.data == none and field.data:
            raise ValidationError(_l("A type needs an agreement (intention or signed)."))

    def validate_value(self, field) -> None:
        if field.data is not None and self.agreement.data == AgreementLevel.NONE.value:
            raise ValidationError(_l("A value needs an agreement (intention or signed)."))
        if field.data is not None and abs(field.data) >= 10**14:
            raise ValidationError(_l("That value is too large."))
        if field.data is not None and not self.currency.data:
            raise ValidationError(_l("Give the currency of the value."))

    def validate_currency(self, field) -> None:
        if field.data and not is_currency(field.data):
            raise ValidationError(_l("Unknown currency code (ISO 4217, e.g. EUR, CNY)."))
        if field.data and self.value.data is None:
            raise ValidationError(_l("Give the value in that currency, or no currency."))

    def data_for_service(self) -> OutcomeData:
        return OutcomeData(
            held=self.held.data == "yes",
            interest=int(self.interest.data) if self.interest.data else None,
            next_step=NextStep(self.next_step.data),
            agreement=AgreementLevel(self.agreement.data),
            agreement_type=AgreementType(self.agreement_type.data)
            if self.agreement_type.data
            else None,
            value=self.value.data,
            currency=self.currency.data or None,
            comment=self.comment.data or "",
        )

    def fill_from(self, report) -> None:
        self.held.data = "yes" if report.held else "no"
        self.interest.data = str(report.interest) if report.interest else ""
        self.next_step.data = report.next_step.value
        self.agreement.data = report.agreement.value
        self.agreement_type.data = report.agreement_type.value if report.agreement_type else ""
        self.value.data = report.value
        self.currency.data = report.currency or ""
        self.comment.data = report.comment


class ActionForm(FlaskForm):
    """A one-button action (send reminders): nothing but the CSRF token."""
