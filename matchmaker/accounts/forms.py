"""Forms of the accounts area. Field rules live in ``validate_<field>`` methods."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from matchmaker.accounts import operations
from matchmaker.enums import CooperationType, SizeBand
from matchmaker.formfields import (
    MultiCheckboxField,
    check_new_password,
    choices,
    grouped_choices,
    normalize_website,
    strip_filter,
)
from matchmaker.languages.selection import current_locale_code
from matchmaker.matching.operations import MAX_TOPICS_PER_ROLE
from matchmaker.matching.taxonomy import topic_choices
from matchmaker.reference import (
    CHINA_REGION_NAMES,
    MEETING_LANGUAGES,
    NACE_DIVISIONS,
    country_choices,
    interface_language_choices,
    is_accepted_country,
    language_choices,
    nace_grouped_division_choices,
    normalize_china_region,
)

NAME_MAX = 120
COMPANY_NAME_MAX = 160
REGISTRATION_NUMBER_MAX = 64  # Company.registration_number
DESCRIPTION_MAX = 2000
OFFERS_SEEKS_MAX = 1000
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

_email_validators = [
    DataRequired(_l("Enter your e-mail address.")),
    Length(max=254, message=_l("Use at most %(max)d characters.")),
    Email(_l("Enter a valid e-mail address, like name@example.com.")),
]


def _required(message):
    return [DataRequired(message)]


def _country_field(label):
    return SelectField(
        label,
        choices=choices([("", _l("Choose a country")), *country_choices()]),
        validate_choice=False,
    )


class _CountryMixin:
    def validate_country(self, field):
        if not field.data:
            raise ValidationError(_l("Choose the country of your company."))
        if not is_accepted_country(field.data):
            raise ValidationError(_l("Companies from this country cannot take part in the fair."))
        field.data = field.data.upper()


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), filters=[strip_filter], validators=_email_validators)
    password = PasswordField(_l("Password"), validators=_required(_l("Enter your password.")))
    next = HiddenField()
    submit = SubmitField(_l("Log in"))


class _NewPasswordMixin:
    # The user whose password this is, when known before the form (reset, change): the view
    # sets it, so that a password made of their own e-mail or company name is refused.
    account_user = None

    def validate_password(self, field):
        personal = [
            getattr(getattr(self, name, None), "data", None)
            for name in ("email", "company_name", "full_name")
        ]
        user = self.account_user
        if user is not None:
            personal += [user.email, user.full_name, user.company.name if user.company else None]
        check_new_password(field.data, personal)

    def validate_confirm_password(self, field):
        if field.data != self.password.data:
            raise ValidationError(_l("The two passwords differ."))


class RegistrationForm(_CountryMixin, _NewPasswordMixin, FlaskForm):
    company_name = StringField(
        _l("Company name (Latin script)"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter the name of your company.")),
            Length(max=COMPANY_NAME_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    country = _country_field(_l("Country"))
    full_name = StringField(
        _l("Your name"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter your name.")),
            Length(max=NAME_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    job_title = StringField(
        _l("Job title"),
        filters=[strip_filter],
        validators=[
            Optional(),
            Length(max=NAME_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    email = EmailField(_l("E-mail"), filters=[strip_filter], validators=_email_validators)
    password = PasswordField(_l("Password"))
    confirm_password = PasswordField(_l("Repeat the password"))
    locale = SelectField(
        _l("Language of the site"),
        choices=choices(interface_language_choices()),
        default=current_locale_code,  # the language the visitor reads the form in
    )
    submit = SubmitField(_l("Register"))
    # No check that the address is free: the answer must not tell (see register_company).


class ConfirmEmailForm(FlaskForm):
    submit = SubmitField(_l("Confirm my e-mail address"))


class ResendConfirmationForm(FlaskForm):
    token = HiddenField()
    submit = SubmitField(_l("Send me a new link"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), filters=[strip_filter], validators=_email_validators)
    submit = SubmitField(_l("Send me a link"))


class ResetPasswordForm(_NewPasswordMixin, FlaskForm):
    password = PasswordField(_l("New password"))
    confirm_password = PasswordField(_l("Repeat the new password"))
    submit = SubmitField(_l("Set password"))


class AccountForm(FlaskForm):
    full_name = StringField(
        _l("Your name"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter your name.")),
            Length(max=NAME_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    job_title = StringField(
        _l("Job title"),
        filters=[strip_filter],
        validators=[
            Optional(),
            Length(max=NAME_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    locale = SelectField(_l("Language of the site"), choices=choices(interface_language_choices()))
    submit = SubmitField(_l("Save"))


class ChangePasswordForm(_NewPasswordMixin, FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=_required(_l("Enter your current password."))
    )
    password = PasswordField(_l("New password"))
    confirm_password = PasswordField(_l("Repeat the new password"))
    submit = SubmitField(_l("Change password"))


class ColleagueForm(FlaskForm):
    full_name = StringField(
        _l("Name"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter your colleague's name.")),
            Length(max=NAME_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    job_title = StringField(
        _l("Job title"),
        filters=[strip_filter],
        validators=[
            Optional(),
            Length(max=NAME_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    email = EmailField(_l("E-mail"), filters=[strip_filter], validators=_email_validators)
    submit = SubmitField(_l("Add colleague"))

    def validate_email(self, field):
        if operations.email_taken(field.data):
            raise ValidationError(_l("An account with this e-mail address exists already."))


def _optional_text(label, max_length, description=None):
    return TextAreaField(
        label,
        description=description,
        filters=[strip_filter],
        validators=[Length(max=max_length, message=_l("Use at most %(max)d characters."))],
    )


def _at_most_topics(form, field):
    if len(field.data or []) > MAX_TOPICS_PER_ROLE:
        raise ValidationError(_l("Choose at most %(n)d topics.", n=MAX_TOPICS_PER_ROLE))


class CompanyProfileForm(_CountryMixin, FlaskForm):
    name = StringField(
        _l("Company name (Latin script)"),
        filters=[strip_filter],
        validators=[
            DataRequired(_l("Enter the name of your company.")),
            Length(max=COMPANY_NAME_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    name_zh = StringField(
        _l("Company name in Chinese characters"),
        filters=[strip_filter],
        validators=[
            Optional(),
            Length(max=COMPANY_NAME_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    registration_number = StringField(
        _l("Registration number"),
        description=_l(
            "Your business registration number (or the organizers' customer number): their "
            "spreadsheet imports recognise your company by it. Optional."
        ),
        filters=[strip_filter],
        validators=[
            Optional(),
            Length(max=REGISTRATION_NUMBER_MAX, message=_l("Use at most %(max)d characters.")),
        ],
    )
    country = _country_field(_l("Country"))
    region = StringField(
        _l("Region or province"),
        description=_l("For companies in mainland China: the province, e.g. Sichuan."),
        filters=[strip_filter],
        validators=[Optional(), Length(max=120, message=_l("Use at most %(max)d characters."))],
    )
    sector = SelectField(
        _l("Sector (NACE Rev. 2 division)"),
        choices=grouped_choices(nace_grouped_division_choices(), blank=_l("Choose a sector")),
        validate_choice=False,
    )
    size_band = SelectField(
        _l("Company size"),
        choices=choices([("", _l("Not stated")), *SizeBand.choices()]),
        validate_choice=False,
    )
    founded_year = IntegerField(
        _l("Year founded"),
        validators=[Optional()],
        render_kw={"inputmode": "numeric"},
    )
    website = StringField(
        _l("Website"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=255, message=_l("Use at most %(max)d characters."))],
    )
    description = _optional_text(_l("About the company"), DESCRIPTION_MAX)
    offers = _optional_text(_l("What we offer"), OFFERS_SEEKS_MAX)
    seeks = _optional_text(_l("What we seek"), OFFERS_SEEKS_MAX)
    cooperation_types = MultiCheckboxField(
        _l("Cooperation sought"), choices=choices(CooperationType.choices()), validate_choice=False
    )
    languages = SelectMultipleField(
        _l("Meeting languages"),
        choices=choices(language_choices()),
        validate_choice=False,
        description=_l("Languages your delegates can hold a meeting in."),
    )
    offered_topics = MultiCheckboxField(
        _l("Topics you offer"),
        choices=choices(topic_choices()),
        validators=[_at_most_topics],
        description=_l(
            "What you can bring to a partner: we suggest you to the companies that seek it."
        ),
    )
    sought_topics = MultiCheckboxField(
        _l("Topics you seek"),
        choices=choices(topic_choices()),
        validators=[_at_most_topics],
        description=_l("What you look for in a partner: we suggest the companies that offer it."),
    )
    submit = SubmitField(_l("Save profile"))

    region_suggestions = CHINA_REGION_NAMES

    def validate_registration_number(self, field):
        if field.data and not field.data.isprintable():
            raise ValidationError(_l("Use letters, digits and signs only, on one line."))

    def validate_name_zh(self, field):
        if field.data and not CJK_RE.search(field.data):
            raise ValidationError(_l("Use Chinese characters here (or leave it empty)."))

    def validate_region(self, field):
        if field.data and self.country.data == "CN":
            region = normalize_china_region(field.data)
            if region is None:
                raise ValidationError(
                    _l("Enter a province or region of mainland China, e.g. Sichuan.")
                )
            field.data = region

    def validate_sector(self, field):
        if not field.data:
            raise ValidationError(_l("Choose the sector your company works in."))
        if field.data not in NACE_DIVISIONS:
            raise ValidationError(_l("Choose a sector from the list."))

    def validate_size_band(self, field):
        if field.data and field.data not in {m.value for m in SizeBand}:
            raise ValidationError(_l("Choose a size from the list."))

    def validate_founded_year(self, field):
        if field.data is not None and not 1800 <= field.data <= date.today().year:
            raise ValidationError(
                _l("Enter a year between 1800 and %(year)d.", year=date.today().year)
            )

    def validate_website(self, field):
        field.data = normalize_website(field.data)

    def validate_cooperation_types(self, field):
        allowed = {m.value for m in CooperationType}
        if any(value not in allowed for value in field.data or []):
            raise ValidationError(_l("Choose cooperation types from the list."))

    def validate_languages(self, field):
        if any(value not in MEETING_LANGUAGES for value in field.data or []):
            raise ValidationError(_l("Choose languages from the list."))
