"""Blueprint ``scheduling``: set-up, solver runs, draft review and edits, publishing.

Thin views: parse the form, call a service, redirect; the request commits at its end and a
refusal (``RuleViolation``) becomes a flash message on the page it came from
(``matchmaker.lifecycle``).
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from matchmaker import jobs
from matchmaker.access import organizer_required
from matchmaker.enums import RequestStatus, RunKind
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.formfields import choices
from matchmaker.languages.formatting import slot_label
from matchmaker.lifecycle import answer_on_refusal, redirect_on_refusal
from matchmaker.models import (
    Event,
    InterpreterPool,
    Meeting,
    MeetingRequest,
    MeetingTable,
    ScheduleRun,
    ScheduleVersion,
    TimeSlot,
)
from matchmaker.responses import of_event_or_404
from matchmaker.scheduling import editing, editor, forms, operations, publishing, runs
from matchmaker.scheduling.occupancy import Occupancy
from matchmaker.scheduling.review import review_version
from matchmaker.scheduling.tasks import execute_run

scheduling = Blueprint(
    "scheduling", __name__, url_prefix="/organizer/events/<id:event_id>/schedule"
)


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
    setup = operations.current_setup(event)
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
        runs=runs.recent_runs(event),
        meeting_counts=runs.meetings_per_version(event),
        versions=db.session.scalars(
            select(ScheduleVersion)
            .where(ScheduleVersion.event_id == event.id)
            .order_by(ScheduleVersion.number.desc())
        ).all(),
        active_run=runs.live_run(event),
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
    redirect_on_refusal(back)
    created = operations.save_setup(event, form.settings(), current_user)
    if created is None:
        flash(_("Set-up saved; the time slots are unchanged."), "success")
    else:
        flash(_("Set-up saved: %(count)d time slots.", count=created), "success")
    return redirect(back)


@scheduling.route("/slots/<id:slot_id>/toggle", methods=["POST"])
@organizer_required
def toggle_slot(event_id: int, slot_id: int):
    event = _event(event_id)
    slot = of_event_or_404(db.session.get(TimeSlot, slot_id), event)
    operations.set_slot_closed(slot, not slot.closed, current_user)
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
    redirect_on_refusal(back)
    operations.set_interpreters(event, form.pools.data, current_user)
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
    redirect_on_refusal(back)
    run = runs.start_run(event, current_user, time_limit_s=form.time_limit_s.data, kind=kind)
    jobs.enqueue_after_commit(execute_run, run.id, timeout=run.time_limit_s + 600)
    return redirect(url_for(".run", event_id=event.id, run_id=run.id))


@scheduling.route("/runs/<id:run_id>")
@organizer_required
def run(event_id: int, run_id: int):
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleRun, run_id), event)
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
    version = publishing.version_of_run(found)
    progress = {k: v for k, v in (found.progress or {}).items() if k != "heartbeat"}
    elapsed = runs.elapsed_seconds(found)
    if elapsed is not None:
        progress["elapsed_s"] = elapsed  # the clock, not the last solution's time
    return jsonify(
        status=found.shown_status.value,
        status_label=_(found.shown_status.label),  # what the page shows ("Running", "Finished")
        active=found.shown_status.is_active,
        progress=progress,
        error=_(found.shown_error) if found.shown_error else None,
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
    flash(_("The run is being cancelled."), "success")
    return redirect(url_for(".run", event_id=event.id, run_id=found.id))


PAGE_OF_UNSCHEDULED = 100


@scheduling.route("/versions/<id:version_id>")
@organizer_required
def version(event_id: int, version_id: int):
    """The review of a version: figures, difference from the published one, distribution and
    the unscheduled requests with their reasons (paginated); edits happen in the editor."""
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleVersion, version_id), event)
    review = review_version(found)
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10**5))
    pages = max(1, -(-len(review.unscheduled) // PAGE_OF_UNSCHEDULED))
    page = min(page, pages)
    return render_template(
        "scheduling/version.html",
        event=event,
        version=found,
        review=review,
        unscheduled=review.unscheduled[
            (page - 1) * PAGE_OF_UNSCHEDULED : page * PAGE_OF_UNSCHEDULED
        ],
        page=page,
        pages=pages,
        is_published=event.published_version_id == found.id,
    )


def _version_back(event: Event, version: ScheduleVersion) -> str:
    return url_for(".version", event_id=event.id, version_id=version.id)


def _editor_url(event: Event, version: ScheduleVersion, query: str = "") -> str:
    base = url_for(".editor", event_id=event.id, version_id=version.id)
    return f"{base}?{query}" if query else base


def _editor_context(event: Event, found: ScheduleVersion, filters, occupancy) -> dict:
    grid = editor.editor_grid(found, filters, occupancy)
    panel = editor.editor_panel(
        found,
        occupancy,
        meeting_id=request.args.get("meeting", type=int),
        request_id=request.args.get("request", type=int),
    )
    return {
        "event": event,
        "version": found,
        "grid": grid,
        "panel": panel,
        "filter_form": forms.EditorFilterForm(request.args),
        "edit_form": forms.EditForm(),
        "undo": _undo_for(found),
        "is_published": event.published_version_id == found.id,
        "back": _editor_url(event, found, filters.query()),
    }


@scheduling.route("/versions/<id:version_id>/editor", endpoint="editor")
@organizer_required
def editor_page(event_id: int, version_id: int):
    """The schedule editor: one day as a grid, filtered and paginated, with a meeting's panel."""
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleVersion, version_id), event)
    filters = forms.EditorFilterForm(request.args).filters()
    wants_panel = bool(request.args.get("meeting") or request.args.get("request"))
    context = _editor_context(
        event, found, filters, editor.load_occupancy(found, filters, wants_panel)
    )
    if request.args.get("fragment") == "panel":
        return render_template("scheduling/_editor_panel.html", **context)
    return render_template("scheduling/editor.html", **context)


def _undo_for(version: ScheduleVersion) -> editing.Edit | None:
    undo = editing.Edit.from_dict(session.get(UNDO_KEY))
    return undo if undo is not None and undo.version_id == version.id else None


UNDO_KEY = "editor_undo"


def _wants_json() -> bool:
    return request.headers.get("X-Editor") == "1"


def _refused_edit_json(error: RuleViolation):
    return jsonify(ok=False, message=error.message), error.status_code


def _on_refusal_back_to(back: str) -> None:
    """A refused edit answers the editor's script in its own JSON, a plain form with a redirect
    to ``back`` (the editor with its filters)."""
    if _wants_json():
        answer_on_refusal(_refused_edit_json)
    else:
        redirect_on_refusal(back)


def _editor_back(event: Event, version: ScheduleVersion) -> str:
    """Where a posted edit returns: the editor with the filters it came from (a path of this
    version's editor only), else the editor itself."""
    back = forms.EditForm().back.data or ""
    prefix = url_for(".editor", event_id=event.id, version_id=version.id)
    if back == prefix or back.startswith(prefix + "?"):
        return back
    return prefix


def _apply(event: Event, found: ScheduleVersion, edit: editing.Edit, done: str):
    """Apply one edit in one transaction; answer the JS island with the changed cells, or
    redirect back to the editor."""
    back = _editor_back(event, found)
    before = _touched_slots(found, edit)
    _on_refusal_back_to(back)
    meeting, undo = editing.apply_edit(found, edit, current_user)
    touched = before | ({meeting.slot_id} if meeting is not None else set())
    session[UNDO_KEY] = undo.as_dict()
    if not _wants_json():
        flash(done, "success")
        return redirect(back)
    return jsonify(ok=True, message=done, **_fragments(event, found, back, touched, meeting))


def _touched_slots(version: ScheduleVersion, edit: editing.Edit) -> set[int]:
    touched = {edit.slot_id} if edit.slot_id else set()
    if edit.meeting_id:
        meeting = db.session.get(Meeting, edit.meeting_id)
        if meeting is not None and meeting.version_id == version.id:
            touched.add(meeting.slot_id)
    return touched


def _fragments(event, found, back: str, touched: set[int], meeting) -> dict:
    """The HTML of every grid cell and capacity cell of the touched slots, and the panel."""
    query = back.partition("?")[2]
    args = MultiDict(parse_qsl(query))
    filters = forms.EditorFilterForm(args).filters()
    occupancy = Occupancy.of(found)
    grid = editor.editor_grid(found, filters, occupancy)
    panel = (
        editor.editor_panel(found, occupancy, meeting_id=meeting.id)
        if meeting is not None
        else None
    )
    context = {
        "event": event,
        "version": found,
        "grid": grid,
        "panel": panel,
        "edit_form": forms.EditForm(),
        "undo": _undo_for(found),
        "back": back,
        "is_published": False,
    }
    cells = {}
    capacity = {}
    template = current_app.jinja_env.get_template("scheduling/_editor_grid.html")
    module = template.make_module(context)
    for slot in grid.columns:
        if slot.id not in touched:
            continue
        capacity[f"cap-{slot.id}"] = str(module.capacity_cell(grid, slot))
        for row_key, _label in grid.rows:
            cells[grid.cell_id(row_key, slot.id)] = str(grid.cell_html(row_key, slot))
    return {
        "cells": cells,
        "capacity": capacity,
        "panel": render_template("scheduling/_editor_panel.html", **context),
        "figures": {"meetings": grid.meetings_in_version},
    }


@scheduling.route("/meetings/<id:meeting_id>/pin", methods=["POST"])
@organizer_required
def pin(event_id: int, meeting_id: int):
    event = _event(event_id)
    meeting = _meeting_of(event, meeting_id)
    pinned = request.form.get("pinned") == "1"
    edit = editing.Edit("pin", meeting.version_id, meeting.id, pinned=pinned)
    return _apply(
        event, meeting.version, edit, _("Meeting pinned.") if pinned else _("Meeting unpinned.")
    )


@scheduling.route("/meetings/<id:meeting_id>/remove", methods=["POST"])
@organizer_required
def remove(event_id: int, meeting_id: int):
    event = _event(event_id)
    meeting = _meeting_of(event, meeting_id)
    edit = editing.Edit("remove", meeting.version_id, meeting.id)
    return _apply(event, meeting.version, edit, _("Meeting removed from the draft."))


@scheduling.route("/meetings/<id:meeting_id>/move", methods=["POST"])
@organizer_required
def move(event_id: int, meeting_id: int):
    event = _event(event_id)
    meeting = _meeting_of(event, meeting_id)
    form = forms.MoveForm()
    _placement_choices(form, event, _slots(event), _tables(event))
    if not form.validate():
        abort(400, description=_("Choose a slot (and optionally a table)."))
    slot, table = _placement(event, form)
    edit = editing.Edit(
        "move",
        meeting.version_id,
        meeting.id,
        slot_id=slot.id,
        table_id=table.id if table else None,
    )
    return _apply(event, meeting.version, edit, _("Meeting moved."))


@scheduling.route("/versions/<id:version_id>/meetings", methods=["POST"])
@organizer_required
def add(event_id: int, version_id: int):
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleVersion, version_id), event)
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
    edit = editing.Edit(
        "add",
        found.id,
        request_id=meeting_request.id,
        slot_id=slot.id,
        table_id=table.id if table else None,
    )
    return _apply(event, found, edit, _("Meeting added and pinned."))


@scheduling.route("/versions/<id:version_id>/undo", methods=["POST"])
@organizer_required
def undo(event_id: int, version_id: int):
    """Undo the organizer's last edit of this draft (checked like any edit)."""
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleVersion, version_id), event)
    last = _undo_for(found)
    if last is None:
        _on_refusal_back_to(_editor_back(event, found))
        raise RuleViolation(_("There is no edit to undo."))
    # Undoing stores the inverse again, so a second "Undo" redoes the edit.
    return _apply(event, found, last, _("Last edit undone."))


def _placement_choices(form: forms.MoveForm, event: Event, slots, tables) -> None:
    form.slot_id.choices = choices((s.id, slot_label(s, event)) for s in slots)
    form.table_id.choices = choices(
        [(0, _("First free table"))] + [(t.id, t.name or str(t.number)) for t in tables]
    )


@scheduling.route("/versions/<id:version_id>/publish")
@organizer_required
def confirm_publish(event_id: int, version_id: int):
    """A second look before e-mailing companies: who is told, and what changes for them."""
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleVersion, version_id), event)
    return render_template(
        "scheduling/confirm_publish.html",
        event=event,
        version=found,
        preview=publishing.publication_preview(found, current_user),
        form=forms.EditForm(),
    )


@scheduling.route("/versions/<id:version_id>/publish", methods=["POST"])
@organizer_required
def publish(event_id: int, version_id: int):
    event = _event(event_id)
    found = of_event_or_404(db.session.get(ScheduleVersion, version_id), event)
    form = forms.PublishForm()
    if not form.validate():
        abort(400)
    redirect_on_refusal(_version_back(event, found))
    changed = publishing.publish(found, current_user, replaces=form.replaces.data)
    if changed:
        flash(_("Version %(number)d is published.", number=found.number), "success")
    else:
        flash(_("Version %(number)d was already published.", number=found.number), "success")
    return redirect(_version_back(event, found))


@scheduling.route("/draft", methods=["POST"])
@organizer_required
def edit_draft(event_id: int):
    event = _event(event_id)
    redirect_on_refusal(url_for(".overview", event_id=event.id))
    draft = editing.draft_for_editing(event, current_user)
    return redirect(_editor_url(event, draft))


def _meeting_of(event: Event, meeting_id: int):
    meeting = editing.get_meeting(meeting_id, current_user)
    of_event_or_404(meeting.version, event)
    return meeting


def _placement(event: Event, form: forms.MoveForm):
    slot = of_event_or_404(db.session.get(TimeSlot, form.slot_id.data), event)
    table = None
    if form.table_id.data:
        table = of_event_or_404(db.session.get(MeetingTable, form.table_id.data), event)
    return slot, table


def _tables(event: Event) -> list[MeetingTable]:
    return list(db.session.scalars(select(MeetingTable).where(MeetingTable.event_id == event.id)))
