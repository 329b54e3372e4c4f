"""Blueprint ``eventday``: check-in (QR scan and desk search), meeting status, rebooking,
freed slots and the live floor view. Thin views: parse, call a service, redirect; the request
commits at its end (``matchmaker.lifecycle``)."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from matchmaker.access import staff_required
from matchmaker.errors import RuleViolation
from matchmaker.eventday import forms, operations, queries
from matchmaker.eventday.tokens import read_check_in_token
from matchmaker.extensions import db
from matchmaker.formfields import choices
from matchmaker.languages.formatting import format_slot
from matchmaker.lifecycle import redirect_on_refusal
from matchmaker.models import Company, Event, MeetingRequest, MeetingTable, TimeSlot
from matchmaker.params import page_arg, parse_id
from matchmaker.responses import of_event_or_404

eventday = Blueprint("eventday", __name__)


def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


def _bad_form(form) -> None:
    abort(400, description=" ".join(str(e) for errs in form.errors.values() for e in errs))


# --- check-in ------------------------------------------------------------------------------------


def _from_token(token: str) -> tuple[Event, Company]:
    ids = read_check_in_token(token)
    if ids is None:
        abort(404)
    event, company = db.session.get(Event, ids[0]), db.session.get(Company, ids[1])
    if event is None or company is None:
        abort(404)
    return event, company


@eventday.route("/check-in/<token>")
@staff_required
def scan(token: str):
    """Where the QR code on an agenda leads: staff confirm the company's arrival."""
    event, company = _from_token(token)
    return render_template(
        "eventday/scan.html",
        event=event,
        company=company,
        row=queries.desk_row(event, company),
        form=forms.ActionForm(),
        token=token,
    )


@eventday.route("/check-in/<token>", methods=["POST"])
@staff_required
def scan_check_in(token: str):
    event, company = _from_token(token)
    if not forms.ActionForm().validate():
        abort(400)
    return _check_in(event, company, url_for(".scan", token=token))


def _check_in(event: Event, company: Company, back: str):
    redirect_on_refusal(back)
    _row, created = operations.check_in(event, company, current_user)
    if created:
        flash(_("%(name)s is checked in.", name=company.name), "success")
    else:
        flash(_("%(name)s was already checked in.", name=company.name), "success")
    return redirect(back)


@eventday.route("/organizer/events/<id:event_id>/check-in")
@staff_required
def desk(event_id: int):
    event = _event(event_id)
    search = request.args.get("q", "").strip()[:100]
    return render_template(
        "eventday/desk.html",
        event=event,
        search=search,
        rows=queries.check_in_desk(event, search),
        form=forms.ActionForm(),
    )


def _company(company_id: int) -> Company:
    company = db.session.get(Company, company_id)
    if company is None:
        abort(404)
    return company


@eventday.route("/organizer/events/<id:event_id>/check-in/<id:company_id>", methods=["POST"])
@staff_required
def desk_check_in(event_id: int, company_id: int):
    event, company = _event(event_id), _company(company_id)
    if not forms.ActionForm().validate():
        abort(400)
    return _check_in(event, company, url_for(".desk", event_id=event.id, q=request.args.get("q")))


@eventday.route("/organizer/events/<id:event_id>/check-in/<id:company_id>/undo", methods=["POST"])
@staff_required
def desk_undo(event_id: int, company_id: int):
    event, company = _event(event_id), _company(company_id)
    if not forms.ActionForm().validate():
        abort(400)
    operations.undo_check_in(event, company, current_user)
    flash(_("Check-in of %(name)s undone.", name=company.name), "success")
    return redirect(url_for(".desk", event_id=event.id, q=request.args.get("q")))


# --- floor view ----------------------------------------------------------------------------------


def _now() -> datetime:
    """``?at=2026-11-26T10:05`` (venue time, or with an offset) shows the floor at that moment:
    for rehearsals and tests; otherwise the clock."""
    value = request.args.get("at", "")
    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        abort(400, description=_("Give the time as 2026-11-26T10:05."))
    return moment


@eventday.route("/organizer/events/<id:event_id>/floor")
@staff_required
def floor(event_id: int):
    from zoneinfo import ZoneInfo

    event = _event(event_id)
    now = _now()
    if now.tzinfo is None:
        now = now.replace(tzinfo=ZoneInfo(event.timezone))
    try:
        now = now.astimezone(UTC)
        now.astimezone(ZoneInfo(event.timezone))  # shown in venue time: must exist there too
    except (OverflowError, ValueError):
        abort(400, description=_("Give the time as 2026-11-26T10:05."))
    return render_template(
        "eventday/floor.html",
        event=event,
        view=queries.floor_view(event, now, parse_id(request.args.get("slot")), page_arg()),
        status_form=forms.StatusForm(),
        at=request.args.get("at", "")[:40],
    )


# --- one meeting on the day ----------------------------------------------------------------------


def _meeting_url(event: Event, request_id: int) -> str:
    return url_for(".meeting", event_id=event.id, request_id=request_id)


@eventday.route("/organizer/events/<id:event_id>/day/meetings/<id:request_id>")
@staff_required
def meeting(event_id: int, request_id: int):
    event = _event(event_id)
    plan, placement = operations.placement_for(event, request_id, current_user)
    rebook_form = forms.RebookForm()
    _rebook_choices(rebook_form, event)
    return render_template(
        "eventday/meeting.html",
        event=event,
        placement=placement,
        candidates=operations.replacement_candidates(event, plan, placement),
        status_form=forms.StatusForm(formdata=None, status=(placement.status or "")),
        rebook_form=rebook_form,
        action_form=forms.ActionForm(),
        trail=queries.day_status_trail(event, request_id),
    )


def _rebook_choices(form: forms.RebookForm, event: Event) -> None:
    slots = db.session.scalars(
        select(TimeSlot)
        .where(TimeSlot.event_id == event.id, TimeSlot.closed.is_(False))
        .order_by(TimeSlot.starts_at)
    )
    form.slot_id.choices = choices((s.id, format_slot(s.starts_at, event.timezone)) for s in slots)
    tables = db.session.scalars(
        select(MeetingTable).where(MeetingTable.event_id == event.id).order_by(MeetingTable.number)
    )
    form.table_id.choices = choices(
        [(0, _("First free table"))] + [(t.id, t.name or str(t.number)) for t in tables]
    )


@eventday.route("/events/<id:event_id>/day/meetings/<id:request_id>/status", methods=["POST"])
@login_required
def set_status(event_id: int, request_id: int):
    """Organizers and either party mark a meeting held, no-show or cancelled."""
    event = _event(event_id)
    plan, placement = operations.placement_for(event, request_id, current_user, slot_only=True)
    form = forms.StatusForm()
    if not form.validate():
        _bad_form(form)
    back = _back(event, form.back.data, placement, form.at.data)
    redirect_on_refusal(back)
    operations.set_meeting_status(
        event, plan, placement, form.chosen_status, current_user, form.absent_company_id.data
    )
    flash(_("Meeting status saved."), "success")
    return redirect(back)


def _back(event: Event, target: str | None, placement, at: str = "") -> str:
    if current_user.is_organizer and target == "floor":
        return url_for(".floor", event_id=event.id, slot=placement.slot_id, at=at or None)
    if current_user.is_organizer and target != "company":
        return _meeting_url(event, placement.request_id)
    company_id = (
        current_user.company_id
        if not current_user.is_organizer
        else placement.request.from_company_id
    )
    return url_for("outcomes.company_meetings", event_id=event.id, company_id=company_id)


@eventday.route(
    "/organizer/events/<id:event_id>/day/meetings/<id:request_id>/rebook", methods=["POST"]
)
@staff_required
def rebook(event_id: int, request_id: int):
    event = _event(event_id)
    plan, placement = operations.placement_for(event, request_id, current_user)
    form = forms.RebookForm()
    _rebook_choices(form, event)
    if not form.validate():
        _bad_form(form)
    slot = of_event_or_404(db.session.get(TimeSlot, form.slot_id.data), event)
    table = None
    if form.table_id.data:
        table = of_event_or_404(db.session.get(MeetingTable, form.table_id.data), event)
    redirect_on_refusal(_meeting_url(event, request_id))
    operations.rebook(event, placement, slot, table, current_user, plan)
    flash(_("Meeting moved; both companies are told by e-mail."), "success")
    return redirect(_meeting_url(event, request_id))


@eventday.route(
    "/organizer/events/<id:event_id>/day/meetings/<id:request_id>/replace/<id:candidate_id>",
    methods=["POST"],
)
@staff_required
def book_replacement(event_id: int, request_id: int, candidate_id: int):
    """Book an unscheduled request into the slot a fallen-through meeting freed."""
    event = _event(event_id)
    plan, freed = operations.placement_for(event, request_id, current_user)
    candidate = of_event_or_404(db.session.get(MeetingRequest, candidate_id), event)
    if not forms.ActionForm().validate():
        abort(400)
    redirect_on_refusal(_meeting_url(event, request_id))
    if not freed.fell_through:
        raise RuleViolation(_("This meeting still takes place."))
    operations.book_into_slot(event, candidate, freed.slot, current_user, plan)
    flash(_("Meeting booked; both companies are told by e-mail."), "success")
    return redirect(url_for(".floor", event_id=event.id, slot=freed.slot_id))
