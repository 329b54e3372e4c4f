"""Blueprint ``agendas``: agenda pages and downloads, organizer exports, the public timetable."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.access import is_organizer, organizer_required
from matchmaker.agendas import calendar, exports, pdf, queries
from matchmaker.agendas.forms import ExportForm
from matchmaker.enums import ExportKind, Side
from matchmaker.eventday.tokens import check_in_url
from matchmaker.extensions import db
from matchmaker.languages.recipients import in_language_of_document
from matchmaker.lifecycle import redirect_on_refusal
from matchmaker.models import Company, Event
from matchmaker.participations.queries import latest_approved_participation

agendas = Blueprint("agendas", __name__)


def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


def _agenda(event_id: int, company_id: int) -> queries.Agenda:
    event = _event(event_id)
    company = db.session.get(Company, company_id)
    if company is None:
        abort(404)
    return queries.company_agenda(event, company, current_user)


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@agendas.route("/agenda")
@login_required
def my_agenda():
    """The representative's agenda at the newest edition the company takes part in."""
    if current_user.is_organizer:
        return redirect(url_for("organizer.index"))
    participation = latest_approved_participation(current_user.company_id)
    if participation is None:
        return render_template("agendas/none.html")
    return redirect(
        url_for(".agenda", event_id=participation.event_id, company_id=participation.company_id)
    )


@agendas.route("/events/<id:event_id>/agenda/<id:company_id>")
@login_required
def agenda(event_id: int, company_id: int):
    return render_template("agendas/agenda.html", agenda=_agenda(event_id, company_id))


def _published(agenda: queries.Agenda) -> queries.Agenda:
    if not agenda.published:
        abort(404, description=_("The schedule is not published yet."))
    return agenda


@agendas.route("/events/<id:event_id>/agenda/<id:company_id>.ics")
@login_required
def agenda_ics(event_id: int, company_id: int):
    agenda = _published(_agenda(event_id, company_id))
    return _download(
        calendar.agenda_calendar(agenda), "text/calendar", f"agenda-{event_id}-{company_id}.ics"
    )


@agendas.route("/events/<id:event_id>/agenda/<id:company_id>.pdf")
@login_required
def agenda_pdf(event_id: int, company_id: int):
    agenda = _published(_agenda(event_id, company_id))
    with in_language_of_document(agenda.company, current_user):
        body = pdf.agenda_pdf(agenda, check_in_url(event_id, company_id))
    return _download(
        body,
        "application/pdf",
        f"agenda-{event_id}-{company_id}.pdf",
    )


def _whole_edition(event_id: int, kind: ExportKind) -> ResponseReturnValue:
    """A small edition's file at once; a large one's page, where it is made in the background."""
    event = _event(event_id)
    if event.published_version_id is None:
        abort(404, description=_("The schedule is not published yet."))
    if exports.in_background(event, kind):
        return redirect(url_for(".export", event_id=event.id, kind=kind.value))
    built = exports.build(event, kind)
    return _download(built.body, built.mimetype, built.filename)


@agendas.route("/organizer/events/<id:event_id>/schedule/published.csv")
@organizer_required
def schedule_csv(event_id: int):
    return _whole_edition(event_id, ExportKind.SCHEDULE_CSV)


@agendas.route("/organizer/events/<id:event_id>/schedule/published.xlsx")
@organizer_required
def schedule_xlsx(event_id: int):
    return _whole_edition(event_id, ExportKind.SCHEDULE_XLSX)


@agendas.route("/organizer/events/<id:event_id>/schedule/tables.pdf")
@organizer_required
def tables_pdf(event_id: int):
    return _whole_edition(event_id, ExportKind.TABLE_SHEETS)


def _kind(kind: str) -> ExportKind:
    try:
        return ExportKind(kind)
    except ValueError:
        abort(404)


@agendas.route("/organizer/events/<id:event_id>/exports/<kind>")
@organizer_required
def export(event_id: int, kind: str):
    """An export made in the background: ask for it, watch it, download it."""
    event, export_kind = _event(event_id), _kind(kind)
    found = exports.export_of(event, export_kind)
    now = exports.utcnow()
    return render_template(
        "agendas/export.html",
        event=event,
        kind=export_kind,
        export=found,
        status=exports.shown_status(found, now) if found is not None else None,
        downloadable=exports.downloadable(found, now),
        expired=found is not None and found.expired(now),
        outdated=found is not None and found.version_id != event.published_version_id,
        form=ExportForm(),
    )


@agendas.route("/organizer/events/<id:event_id>/exports/<kind>", methods=["POST"])
@organizer_required
def request_export(event_id: int, kind: str):
    event, export_kind = _event(event_id), _kind(kind)
    back = url_for(".export", event_id=event.id, kind=export_kind.value)
    form = ExportForm()
    if not form.validate():
        abort(400)
    redirect_on_refusal(back)
    exports.request_export(current_user, event, export_kind)
    return redirect(back, code=303)


@agendas.route("/organizer/events/<id:event_id>/exports/<kind>/download")
@login_required
def download_export(event_id: int, kind: str):
    """The prepared file; for anyone but an organizer it does not exist (404)."""
    if not is_organizer(current_user):
        abort(404)
    event, export_kind = _event(event_id), _kind(kind)
    found = exports.export_of(event, export_kind)
    if found is None or not exports.downloadable(found, exports.utcnow()):
        abort(404)
    return _download(exports.file_content(found), found.mimetype, found.filename)


@agendas.route("/events/<id:event_id>/timetable")
def timetable(event_id: int):
    """Public: slots and meeting counts of the published schedule, no names."""
    event = _event(event_id)
    return render_template(
        "agendas/timetable.html",
        event=event,
        summary=queries.timetable_summary(event),
        Side=Side,
    )
