"""Blueprint ``agendas``: agenda pages and downloads, organizer exports, the public timetable."""

from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.access import organizer_required
from matchmaker.agendas import calendar, pdf, queries, spreadsheet
from matchmaker.enums import Side
from matchmaker.eventday.tokens import check_in_url
from matchmaker.extensions import db
from matchmaker.languages.recipients import in_language_of_document
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


def _published_meetings(event: Event):
    if event.published_version_id is None:
        abort(404, description=_("The schedule is not published yet."))
    return queries.schedule_as_it_stands(event)


@agendas.route("/organizer/events/<id:event_id>/schedule/published.csv")
@organizer_required
def schedule_csv(event_id: int):
    event = _event(event_id)
    body = spreadsheet.schedule_csv(event, _published_meetings(event))
    return _download(body, "text/csv", f"schedule-{event_id}.csv")


@agendas.route("/organizer/events/<id:event_id>/schedule/published.xlsx")
@organizer_required
def schedule_xlsx(event_id: int):
    event = _event(event_id)
    body = spreadsheet.schedule_xlsx(event, _published_meetings(event))
    return _download(
        body,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"schedule-{event_id}.xlsx",
    )


@agendas.route("/organizer/events/<id:event_id>/schedule/tables.pdf")
@organizer_required
def tables_pdf(event_id: int):
    event = _event(event_id)
    _published_meetings(event)
    body = pdf.table_sheets_pdf(event, queries.table_sheets(event))
    return _download(body, "application/pdf", f"tables-{event_id}.pdf")


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
