"""Blueprint ``outcomes``: a company's meetings with their status and reports, the report form,
the organizers' overview with disagreements, and reminders."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker import phases
from matchmaker.access import acts_for, organizer_required
from matchmaker.enums import MeetingStatus
from matchmaker.eventday.forms import StatusForm
from matchmaker.extensions import db
from matchmaker.lifecycle import redirect_on_refusal, render_on_refusal
from matchmaker.models import Company, Event
from matchmaker.outcomes import forms, labels, operations, queries
from matchmaker.params import page_arg
from matchmaker.participations.queries import latest_approved_participation, latest_participation

outcomes = Blueprint("outcomes", __name__)
OVERVIEW_PAGE_SIZE = 50  # meetings per page of the organizers' overview
outcomes.add_app_template_filter(labels.answer_label, "answer_label")
outcomes.add_app_template_global(labels.answer_value, "answer_value")


def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


def _visible_company(company_id: int) -> Company:
    company = db.session.get(Company, company_id)
    if company is None or not acts_for(current_user, company.id):
        abort(404)
    return company


@outcomes.route("/meetings")
@login_required
def my_meetings():
    """The representative's meetings at the newest edition the company takes part in."""
    if current_user.is_organizer:
        return redirect(url_for("organizer.index"))
    participation = latest_approved_participation(current_user.company_id)
    if participation is None:  # pending, rejected or none: say so instead of a 404
        return render_template(
            "outcomes/none.html", participation=latest_participation(current_user.company_id)
        )
    return redirect(
        url_for(
            ".company_meetings",
            event_id=participation.event_id,
            company_id=participation.company_id,
        )
    )


@outcomes.route("/events/<id:event_id>/meetings/<id:company_id>")
@login_required
def company_meetings(event_id: int, company_id: int):
    event = _event(event_id)
    company = _visible_company(company_id)
    return render_template(
        "outcomes/company.html",
        event=event,
        company=company,
        outcomes=queries.company_outcomes(event, company),
        status_form=StatusForm(formdata=None),
        day_access=phases.day_status_access(event, current_user, MeetingStatus.HELD),
        cancel_access=phases.day_status_access(event, current_user, MeetingStatus.CANCELLED),
        report_access=phases.outcome_report_access(event, current_user),
    )


@outcomes.route(
    "/events/<id:event_id>/meetings/<id:company_id>/<id:request_id>/report",
    methods=["GET", "POST"],
)
@login_required
def report(event_id: int, company_id: int, request_id: int):
    event = _event(event_id)
    placement, company = operations.reportable_placement(
        event, request_id, company_id, current_user
    )
    existing = operations.report_of(request_id, company.id)
    form = forms.OutcomeForm()
    page = {
        "event": event,
        "company": company,
        "placement": placement,
        "form": form,
        "report": existing,
        "trail": queries.audit_trail(existing) if existing and current_user.is_organizer else [],
        "access": phases.outcome_report_access(event, current_user),
    }
    if request.method == "GET":
        if existing is not None:
            form.fill_from(existing)
        return render_template("outcomes/report.html", **page)
    if not form.validate():
        return render_template("outcomes/report.html", **page), 400
    render_on_refusal("outcomes/report.html", **page)
    _saved, changed = operations.save_report(
        event, placement, company, form.data_for_service(), current_user
    )
    flash(
        _("Report saved.") if changed else _("Nothing changed in the report."),
        "success",
    )
    if current_user.is_organizer:
        return redirect(url_for(".overview", event_id=event.id))
    return redirect(url_for(".company_meetings", event_id=event.id, company_id=company.id))


@outcomes.route("/organizer/events/<id:event_id>/outcomes")
@organizer_required
def overview(event_id: int):
    event = _event(event_id)
    only_disagreements = request.args.get("disagreements") == "1"
    listing = queries.outcomes_page(
        event, page_arg(), OVERVIEW_PAGE_SIZE, only_disagreements=only_disagreements
    )
    missing = operations.unreported_by_company(event)
    return render_template(
        "outcomes/overview.html",
        event=event,
        rows=listing.rows,
        listing=listing,
        only_disagreements=only_disagreements,
        unreported_companies=len(missing),
        unreported_reports=sum(missing.values()),
        form=forms.ActionForm(),
    )


@outcomes.route("/organizer/events/<id:event_id>/outcomes/remind")
@organizer_required
def confirm_remind(event_id: int):
    event = _event(event_id)
    companies, people, reports = operations.reminder_audience(event)
    return render_template(
        "_confirm.html",
        title=_("E-mail a reminder?"),
        consequences=[
            _(
                "%(people)d representatives of %(companies)d companies get an e-mail asking "
                "for %(reports)d outcome reports not yet given.",
                people=people,
                companies=companies,
                reports=reports,
            ),
            _("E-mails cannot be called back once sent."),
        ],
        action=url_for(".remind", event_id=event.id),
        button=_("Send %(count)d e-mails", count=people),
        cancel=url_for(".overview", event_id=event.id),
    )


@outcomes.route("/organizer/events/<id:event_id>/outcomes/remind", methods=["POST"])
@organizer_required
def remind(event_id: int):
    event = _event(event_id)
    if not forms.ActionForm().validate():
        abort(400)
    back = url_for(".overview", event_id=event.id)
    redirect_on_refusal(back)
    count = operations.send_reminders(event, current_user)
    flash(_("Reminders sent to %(count)d companies.", count=count), "success")
    return redirect(back)
