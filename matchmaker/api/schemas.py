"""Request and response schemas of the API (marshmallow). Enum values travel as their stable
codes; every list is a page: ``items``, ``page``, ``per_page``, ``total``, ``pages``."""

from __future__ import annotations

from datetime import UTC, datetime

from marshmallow import Schema, fields, validate

from matchmaker.enums import (
    AgreementLevel,
    AgreementType,
    AttendanceMode,
    CooperationType,
    EventPhase,
    NextStep,
    ParticipationStatus,
    RequestPriority,
    RequestStatus,
    RunKind,
    RunStatus,
    Side,
    SizeBand,
)
from matchmaker.meeting_requests.operations import MAX_MESSAGE_LENGTH

MAX_PER_PAGE = 100


class UtcDateTime(fields.DateTime):
    """An ISO 8601 instant with its offset; naive values (SQLite hands them back) are UTC."""

    def _serialize(self, value, attr, obj, **kwargs):
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


def _enum(enum_cls, **kwargs) -> fields.Enum:
    return fields.Enum(enum_cls, by_value=True, **kwargs)


class StrictSchema(Schema):
    class Meta:
        ordered = True


class PageQuery(StrictSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE))


class CompanyQuery(PageQuery):
    q = fields.String(load_default="", validate=validate.Length(max=200))
    side = _enum(Side, load_default=None)
    country = fields.String(
        load_default=None, validate=validate.Regexp(r"^[A-Z]{2}$", error="An ISO country code.")
    )


class PageSchema(StrictSchema):
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True)
    pages = fields.Integer(required=True)


class EditionSchema(StrictSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    year = fields.Integer(required=True)
    venue = fields.String(required=True)
    timezone = fields.String(required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    phase = _enum(EventPhase, required=True)


class EditionPageSchema(PageSchema):
    items = fields.List(fields.Nested(EditionSchema), required=True)


class CompanySchema(StrictSchema):
    """The fields the catalogue shows everyone logged in."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    name_zh = fields.String(allow_none=True, required=True)
    country = fields.String(required=True)
    region = fields.String(allow_none=True, required=True)
    side = _enum(Side, required=True)
    sector = fields.String(allow_none=True, required=True)
    size_band = _enum(SizeBand, allow_none=True, required=True)
    founded_year = fields.Integer(allow_none=True, required=True)
    website = fields.String(allow_none=True, required=True)
    description = fields.String(required=True)
    offers = fields.String(required=True)
    seeks = fields.String(required=True)
    cooperation_types = fields.List(_enum(CooperationType), required=True)
    languages = fields.List(fields.String(), required=True)


class CompanyPageSchema(PageSchema):
    items = fields.List(fields.Nested(CompanySchema), required=True)


class UserSchema(StrictSchema):
    id = fields.Integer(required=True)
    email = fields.String(required=True)
    full_name = fields.String(required=True)
    job_title = fields.String(allow_none=True, required=True)
    locale = fields.String(required=True)
    is_organizer = fields.Boolean(required=True)


class MeSchema(StrictSchema):
    user = fields.Nested(UserSchema, required=True)
    company = fields.Nested(CompanySchema, allow_none=True, required=True)


class ParticipationSchema(StrictSchema):
    id = fields.Integer(required=True)
    event_id = fields.Integer(required=True)
    company_id = fields.Integer(required=True)
    company_name = fields.String(required=True, attribute="company.name")
    status = _enum(ParticipationStatus, required=True)
    delegates = fields.Integer(required=True)
    attendance = _enum(AttendanceMode, required=True)
    days = fields.List(fields.Date(), required=True)


class ParticipationPageSchema(PageSchema):
    items = fields.List(fields.Nested(ParticipationSchema), required=True)


class MeetingRequestSchema(StrictSchema):
    id = fields.Integer(required=True)
    event_id = fields.Integer(required=True)
    from_company_id = fields.Integer(required=True)
    from_company_name = fields.String(required=True, attribute="from_company.name")
    to_company_id = fields.Integer(required=True)
    to_company_name = fields.String(required=True, attribute="to_company.name")
    priority = _enum(RequestPriority, required=True)
    message = fields.String(required=True)
    status = _enum(RequestStatus, required=True)
    created_at = UtcDateTime(required=True)
    responded_at = UtcDateTime(allow_none=True, required=True)


class MeetingRequestPageSchema(PageSchema):
    items = fields.List(fields.Nested(MeetingRequestSchema), required=True)


class NewMeetingRequestSchema(StrictSchema):
    to_company_id = fields.Integer(required=True, validate=validate.Range(min=1, max=2**31 - 1))
    priority = _enum(RequestPriority, load_default=RequestPriority.NORMAL)
    message = fields.String(load_default="", validate=validate.Length(max=MAX_MESSAGE_LENGTH))
    from_company_id = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Organizers only: the company that asks."},
    )


class DecisionSchema(StrictSchema):
    decision = fields.String(required=True, validate=validate.OneOf(["approve", "reject"]))


class AnswerSchema(StrictSchema):
    answer = fields.String(required=True, validate=validate.OneOf(["accept", "decline"]))


class AgendaItemSchema(StrictSchema):
    request_id = fields.Integer(required=True)
    counterpart_id = fields.Integer(required=True)
    counterpart_name = fields.String(required=True)
    starts_at = UtcDateTime(required=True)
    ends_at = UtcDateTime(required=True)
    table = fields.String(allow_none=True, required=True)
    video_link = fields.String(allow_none=True, required=True)
    interpreter_language = fields.String(allow_none=True, required=True)
    status = fields.String(allow_none=True, required=True)


class AgendaSchema(StrictSchema):
    event_id = fields.Integer(required=True)
    company_id = fields.Integer(required=True)
    published = fields.Boolean(required=True)
    timezone = fields.String(required=True)
    items = fields.List(fields.Nested(AgendaItemSchema), required=True)


class AgendaQuery(StrictSchema):
    company_id = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Organizers only: whose agenda."},
    )


class OutcomeSchema(StrictSchema):
    request_id = fields.Integer(required=True)
    company_id = fields.Integer(required=True)
    held = fields.Boolean(required=True)
    interest = fields.Integer(allow_none=True, required=True)
    next_step = _enum(NextStep, required=True)
    agreement = _enum(AgreementLevel, required=True)
    agreement_type = _enum(AgreementType, allow_none=True, required=True)
    value = fields.Decimal(allow_none=True, required=True, as_string=True)
    currency = fields.String(allow_none=True, required=True)
    comment = fields.String(required=True)


class OutcomeListSchema(StrictSchema):
    items = fields.List(fields.Nested(OutcomeSchema), required=True)


class OutcomeInputSchema(StrictSchema):
    held = fields.Boolean(required=True)
    interest = fields.Integer(load_default=None, allow_none=True)
    next_step = _enum(NextStep, load_default=NextStep.NONE)
    agreement = _enum(AgreementLevel, load_default=AgreementLevel.NONE)
    agreement_type = _enum(AgreementType, load_default=None, allow_none=True)
    value = fields.Decimal(load_default=None, allow_none=True, places=2, allow_nan=False)
    currency = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=3))
    comment = fields.String(load_default="", validate=validate.Length(max=2000))
    company_id = fields.Integer(
        load_default=None,
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Organizers only: which of the two companies reports."},
    )


class RunSchema(StrictSchema):
    id = fields.Integer(required=True)
    event_id = fields.Integer(required=True)
    kind = _enum(RunKind, required=True)
    status = _enum(RunStatus, required=True)
    created_at = UtcDateTime(required=True)
    started_at = UtcDateTime(allow_none=True, required=True)
    finished_at = UtcDateTime(allow_none=True, required=True)
    error = fields.String(allow_none=True, required=True)


class RunPageSchema(PageSchema):
    items = fields.List(fields.Nested(RunSchema), required=True)
