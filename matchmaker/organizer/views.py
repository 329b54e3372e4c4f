"""Blueprint ``organizer``: the organizers' area (403 for everybody else)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from matchmaker.access import organizer_required
from matchmaker.accounts import operations as accounts
from matchmaker.accounts.views import ACTING_ORGANIZER_KEY
from matchmaker.enums import EventPhase, ParticipationStatus, RequestStatus, Side
from matchmaker.lifecycle import render_on_refusal, safe_referrer
from matchmaker.organizer import forms, operations
from matchmaker.params import page_arg
from matchmaker.participations import operations as participations
from matchmaker.reference import country_name, nace_division_label
from matchmaker.responses import enum_arg

organizer = Blueprint("organizer", __name__, url_prefix="/organizer")

COMPANIES_PER_PAGE = 50
# Applications and requests of a 2,000-company edition: pages of this many rows (< 300 KB).
ROWS_PER_PAGE = 100


@organizer.app_context_processor
def _acting_context():
    organizer_id = session.get(ACTING_ORGANIZER_KEY)
    return {"acting_organizer": organizer_id is not None}


# --- overview and events -------------------------------------------------------------------------


@organizer.route("/")
@organizer_required
def index():
    events = operations.list_events(current_user)
    return render_template("organizer/index.html", events=events)


def _event_data(form: forms.EventForm) -> operations.EventData:
    return operations.EventData(
        name=form.name.data,
        year=form.year.data,
        start_date=form.start_date.data,
        end_date=form.end_date.data,
        venue=form.venue.data or "",
        timezone=form.timezone.data,
        request_cap=form.request_cap.data,
        description=form.description.data or "",
    )


@organizer.route("/events/new", methods=["GET", "POST"])
@organizer_required
def new_event():
    form = forms.EventForm()
    if request.method == "GET":
        return render_template("organizer/event_form.html", form=form, event=None)
    if not form.validate():
        return render_template("organizer/event_form.html", form=form, event=None), 400
    render_on_refusal("organizer/event_form.html", form=form, event=None)
    event = operations.create_event(current_user, _event_data(form))
    flash(_("The edition “%(name)s” is created.", name=event.name), "success")
    return redirect(url_for("organizer.event", event_id=event.id))


@organizer.route("/events/<id:event_id>")
@organizer_required
def event(event_id: int):
    event = operations.get_event(current_user, event_id)
    return render_template(
        "organizer/event.html",
        event=event,
        allowed_phases=operations.allowed_phases(event),
        participation_counts=operations.participation_counts(current_user, event.id),
        request_counts=operations.request_counts(current_user, event.id),
    )


@organizer.route("/events/<id:event_id>/edit", methods=["GET", "POST"])
@organizer_required
def edit_event(event_id: int):
    event = operations.get_event(current_user, event_id)
    form = forms.EventForm(obj=event if request.method == "GET" else None)
    if request.method == "GET":
        return render_template("organizer/event_form.html", form=form, event=event)
    if not form.validate():
        return render_template("organizer/event_form.html", form=form, event=event), 400
    render_on_refusal("organizer/event_form.html", form=form, event=event)
    operations.update_event(current_user, event.id, _event_data(form))
    flash(_("The edition is saved."), "success")
    return redirect(url_for("organizer.event", event_id=event.id))


@organizer.route("/events/<id:event_id>/phase", methods=["POST"])
@organizer_required
def change_phase(event_id: int):
    operations.get_event(current_user, event_id)
    form = forms.PhaseForm()
    if not form.validate():
        abort(400, description="; ".join(str(e) for e in form.phase.errors))
    event = operations.change_phase(current_user, event_id, EventPhase(form.phase.data))
    flash(_("The edition is now in the phase “%(phase)s”.", phase=_(event.phase.label)), "success")
    return redirect(url_for("organizer.event", event_id=event_id))


# --- participations (the rules: ``matchmaker.participations``) -----------------------------


@organizer.route("/events/<id:event_id>/participations", endpoint="participations")
@organizer_required
def event_participations(event_id: int):
    event = operations.get_event(current_user, event_id)
    status = enum_arg(ParticipationStatus, "status")
    page = participations.event_participations(
        current_user, event.id, status, page_arg(), ROWS_PER_PAGE
    )
    return render_template(
        "organizer/participations.html",
        event=event,
        page=page,
        rows=page.items,
        status=status,
        statuses=list(ParticipationStatus),
        counts=operations.participation_counts(current_user, event.id),
        country_name=country_name,
    )


def _decide(participation_id: int, approve: bool):
    participation = participations.decide_participation(current_user, participation_id, approve)
    message = (
        _("%(company)s is approved.", company=participation.company.name)
        if approve
        else _("%(company)s is rejected.", company=participation.company.name)
    )
    flash(message, "success")
    back = request.form.get("status", "")
    return redirect(
        url_for(
            "organizer.participations",
            event_id=participation.event_id,
            status=back if back in {s.value for s in ParticipationStatus} else None,
        )
    )


@organizer.route("/participations/<id:participation_id>/approve", methods=["POST"])
@organizer_required
def approve_participation(participation_id: int):
    return _decide(participation_id, True)


@organizer.route("/participations/<id:participation_id>/reject")
@organizer_required
def confirm_reject_participation(participation_id: int):
    participation = participations.get_participation(current_user, participation_id)
    company, event = participation.company, participation.event
    return render_template(
        "_confirm.html",
        title=_("Reject the application of %(company)s?", company=company.name),
        consequences=[
            _(
                "%(company)s will not take part in %(event)s: its representatives are told by "
                "e-mail at once.",
                company=company.name,
                event=event.name,
            ),
        ],
        action=url_for(".reject_participation", participation_id=participation.id),
        fields={"status": request.args.get("status", "")},
        button=_("Reject and tell the company"),
        cancel=url_for(".participations", event_id=event.id),
    )


@organizer.route("/participations/<id:participation_id>/reject", methods=["POST"])
@organizer_required
def reject_participation(participation_id: int):
    return _decide(participation_id, False)


# --- companies -----------------------------------------------------------------------------------


@organizer.route("/companies")
@organizer_required
def companies():
    side = enum_arg(Side, "side")
    query = request.args.get("q", "").strip()[:100] or None
    page = operations.companies(current_user, page_arg(), COMPANIES_PER_PAGE, side, query)
    return render_template(
        "organizer/companies.html",
        page=page,
        side=side,
        query=query or "",
        sides=list(Side),
        country_name=country_name,
        sector_label=nace_division_label,
    )


@organizer.route("/companies/<id:company_id>/side", methods=["POST"])
@organizer_required
def set_side(company_id: int):
    form = forms.SideForm()
    if not form.validate():
        abort(400, description="; ".join(str(e) for e in form.side.errors))
    company = operations.set_company_side(current_user, company_id, form.chosen_side())
    flash(
        _(
            "%(company)s is now on the %(side)s side.",
            company=company.name,
            side=company.side.value,
        ),
        "success",
    )
    return redirect(safe_referrer() or url_for("organizer.companies"))


@organizer.route("/companies/<id:company_id>/representatives/<id:user_id>/deactivate")
@organizer_required
def confirm_deactivate(company_id: int, user_id: int):
    user = accounts.representative_of(current_user, company_id, user_id)
    return render_template(
        "_confirm.html",
        title=_("Deactivate the account of %(name)s?", name=user.full_name),
        consequences=[
            _(
                "%(name)s (%(email)s) is logged out at once on every device, cannot log in, "
                "and receives no more e-mail. Their API and calendar links stop working.",
                name=user.full_name,
                email=user.email,
            ),
            _(
                "Nothing of %(company)s is deleted: you can reactivate the account from the list "
                "of companies.",
                company=user.company.name,
            ),
        ],
        action=url_for(".deactivate", company_id=company_id, user_id=user.id),
        button=_("Deactivate the account"),
        cancel=url_for(".companies"),
    )


@organizer.route(
    "/companies/<id:company_id>/representatives/<id:user_id>/deactivate", methods=["POST"]
)
@organizer_required
def deactivate(company_id: int, user_id: int):
    user = accounts.set_representative_active(current_user, company_id, user_id, False)
    flash(_("The account of %(name)s is deactivated.", name=user.full_name), "success")
    return redirect(url_for(".companies", q=user.company.name))


@organizer.route(
    "/companies/<id:company_id>/representatives/<id:user_id>/reactivate", methods=["POST"]
)
@organizer_required
def reactivate(company_id: int, user_id: int):
    user = accounts.set_representative_active(current_user, company_id, user_id, True)
    flash(
        _("The account of %(name)s is active again; they can log in.", name=user.full_name),
        "success",
    )
    return redirect(url_for(".companies", q=user.company.name))


# --- meeting requests ----------------------------------------------------------------------------


@organizer.route("/events/<id:event_id>/requests")
@organizer_required
def meeting_requests(event_id: int):
    event = operations.get_event(current_user, event_id)
    status = enum_arg(RequestStatus, "status")
    page = operations.meeting_requests(current_user, event.id, status, page_arg(), ROWS_PER_PAGE)
    return render_template(
        "organizer/requests.html",
        event=event,
        page=page,
        rows=page.items,
        status=status,
        statuses=list(RequestStatus),
        counts=operations.request_counts(current_user, event.id),
    )


# --- acting as a representative -----------------------------------------------------------------


@organizer.route("/act-as/<id:user_id>", methods=["POST"])
@organizer_required
def act_as(user_id: int):
    target = operations.representative_to_act_as(current_user, user_id)
    organizer_id = current_user.id
    login_user(target)
    session[ACTING_ORGANIZER_KEY] = organizer_id
    flash(
        _(
            "You are acting as %(name)s of %(company)s.",
            name=target.full_name,
            company=target.company.name,
        ),
        "success",
    )
    return redirect(url_for("accounts.company"))


@organizer.route("/stop-acting", methods=["POST"])
@login_required
def stop_acting():
    organizer_user = operations.organizer_to_resume(session.get(ACTING_ORGANIZER_KEY))
    if organizer_user is None:
        session.pop(ACTING_ORGANIZER_KEY, None)
        abort(400, description=_("You are not acting as anybody."))
    session.pop(ACTING_ORGANIZER_KEY, None)
    login_user(organizer_user)
    flash(_("You are back in your organizer account."), "success")
    return redirect(url_for("organizer.companies"))
