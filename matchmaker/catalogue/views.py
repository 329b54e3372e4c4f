"""The catalogue: participating companies of an edition, with search and filters, and the page of
each company (with the meeting-request form for representatives of other companies)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker import editions
from matchmaker.catalogue import queries
from matchmaker.catalogue.forms import CatalogueFilterForm
from matchmaker.matching.queries import suggestions_for
from matchmaker.meeting_requests.forms import MeetingRequestForm
from matchmaker.meeting_requests.queries import request_state_between
from matchmaker.params import parse_id
from matchmaker.participations.queries import is_listed
from matchmaker.reference import country_name, language_name, nace_division_label

bp = Blueprint("catalogue", __name__)

CATALOGUE_SUGGESTIONS = 3  # "Suggested for you" above an unfiltered list
CATALOGUE_ARGS = ("q", "side", "country", "sector", "cooperation", "language", "event")


@bp.app_template_global()
def company_country(company) -> str:
    return country_name(company.country)


@bp.app_template_global()
def sector_label(code: str | None) -> str:
    return nace_division_label(code)


@bp.app_template_global()
def language_label(code: str | None) -> str:
    return language_name(code)


@bp.route("/catalogue")
@login_required
def index():
    form = CatalogueFilterForm(formdata=request.args)
    if not form.validate():
        return render_template(
            "catalogue/index.html", form=form, event=None, events=[], page=None, link_args={}
        ), 400
    event = _event_or_404(form.event_id)
    link_args = {name: request.args[name] for name in CATALOGUE_ARGS if request.args.get(name)}
    page = None
    suggestions = []
    if event is not None:
        if current_user.company_id and not form.filters().active and form.page_number == 1:
            suggestions = suggestions_for(event, current_user.company_id, CATALOGUE_SUGGESTIONS)
        page = queries.search_catalogue(
            event,
            form.filters(),
            page=form.page_number,
            per_page=current_app.config["CATALOGUE_PAGE_SIZE"],
        )
    return render_template(
        "catalogue/index.html",
        form=form,
        event=event,
        events=editions.all_events(),
        page=page,
        link_args=link_args,
        suggestions=suggestions,
    )


@bp.route("/companies/<id:company_id>")
@login_required
def company(company_id: int):
    company = queries.get_company(company_id)
    own = current_user.company_id == company_id
    if company is None or not (current_user.is_organizer or own or is_listed(company)):
        abort(404)
    event_arg = request.args.get("event", "")
    event_id = parse_id(event_arg)
    if event_arg and event_id is None:
        abort(400, description=_("The event must be given by its number."))
    event = _event_or_404(event_id)
    state = None
    form = None
    if event is not None and not own:
        state = request_state_between(current_user, event, company)
        if state.can_send:
            form = MeetingRequestForm(for_organizer=current_user.is_organizer, event=event)
    return render_template(
        "catalogue/company.html", company=company, event=event, state=state, form=form, own=own
    )


def _event_or_404(event_id: int | None):
    if event_id is None:
        return editions.current_event()
    event = editions.get_event(event_id)
    if event is None:
        abort(404, description=_("There is no such event."))
    return event
