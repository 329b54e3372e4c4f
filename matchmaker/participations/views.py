"""Pages of the participations: a company's applications (``/account/participations``) and the
organizers' list with approve/reject (``/organizer/events/<id>/participations``).

The routes hang on the ``accounts`` and ``organizer`` blueprints, so their URLs and endpoint
names (``accounts.apply``, ``organizer.approve_participation``, …) stay what they always were;
the rules live in ``operations``.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.access import organizer_required
from matchmaker.accounts.views import accounts
from matchmaker.enums import AttendanceMode, ParticipationStatus
from matchmaker.lifecycle import render_on_refusal
from matchmaker.organizer.operations import get_event, participation_counts
from matchmaker.organizer.views import organizer
from matchmaker.participations import operations
from matchmaker.participations.forms import ParticipationForm
from matchmaker.reference import country_name
from matchmaker.responses import enum_arg

# --- a company's applications --------------------------------------------------------------------


@accounts.route("/participations", endpoint="participations")
@login_required
def company_participations():
    if current_user.is_organizer:
        return redirect(url_for("organizer.index"))
    rows = operations.participation_overview(current_user)
    return render_template("accounts/participations.html", rows=rows)


@accounts.route("/participations/<int:event_id>", methods=["GET", "POST"])
@login_required
def apply(event_id: int):
    event, participation = operations.event_for_application(current_user, event_id)
    form = ParticipationForm(obj=participation if request.method == "GET" else None)
    form.set_days(event.days)
    context = {
        "event": event,
        "participation": participation,
        "open": operations.accepts_registrations(event),
    }
    if request.method == "GET":
        if participation is not None:
            form.days.data = [day.date.isoformat() for day in participation.days]
            form.attendance.data = participation.attendance.value
        else:
            form.days.data = [day.date.isoformat() for day in event.days]
        return render_template("accounts/apply.html", form=form, **context)
    if not form.validate():
        return render_template("accounts/apply.html", form=form, **context), 400
    render_on_refusal("accounts/apply.html", form=form, **context)
    operations.apply_for_participation(
        current_user,
        event.id,
        form.delegates.data,
        AttendanceMode(form.attendance.data),
        form.chosen_dates(),
    )
    flash(_("Your application is saved. The organizers will review it."), "success")
    return redirect(url_for("accounts.participations"))


@accounts.route("/participations/<int:event_id>/withdraw", methods=["POST"])
@login_required
def withdraw(event_id: int):
    operations.withdraw_participation(current_user, event_id)
    flash(_("Your application is withdrawn."), "success")
    return redirect(url_for("accounts.participations"))


# --- the organizers' decisions -------------------------------------------------------------------


@organizer.route("/events/<int:event_id>/participations", endpoint="participations")
@organizer_required
def event_participations(event_id: int):
    event = get_event(current_user, event_id)
    status = enum_arg(ParticipationStatus, "status")
    rows = operations.event_participations(current_user, event.id, status)
    return render_template(
        "organizer/participations.html",
        event=event,
        rows=rows,
        status=status,
        statuses=list(ParticipationStatus),
        counts=participation_counts(current_user, event.id),
        country_name=country_name,
    )


def _decide(participation_id: int, approve: bool):
    participation = operations.decide_participation(current_user, participation_id, approve)
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


@organizer.route("/participations/<int:participation_id>/approve", methods=["POST"])
@organizer_required
def approve_participation(participation_id: int):
    return _decide(participation_id, True)


@organizer.route("/participations/<int:participation_id>/reject", methods=["POST"])
@organizer_required
def reject_participation(participation_id: int):
    return _decide(participation_id, False)
