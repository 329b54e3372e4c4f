"""Blueprint ``availability``: a company marks the slots in which it cannot meet anyone."""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.formfields import choices
from matchmaker.languages.formatting import slot_label
from matchmaker.models import Participation, SlotUnavailability, TimeSlot
from matchmaker.params import parse_id
from matchmaker.scheduling import forms, operations

availability = Blueprint("availability", __name__)


def _participation(event_id: int) -> Participation:
    """The acting company's participation; organizers choose the company with ?company=ID."""
    company_id = current_user.company_id
    if current_user.is_organizer:
        company_id = parse_id(request.args.get("company"))
    participation = db.session.scalar(
        select(Participation).where(
            Participation.event_id == event_id, Participation.company_id == company_id
        )
    )
    if participation is None:
        abort(404)
    return participation


@availability.route("/events/<id:event_id>/availability", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    participation = _participation(event_id)
    attending = {day.id for day in participation.days}
    slots = [
        slot
        for slot in db.session.scalars(
            select(TimeSlot)
            .where(TimeSlot.event_id == event_id, TimeSlot.closed.is_(False))
            .order_by(TimeSlot.starts_at)
        )
        if slot.day_id in attending
    ]
    form = forms.AvailabilityForm()
    form.unavailable.choices = choices(
        (slot.id, slot_label(slot, participation.event)) for slot in slots
    )
    if request.method == "POST":
        if not form.validate():
            abort(400, description=_("Choose among the slots of the days you attend."))
        operations.set_unavailable_slots(
            participation, set(form.unavailable.data or []), current_user
        )
        flash(_("Availability saved."), "success")
        return redirect(request.full_path.rstrip("?"))
    marked = set(
        db.session.scalars(
            select(SlotUnavailability.slot_id).where(
                SlotUnavailability.participation_id == participation.id
            )
        )
    )
    days = [(day, list(day_slots)) for day, day_slots in groupby(slots, key=lambda s: s.day)]
    return render_template(
        "scheduling/availability.html",
        participation=participation,
        event=participation.event,
        days=days,
        marked=marked,
        form=form,
        back=url_for("accounts.participations") if not current_user.is_organizer else None,
    )
