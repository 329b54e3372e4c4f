"""Blueprint ``scheduling``: set-up, solver runs, draft review and edits, publishing.

Thin views: parse the form, call a service, commit once, redirect. Refusals from services
(``RuleViolation``) become a flash message on the page they came from.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from matchmaker import jobs
from matchmaker.enums import RequestStatus, RunKind
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.formfields import choices
from matchmaker.languages.formatting import format_slot, format_time
from matchmaker.models import (
    Event,
    InterpreterPool,
    MeetingRequest,
    MeetingTable,
    ScheduleRun,
    ScheduleVersion,
    TimeSlot,
)
from matchmaker.organizer.views import organizer_required
from matchmaker.responses import of_event_or_404, redirect_refused
from matchmaker.scheduling import editing, forms, operations, publishing, runs
from matchmaker.scheduling.review import review_version
from matchmaker.scheduling.tasks import execute_run

scheduling = Blueprint(
    "scheduling", __name__, url_prefix="/organizer/events/<id:event_id>/schedule"
)


@scheduling.app_template_filter("event_time")
def event_time(moment, event: Event, with_day: bool = False) -> str:
    """A UTC timestamp shown in the event's time zone, for the reader's locale ("09:30", or
    with the day "Thu, Nov 26 09:30", "11月26日周四 09:30")."""
    if with_day:
        return format_slot(moment, event.timezone)
    return format_time(moment, event.timezone)


def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


def _slots(event: Event) -> list[TimeSlot]:
    return list(
        db.session.scalars(
            select(TimeSlot).where(TimeSlot.event_id == event.id).order_by(TimeSlot.starts_at)
        )
    )


@scheduling.route("/")
@organizer_required
def overview(event_id: int):
    event = _event(event_id)
    runs.reap_stale_runs(event)
    db.session.commit()
    setup = operations.setup_for(event)
    pools = {
        p.language: p.per_slot
        for p in db.session.scalars(
            select(InterpreterPool).where(InterpreterPool.event_id == event.id)
        )
    }
    return render_template(
        "scheduling/overview.html",
        event=event,
        setup_form=forms.SetupForm(obj=setup),
        interpreters_form=forms.InterpretersForm(pools=pools),
        run_form=forms.RunForm(time_limit_s=setup.time_limit_s),
        slots=_slots(event),
        tables=_tables(event),
        runs=db.session.scalars(
            select(ScheduleRun)
            .where(ScheduleRun.event_id == event.id)
            .order_by(ScheduleRun.id.desc())
            .limit(20)
        ).all(),
        versions=db.session.scalars(
            select(ScheduleVersion)
            .where(ScheduleVersion.event_id == event.id)
            .order_by(ScheduleVersion.number.desc())
        ).all(),
        active_run=runs.active_run(event),
    )


@scheduling.route("/setup", methods=["POST"])
@organizer_required
def save_setup(event_id: int):
    event = _event(event_id)
    form = forms.SetupForm()
    back = url_for(".overview", event_id=event.id)
    if not form.validate():
        for field_errors in form.errors.values():
            for message in field_errors:
                flash(str(message), "error")
        return redirect(back), 303
    setup = operations.setup_for(event)
    form.populate_obj(setup)
    try:
        created = operations.regenerate_slots(event, current_user)
    except RuleViolation as error:
        return redirect_refused(error, back)
    db.session.commit()
    flash(_("Set-up saved: %(count)d time slots.", count=created), "success")
    return redirect(back)


@scheduling.route("/slots/<id:slot_id>/toggle", methods=["POST"])
@organizer_required
def toggle_slot(event_id: int, slot_id: int):
    event = _event(event_id)
    slot = of_event_or_404(db.session.get(TimeSlot, slot_id), event)
    operations.set_slot_closed(slot, not slot.closed, current_user)
    db.session.commit()
    return redirect(url_for(".overview", event_id=event.id, _anchor="slots"))


@scheduling.route("/slots/<id:slot_id>/tables", methods=["POST"])
@organizer_required
def slot_tables(event_id: int, slot_id: int):
    event = _event(event_id)
    slot = of_event_or_404(db.session.get(TimeSlot, slot_id), event)
    form = forms.SlotTablesForm()
    if not form.validate():
        abort(400, description=" ".join(str(e) for e in form.table_count.errors))
    operations.set_slot_table_count(slot, form.table_count.data, current_user)
    db.session.commit()
    return redirect(url_for(".overview", event_id=event.id, _anchor="slots"))


@scheduling.route("/tables/<id:table_id>", methods=["POST"])
@organizer_required
def rename_table(event_id: int, table_id: int):
    event = _event(event_id)
    table = of_event_or_404(db.session.get(MeetingTable, table_id), event)
    form = forms.TableForm()
    if not form.validate():
        abort(400, description=" ".join(str(e) for errs in form.errors.values() for e in errs))
    operations.rename_table(table, form.name.data or "", form.zone.data or "", current_user)
    db.session.commit()
    return redirect(url_for(".overview", event_id=event.id, _anchor="tables"))


@scheduling.route("/interpreters", methods=["POST"])
@organizer_required
def save_interpreters(event_id: int):
    event = _event(event_id)
    form = forms.InterpretersForm()
    back = url_for(".overview", event_id=event.id)
    if not form.validate():
        flash(" ".join(str(e) for e in form.pools.errors), "error")
        return redirect(back)
    operations.set_interpreters(event, form.pools.data, current_user)
    db.session.commit()
    flash(_("Interpreters saved."), "success")
    return redirect(back)


@scheduling.route("/runs", methods=["POST"])
@organizer_required
def start_run(event_id: int):
    event = _event(event_id)
    form = forms.RunForm()
    back = url_for(".overview", event_id=event.id)
    if not form.validate():
        flash(" ".join(str(e) for e in form.time_limit_s.errors), "error")
        return redirect(back)
    kind = RunKind.REPLAN if request.form.get("kind") == RunKind.REPLAN.value else RunKind.SOLVE
    try:
        run = runs.start_run(event, current_user, time_limit_s=form.time_limit_s.data, kind=kind)
    except RuleViolation as error:
        return redirect_refused(error, back)
    db.session.commit()
    jobs.enqueue(execute_run, run.id, timeout=run.time_limit_s + 600)
    return redirect(url_for(".run", event_id=event.id, run_id=run.id))


@scheduling.route("/runs/<id:run_id>")
@organizer_required
def run(event_id: int, run_id: int):
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleRun, run_id), event)
    runs.reap_stale_runs(event)
    db.session.commit()
    return render_template(
        "scheduling/run.html",
        event=event,
        run=found,
        version=publishing.version_of_run(found),
    )


@scheduling.route("/runs/<id:run_id>/progress.json")
@organizer_required
def run_progress(event_id: int, run_id: int):
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleRun, run_id), event)
    runs.reap_stale_runs(event)
    db.session.commit()
    version = publishing.version_of_run(found)
    return jsonify(
        status=found.status.value,
        status_label=_(found.status.label),  # what the page shows ("Running", "Finished")
        active=found.status.is_active,
        progress={k: v for k, v in (found.progress or {}).items() if k != "heartbeat"},
        error=found.error,
        version_url=url_for(".version", event_id=event.id, version_id=version.id)
        if version
        else None,
    )


@scheduling.route("/runs/<id:run_id>/cancel", methods=["POST"])
@organizer_required
def cancel_run(event_id: int, run_id: int):
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleRun, run_id), event)
    runs.request_cancel(found, current_user)
    db.session.commit()
    flash(_("The run is being cancelled."), "success")
    return redirect(url_for(".run", event_id=event.id, run_id=found.id))


@scheduling.route("/versions/<id:version_id>")
@organizer_required
def version(event_id: int, version_id: int):
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleVersion, version_id), event)
    slots = [s for s in _slots(event) if not s.closed]
    tables = _tables(event)
    review = review_version(found)
    move_form = forms.MoveForm()
    _placement_choices(move_form, event, slots, tables)
    add_form = forms.AddMeetingForm()
    _placement_choices(add_form, event, slots, tables)
    add_form.request_id.choices = choices(
        (u.request.id, f"{u.request.from_company.name} – {u.request.to_company.name}")
        for u in review.unscheduled
    )
    return render_template(
        "scheduling/version.html",
        event=event,
        version=found,
        review=review,
        meetings=sorted(found.meetings, key=lambda m: (m.slot.starts_at, m.table_id or 0)),
        move_form=move_form,
        add_form=add_form,
        is_published=event.published_version_id == found.id,
    )


def _placement_choices(form: forms.MoveForm, event: Event, slots, tables) -> None:
    form.slot_id.choices = choices((s.id, format_slot(s.starts_at, event.timezone)) for s in slots)
    form.table_id.choices = choices(
        [(0, _("First free table"))] + [(t.id, t.display_name) for t in tables]
    )


def _version_back(event: Event, version: ScheduleVersion) -> str:
    return url_for(".version", event_id=event.id, version_id=version.id)


@scheduling.route("/versions/<id:version_id>/publish", methods=["POST"])
@organizer_required
def publish(event_id: int, version_id: int):
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleVersion, version_id), event)
    form = forms.PublishForm()
    if not form.validate():
        abort(400)
    try:
        changed = publishing.publish(found, current_user, replaces=form.replaces.data)
    except RuleViolation as error:
        return redirect_refused(error, _version_back(event, found))
    db.session.commit()
    if changed:
        flash(_("Version %(number)d is published.", number=found.number), "success")
    else:
        flash(_("Version %(number)d was already published.", number=found.number), "success")
    return redirect(_version_back(event, found))


@scheduling.route("/draft", methods=["POST"])
@organizer_required
def edit_draft(event_id: int):
    event = _event(event_id)
    try:
        draft = editing.draft_for_editing(event, current_user)
    except RuleViolation as error:
        return redirect_refused(error, url_for(".overview", event_id=event.id))
    db.session.commit()
    return redirect(_version_back(event, draft))


def _meeting_of(event: Event, meeting_id: int):
    meeting = editing.get_meeting(meeting_id, current_user)
    of_event_or_404(meeting.version, event)
    return meeting


@scheduling.route("/meetings/<id:meeting_id>/pin", methods=["POST"])
@organizer_required
def pin(event_id: int, meeting_id: int):
    event = _event(event_id)
    meeting = _meeting_of(event, meeting_id)
    try:
        editing.set_pinned(meeting, request.form.get("pinned") == "1", current_user)
    except RuleViolation as error:
        return redirect_refused(error, _version_back(event, meeting.version))
    db.session.commit()
    return redirect(_version_back(event, meeting.version))


@scheduling.route("/meetings/<id:meeting_id>/remove", methods=["POST"])
@organizer_required
def remove(event_id: int, meeting_id: int):
    event = _event(event_id)
    meeting = _meeting_of(event, meeting_id)
    version = meeting.version
    try:
        editing.remove_meeting(meeting, current_user)
    except RuleViolation as error:
        return redirect_refused(error, _version_back(event, version))
    db.session.commit()
    flash(_("Meeting removed from the draft."), "success")
    return redirect(_version_back(event, version))


def _placement(event: Event, form: forms.MoveForm):
    slot = of_event_or_404(db.session.get(TimeSlot, form.slot_id.data), event)
    table = None
    if form.table_id.data:
        table = of_event_or_404(db.session.get(MeetingTable, form.table_id.data), event)
    return slot, table


@scheduling.route("/meetings/<id:meeting_id>/move", methods=["POST"])
@organizer_required
def move(event_id: int, meeting_id: int):
    event = _event(event_id)
    meeting = _meeting_of(event, meeting_id)
    back = _version_back(event, meeting.version)
    form = forms.MoveForm()
    _placement_choices(form, event, _slots(event), _tables(event))
    if not form.validate():
        abort(400, description=_("Choose a slot (and optionally a table)."))
    slot, table = _placement(event, form)
    try:
        editing.move_meeting(meeting, slot, table, current_user)
    except RuleViolation as error:
        return redirect_refused(error, back)
    db.session.commit()
    flash(_("Meeting moved."), "success")
    return redirect(back)


@scheduling.route("/versions/<id:version_id>/meetings", methods=["POST"])
@organizer_required
def add(event_id: int, version_id: int):
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleVersion, version_id), event)
    back = _version_back(event, found)
    form = forms.AddMeetingForm()
    _placement_choices(form, event, _slots(event), _tables(event))
    form.request_id.choices = choices(
        (r.id, str(r.id))
        for r in db.session.scalars(
            select(MeetingRequest).where(
                MeetingRequest.event_id == event.id,
                MeetingRequest.status.in_([RequestStatus.ACCEPTED, RequestStatus.PENDING]),
            )
        )
    )
    if not form.validate():
        abort(400, description=_("Choose a request and a slot."))
    slot, table = _placement(event, form)
    meeting_request = of_event_or_404(db.session.get(MeetingRequest, form.request_id.data), event)
    try:
        editing.add_meeting(found, meeting_request, slot, table, current_user)
    except RuleViolation as error:
        return redirect_refused(error, back)
    db.session.commit()
    flash(_("Meeting added and pinned."), "success")
    return redirect(back)


def _tables(event: Event) -> list[MeetingTable]:
    return list(db.session.scalars(select(MeetingTable).where(MeetingTable.event_id == event.id)))
