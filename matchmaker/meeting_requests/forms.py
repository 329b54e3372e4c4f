"""The meeting-request form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import Length, ValidationError

from matchmaker.enums import RequestPriority
from matchmaker.formfields import choices
from matchmaker.meeting_requests.operations import MAX_MESSAGE_LENGTH
from matchmaker.meeting_requests.queries import approved_companies
from matchmaker.models import Event


class MeetingRequestForm(FlaskForm):
    """Priority and a short message; organizers also choose the company they send for."""

    from_company = SelectField(
        _l("On behalf of"),
        validate_choice=False,
        description=_l("Organizers send requests for a company, for support."),
    )
    priority = SelectField(
        _l("Priority"),
        choices=choices(RequestPriority.choices()),
        default=RequestPriority.NORMAL.value,
        validate_choice=False,
    )
    message = TextAreaField(
        _l("Message"),
        validators=[
            Length(
                max=MAX_MESSAGE_LENGTH,
                message=_l("The message is too long: at most %(max)d characters."),
            )
        ],
        description=_l(
            "Why you would like to meet (at most %(n)d characters).", n=MAX_MESSAGE_LENGTH
        ),
    )

    def __init__(self, *args, for_organizer: bool = False, event: Event | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_organizer and event is not None:
            self.from_company.choices = choices(
                (str(company.id), company.name) for company in approved_companies(event)
            )
        else:
            del self.from_company

    def validate_priority(self, field) -> None:
        if field.data not in {p.value for p in RequestPriority}:
            raise ValidationError(_l("Choose a priority from the list."))

    def validate_from_company(self, field) -> None:
        allowed = {str(choice.value) for choice in field.choices}
        if not field.data or field.data not in allowed:
            raise ValidationError(_l("Choose the participating company the request is sent for."))

    @property
    def priority_value(self) -> RequestPriority:
        return RequestPriority(self.priority.data)

    @property
    def from_company_id(self) -> int | None:
        field = getattr(self, "from_company", None)
        return int(field.data) if field is not None and field.data else None
