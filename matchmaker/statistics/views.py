"""Blueprint ``statistics``: the organizers' dashboards (per edition and cumulative), their
CSV/XLSX exports, and the public summary for the press (headline numbers only)."""

from __future__ import annotations

from flask import Blueprint, Response, render_template
from flask_babel import gettext as _

from matchmaker.access import organizer_required
from matchmaker.enums import AgreementLevel, Side
from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.outcomes.queries import meeting_outcomes
from matchmaker.reference import country_name, nace_division_label
from matchmaker.statistics import charts, export, queries

statistics = Blueprint("statistics", __name__)


def _event(event_id: int) -> Event:
    return db.get_or_404(Event, event_id)


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _edition_charts(stats: queries.EditionStats) -> dict:
    return {
        "sides": charts.grouped_bar_chart(
            _("Companies by side"),
            [
                (_(side.label), [stats.registered_by_side[side], stats.participating_by_side[side]])
                for side in Side
            ],
            [_("Registered"), _("Participating")],
        ),
        "countries": charts.bar_chart(
            _("Participating companies by country"),
            [
                (country_name(code), n)
                for code, n in list(stats.participating_by_country.items())[:15]
            ],
        ),
        "sectors": charts.bar_chart(
            _("Participating companies by sector"),
            [
                (nace_division_label(code) or code, n)
                for code, n in list(stats.participating_by_sector.items())[:15]
            ],
            color=charts.PALETTE[2],
        ),
        "meetings": charts.bar_chart(
            _("Meetings"),
            [
                (_("Requests sent"), stats.requests_sent),
                (_("Requests accepted"), stats.requests_accepted),
                (_("Meetings scheduled"), stats.meetings_scheduled),
                (_("Meetings held"), stats.meetings_held),
                (_("No-shows"), stats.no_shows),
            ],
        ),
        "agreements": charts.grouped_bar_chart(
            _("Agreements by type"),
            [
                (
                    _(kind.label) if kind else _("Unspecified"),
                    [c[AgreementLevel.INTENTION], c[AgreementLevel.SIGNED]],
                )
                for kind, c in stats.agreements_by_type.items()
            ],
            [_("Intended"), _("Signed")],
        ),
    }


@statistics.route("/organizer/events/<id:event_id>/statistics")
@organizer_required
def edition(event_id: int):
    event = _event(event_id)
    stats = queries.edition_stats(event)
    return render_template(
        "statistics/edition.html",
        event=event,
        stats=stats,
        charts=_edition_charts(stats),
        Side=Side,
        AgreementLevel=AgreementLevel,
        country_name=country_name,
        nace_division_label=nace_division_label,
    )


@statistics.route("/organizer/events/<id:event_id>/statistics.csv")
@organizer_required
def edition_csv(event_id: int):
    event = _event(event_id)
    rows = export.edition_figures(queries.edition_stats(event))
    return _download(
        export.to_csv(export.FIGURE_HEADER, rows), "text/csv", f"statistics-{event.id}.csv"
    )


@statistics.route("/organizer/events/<id:event_id>/outcomes.csv")
@organizer_required
def outcomes_csv(event_id: int):
    event = _event(event_id)
    rows = export.meeting_rows(meeting_outcomes(event), event.timezone)
    return _download(
        export.to_csv(export.MEETING_HEADER, rows), "text/csv", f"outcomes-{event.id}.csv"
    )


@statistics.route("/organizer/events/<id:event_id>/statistics.xlsx")
@organizer_required
def edition_xlsx(event_id: int):
    event = _event(event_id)
    outcomes = meeting_outcomes(event)
    body = export.to_xlsx(
        [
            (
                "Figures",
                export.FIGURE_HEADER,
                export.edition_figures(queries.edition_stats(event, outcomes)),
            ),
            ("Meetings", export.MEETING_HEADER, export.meeting_rows(outcomes, event.timezone)),
        ]
    )
    return _download(body, export.XLSX_MIMETYPE, f"statistics-{event.id}.xlsx")


@statistics.route("/organizer/statistics")
@organizer_required
def cumulative():
    stats = queries.cumulative_stats()
    years = [
        (_("%(year)d (aggregate)", year=row.year) if row.aggregate else str(row.year), row)
        for row in stats.over_the_years()
    ]
    chart = charts.grouped_bar_chart(
        _("Participating companies per edition"),
        [(label, [row.companies_by_side[side] for side in Side]) for label, row in years],
        [_(side.label) for side in Side],
    )
    outcome_chart = charts.grouped_bar_chart(
        _("Meetings held and agreements per edition"),
        [(label, [row.meetings, row.agreements]) for label, row in years],
        [_("Meetings held"), _("Agreements")],
    )
    return render_template(
        "statistics/cumulative.html",
        stats=stats,
        chart=chart,
        outcome_chart=outcome_chart,
        Side=Side,
    )


@statistics.route("/organizer/statistics.csv")
@organizer_required
def cumulative_csv():
    rows = export.cumulative_figures(queries.cumulative_stats())
    return _download(export.to_csv(export.FIGURE_HEADER, rows), "text/csv", "statistics.csv")


@statistics.route("/organizer/statistics.xlsx")
@organizer_required
def cumulative_xlsx():
    stats = queries.cumulative_stats()
    body = export.to_xlsx([("Figures", export.FIGURE_HEADER, export.cumulative_figures(stats))])
    return _download(body, export.XLSX_MIMETYPE, "statistics.xlsx")


@statistics.route("/statistics")
def public_summary():
    """For the press: headline numbers over all editions and per edition; no names, no personal
    data, nothing about single companies."""
    return render_template("statistics/public.html", stats=queries.public_summary(), Side=Side)
