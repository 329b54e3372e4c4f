"""``/api/v1``: thin endpoints over the same services and queries as the pages.

Each endpoint finds the caller (``auth.caller``), calls the service that the matching page calls
(the service checks the rights: another company's objects are 404), and returns data that the
response schema describes. Errors are JSON: ``{"code", "status", "message"}``, plus ``errors``
(field → messages) when inputs are at fault.
"""

from __future__ import annotations

from decimal import Decimal

from flask import jsonify
from flask_babel import gettext as _
from flask_smorest import Blueprint, abort
from flask_wtf.csrf import CSRFError
from sqlalchemy import func, select
from werkzeug.exceptions import HTTPException

from matchmaker.access import require_organizer
from matchmaker.agendas.queries import company_agenda
from matchmaker.api import schemas
from matchmaker.api.auth import authenticate_api_request, caller
from matchmaker.catalogue import queries as catalogue
from matchmaker.enums import ParticipationStatus
from matchmaker.errors import RuleViolation
from matchmaker.extensions import csrf, db
from matchmaker.meeting_requests import operations as requests_service
from matchmaker.meeting_requests.queries import visible_request
from matchmaker.models import (
    Company,
    Event,
    MeetingRequest,
    OutcomeReport,
    Participation,
    ScheduleRun,
    User,
)
from matchmaker.outcomes import operations as outcomes_service
from matchmaker.participations import operations as participations_service
from matchmaker.participations.queries import is_listed
from matchmaker.scheduling.day_plan import day_plan

api_v1 = Blueprint(
    "api_v1", __name__, url_prefix="/api/v1", description="Salon Matchmaker API, version 1"
)
csrf.exempt(api_v1)  # authenticate_api_request enforces CSRF for session callers itself
api_v1.before_request(authenticate_api_request)

ID = "int(max=2147483647)"  # ids in paths: larger numbers are 404, not a database overflow
ERRORS = {401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict"}


def _error(code: int, message: str, **extra):
    body = {"code": code, "status": ERRORS.get(code, "Error"), "message": message}
    body.update({key: value for key, value in extra.items() if value is not None})
    return jsonify(body), code


@api_v1.errorhandler(RuleViolation)
def _rule_violation(error: RuleViolation):
    db.session.rollback()
    errors = {error.field: [error.message]} if error.field else None
    return _error(error.status_code, error.message, errors=errors)


@api_v1.errorhandler(CSRFError)
def _csrf_error(error: CSRFError):
    return _error(400, _("A session call that writes needs the CSRF token (or use a token)."))


def _http_error(error: HTTPException):
    code = error.code or 500
    data = getattr(error, "data", None) or {}
    message = data.get("message") or error.description or error.name
    errors = data.get("errors") or data.get("messages")  # webargs: messages by location
    body = {"code": code, "status": error.name, "message": str(message)}
    if errors:
        body["errors"] = errors
    return jsonify(body), code


# Per code, so that these win over the app's HTML error pages (Flask looks up code handlers of
# the blueprint, then of the app, before class handlers).
for _code in (400, 401, 403, 404, 405, 409, 413, 422, 429, 500):
    api_v1.register_error_handler(_code, _http_error)
api_v1.register_error_handler(HTTPException, _http_error)


def _page(statement, query: dict, dump=lambda row: row) -> dict:
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    per_page, page = query["per_page"], query["page"]
    rows = db.session.scalars(statement.offset((page - 1) * per_page).limit(per_page)).all()
    return {
        "items": [dump(row) for row in rows],
        "page": page,
        "per_page": per_page,
        "total": total or 0,
        "pages": max(((total or 0) + per_page - 1) // per_page, 1),
    }


def _event_or_404(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None:
        abort(404, message=_("There is no such edition."))
    return event


def _own_company(user: User) -> Company:
    if user.company is None:
        abort(404, message=_("Organizers have no company of their own; give company_id."))
    return user.company


def _company_or_404(company_id: int) -> Company:
    company = db.session.get(Company, company_id)
    if company is None:
        abort(404, message=_("There is no such company."))
    return company


# --- editions and the catalogue -----------------------------------------------------------------


@api_v1.route("/editions")
@api_v1.arguments(schemas.PageQuery, location="query")
@api_v1.response(200, schemas.EditionPageSchema)
def editions(query):
    """Editions of the fair, newest first."""
    caller()
    return _page(select(Event).order_by(Event.start_date.desc(), Event.id.desc()), query)


@api_v1.route(f"/editions/<{ID}:event_id>/companies")
@api_v1.arguments(schemas.CompanyQuery, location="query")
@api_v1.response(200, schemas.CompanyPageSchema)
def catalogue_companies(query, event_id: int):
    """The catalogue of an edition: its approved companies, with the search of the pages."""
    caller()
    event = _event_or_404(event_id)
    filters = catalogue.CatalogueFilters(
        query=query["q"], side=query["side"], country=query["country"]
    )
    return _page(catalogue.catalogue_statement(event, filters), query)


@api_v1.route(f"/companies/<{ID}:company_id>")
@api_v1.response(200, schemas.CompanySchema)
def company(company_id: int):
    """A company's public profile (listed companies, or your own)."""
    user = caller()
    found = catalogue.get_company(company_id)
    own = found is not None and user.company_id == found.id
    if found is None or not (user.is_organizer or own or is_listed(found)):
        abort(404, message=_("There is no such company."))
    return found


# --- the caller ------------------------------------------------------------------------------


@api_v1.route("/me")
@api_v1.response(200, schemas.MeSchema)
def me():
    """You, and your company."""
    user = caller()
    return {"user": user, "company": user.company}


def _participation(participation: Participation) -> dict:
    return {
        "id": participation.id,
        "event_id": participation.event_id,
        "company_id": participation.company_id,
        "company": participation.company,
        "status": participation.status,
        "delegates": participation.delegates,
        "attendance": participation.attendance,
        "days": [day.date for day in participation.days],
    }


@api_v1.route("/me/participations")
@api_v1.arguments(schemas.PageQuery, location="query")
@api_v1.response(200, schemas.ParticipationPageSchema)
def my_participations(query):
    """Your company's participations in editions."""
    company = _own_company(caller())
    statement = (
        select(Participation)
        .where(Participation.company_id == company.id)
        .order_by(Participation.id.desc())
    )
    return _page(statement, query, _participation)


# --- meeting requests ------------------------------------------------------------------------


@api_v1.route(f"/editions/<{ID}:event_id>/requests")
@api_v1.arguments(schemas.PageQuery, location="query")
@api_v1.response(200, schemas.MeetingRequestPageSchema)
def list_requests(query, event_id: int):
    """Meeting requests of an edition: your company's, sent and received (organizers: all)."""
    user = caller()
    event = _event_or_404(event_id)
    statement = select(MeetingRequest).where(MeetingRequest.event_id == event.id)
    if not user.is_organizer:
        company = _own_company(user)
        statement = statement.where(
            (MeetingRequest.from_company_id == company.id)
            | (MeetingRequest.to_company_id == company.id)
        )
    return _page(statement.order_by(MeetingRequest.id.desc()), query)


@api_v1.route(f"/editions/<{ID}:event_id>/requests", methods=["POST"])
@api_v1.arguments(schemas.NewMeetingRequestSchema)
@api_v1.response(201, schemas.MeetingRequestSchema)
def send_request(data, event_id: int):
    """Ask another company for a meeting."""
    user = caller()
    event = _event_or_404(event_id)
    if user.is_organizer and data["from_company_id"]:
        sender = _company_or_404(data["from_company_id"])
    else:
        sender = _own_company(user)
    recipient = _company_or_404(data["to_company_id"])
    return requests_service.send_request(
        user, event, sender, recipient, priority=data["priority"], message=data["message"]
    )


def _visible_request_or_404(user: User, request_id: int) -> MeetingRequest:
    found = visible_request(user, request_id)
    if found is None:
        abort(404, message=_("There is no such meeting request."))
    return found


@api_v1.route(f"/requests/<{ID}:request_id>")
@api_v1.response(200, schemas.MeetingRequestSchema)
def get_request(request_id: int):
    """One meeting request of your company."""
    return _visible_request_or_404(caller(), request_id)


@api_v1.route(f"/requests/<{ID}:request_id>/answer", methods=["POST"])
@api_v1.arguments(schemas.AnswerSchema)
@api_v1.response(200, schemas.MeetingRequestSchema)
def answer_request(data, request_id: int):
    """Accept or decline a request your company received."""
    user = caller()
    found = _visible_request_or_404(user, request_id)
    if data["answer"] == "accept":
        return requests_service.accept_request(user, found)
    return requests_service.decline_request(user, found)


@api_v1.route(f"/requests/<{ID}:request_id>/withdraw", methods=["POST"])
@api_v1.response(200, schemas.MeetingRequestSchema)
def withdraw_request(request_id: int):
    """Withdraw a request your company sent."""
    user = caller()
    return requests_service.withdraw_request(user, _visible_request_or_404(user, request_id))


# --- agenda and outcomes ---------------------------------------------------------------------


def _company_for(user: User, company_id: int | None) -> Company:
    if company_id is not None and user.is_organizer:
        return _company_or_404(company_id)
    return _own_company(user)


@api_v1.route(f"/editions/<{ID}:event_id>/agenda")
@api_v1.arguments(schemas.AgendaQuery, location="query")
@api_v1.response(200, schemas.AgendaSchema)
def agenda(query, event_id: int):
    """Your company's meetings as they stand now (day-of changes included)."""
    user = caller()
    event = _event_or_404(event_id)
    company = _company_for(user, query["company_id"])
    published = company_agenda(event, company, user).published
    items = []
    if published:
        for placement in day_plan(event).placements:
            if company.id not in placement.company_ids:
                continue
            request = placement.request
            other = (
                request.to_company
                if request.from_company_id == company.id
                else request.from_company
            )
            table = placement.table
            items.append(
                {
                    "request_id": request.id,
                    "counterpart_id": other.id,
                    "counterpart_name": other.name,
                    "starts_at": placement.slot.starts_at,
                    "ends_at": placement.slot.ends_at,
                    "table": (table.name or str(table.number)) if table else None,
                    "video_link": placement.video_link,
                    "interpreter_language": placement.interpreter_language,
                    "status": placement.status.value if placement.status else None,
                }
            )
        items.sort(key=lambda item: (item["starts_at"], item["request_id"]))
    return {
        "event_id": event.id,
        "company_id": company.id,
        "published": published,
        "timezone": event.timezone,
        "items": items,
    }


def _outcome(report) -> dict:
    return {
        name: getattr(report, name)
        for name in (
            "request_id",
            "company_id",
            "held",
            "interest",
            "next_step",
            "agreement",
            "agreement_type",
            "value",
            "currency",
            "comment",
        )
    }


@api_v1.route(f"/editions/<{ID}:event_id>/outcomes")
@api_v1.arguments(schemas.AgendaQuery, location="query")
@api_v1.response(200, schemas.OutcomeListSchema)
def outcomes(query, event_id: int):
    """Your company's outcome reports of an edition."""
    user = caller()
    event = _event_or_404(event_id)
    company = _company_for(user, query["company_id"])
    reports = db.session.scalars(
        select(OutcomeReport)
        .where(OutcomeReport.event_id == event.id, OutcomeReport.company_id == company.id)
        .order_by(OutcomeReport.request_id)
    )
    return {"items": [_outcome(report) for report in reports]}


@api_v1.route(f"/editions/<{ID}:event_id>/outcomes/<{ID}:request_id>", methods=["PUT"])
@api_v1.arguments(schemas.OutcomeInputSchema)
@api_v1.response(200, schemas.OutcomeSchema)
def report_outcome(data, event_id: int, request_id: int):
    """Report (or correct) how a meeting went, for your company."""
    user = caller()
    event = _event_or_404(event_id)
    company_id = data.pop("company_id")
    company = _company_for(user, company_id)
    placement, company = outcomes_service.reportable_placement(event, request_id, company.id, user)
    value = data["value"]
    if isinstance(value, Decimal) and not value.is_finite():
        abort(422, message=_("The value must be an amount."))
    report, _changed = outcomes_service.save_report(
        event, placement, company, outcomes_service.OutcomeData(**data), user
    )
    return _outcome(report)


# --- organizers ------------------------------------------------------------------------------


@api_v1.route(f"/editions/<{ID}:event_id>/participations")
@api_v1.arguments(schemas.PageQuery, location="query")
@api_v1.response(200, schemas.ParticipationPageSchema)
def participations(query, event_id: int):
    """Organizers: every participation (application) of an edition."""
    require_organizer(caller())
    event = _event_or_404(event_id)
    statement = (
        select(Participation)
        .where(Participation.event_id == event.id)
        .order_by(Participation.status != ParticipationStatus.PENDING, Participation.id)
    )
    return _page(statement, query, _participation)


@api_v1.route(
    f"/editions/<{ID}:event_id>/participations/<{ID}:participation_id>/decision",
    methods=["POST"],
)
@api_v1.arguments(schemas.DecisionSchema)
@api_v1.response(200, schemas.ParticipationSchema)
def decide_participation(data, event_id: int, participation_id: int):
    """Organizers: approve or reject an application. The company is told by e-mail, as from the
    organizer pages; deciding again the same way changes nothing and mails nobody."""
    user = caller()
    require_organizer(user)
    event = _event_or_404(event_id)
    found = participations_service.get_participation(user, participation_id)
    if found.event_id != event.id:
        abort(404, message=_("There is no such application in this edition."))
    decided = participations_service.decide_participation(
        user, found.id, approve=data["decision"] == "approve"
    )
    return _participation(decided)


@api_v1.route(f"/editions/<{ID}:event_id>/runs")
@api_v1.arguments(schemas.PageQuery, location="query")
@api_v1.response(200, schemas.RunPageSchema)
def runs(query, event_id: int):
    """Organizers: the scheduler runs of an edition, newest first."""
    require_organizer(caller())
    event = _event_or_404(event_id)
    statement = (
        select(ScheduleRun).where(ScheduleRun.event_id == event.id).order_by(ScheduleRun.id.desc())
    )
    return _page(statement, query)
