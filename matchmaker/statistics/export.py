"""Statistics as CSV and XLSX, and every meeting's outcome as rows.

Cells go through ``matchmaker.agendas.spreadsheet.neutralise``: a company name or a comment that
a spreadsheet would run as a formula is written as text.
"""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from matchmaker.agendas.spreadsheet import neutralise
from matchmaker.enums import AgreementLevel
from matchmaker.outcomes.queries import MeetingOutcome
from matchmaker.reference import country_name, nace_division_label
from matchmaker.statistics.queries import CumulativeStats, EditionStats

FIGURE_HEADER = ["edition", "section", "item", "value"]
MEETING_HEADER = [
    "request_id",
    "date",
    "start",
    "table",
    "company_a",
    "side_a",
    "company_b",
    "side_b",
    "day_status",
    "absent_company",
    "held",
    "agreement",
    "agreement_type",
    "disagreement",
    *(
        f"{side}_{name}"
        for side in ("a", "b")
        for name in (
            "reported",
            "held",
            "interest",
            "next_step",
            "agreement",
            "agreement_type",
            "value",
            "currency",
            "comment",
        )
    ),
]
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _rate(value: float | None) -> object:
    return "" if value is None else round(value, 4)


def edition_figures(stats: EditionStats) -> list[list[object]]:
    """Every figure of an edition as (edition, section, item, value) rows."""
    name = stats.event.name
    rows: list[list[object]] = []

    def add(section: str, item: str, value: object) -> None:
        rows.append([name, section, item, value])

    for side, count in stats.registered_by_side.items():
        add("registered companies", side.label, count)
    for side, count in stats.participating_by_side.items():
        add("participating companies", side.label, count)
    for code, count in stats.registered_by_country.items():
        add("registered by country", f"{code} {country_name(code)}", count)
    for code, count in stats.registered_by_sector.items():
        add("registered by sector", nace_division_label(code) or code, count)
    for code, count in stats.participating_by_country.items():
        add("participating by country", f"{code} {country_name(code)}", count)
    for code, count in stats.participating_by_sector.items():
        add("participating by sector", nace_division_label(code) or code, count)
    add("requests", "sent", stats.requests_sent)
    add("requests", "accepted", stats.requests_accepted)
    add("meetings", "scheduled", stats.meetings_scheduled)
    add("meetings", "held", stats.meetings_held)
    add("meetings", "no-shows", stats.no_shows)
    add("meetings", "cancelled", stats.cancelled)
    add("meetings", "no-show rate", _rate(stats.no_show_rate))
    add("agreements", "intended", stats.agreements_intended)
    add("agreements", "signed", stats.agreements_signed)
    for kind, counts in stats.agreements_by_type.items():
        label = kind.label if kind else "unspecified"
        add("agreements by type", f"{label} / intended", counts[AgreementLevel.INTENTION])
        add("agreements by type", f"{label} / signed", counts[AgreementLevel.SIGNED])
    for (eu, cn), count in stats.agreements_by_sector_pair.items():
        add("agreements by sector pair", f"{eu} × {cn}", count)
    add("outcome reports", "expected", stats.reports_expected)
    add("outcome reports", "received", stats.reports_received)
    add("outcome reports", "response rate", _rate(stats.response_rate))
    add("outcome reports", "meetings with disagreeing reports", stats.disagreements)
    return [[neutralise(cell) for cell in row] for row in rows]


def cumulative_figures(stats: CumulativeStats) -> list[list[object]]:
    rows: list[list[object]] = []
    label = "all editions"
    rows.append([label, "editions", "count", len(stats.editions)])
    for side, count in stats.companies_by_side.items():
        rows.append([label, "companies (each counted once)", side.label, count])
    rows.append([label, "companies (each counted once)", "returning", stats.returning])
    rows.append([label, "meetings", "scheduled", stats.meetings_scheduled])
    rows.append([label, "meetings", "held", stats.meetings_held])
    rows.append([label, "agreements", "intended", stats.agreements_intended])
    rows.append([label, "agreements", "signed", stats.agreements_signed])
    if stats.past:
        # The history: editions run here and those entered with aggregate figures, added up.
        label = "all editions, aggregates included"
        rows.append([label, "editions", "count", stats.edition_count])
        rows.append([label, "editions", "first year", stats.first_year])
        for side, count in stats.participations_by_side_with_past.items():
            rows.append([label, "company participations", side.label, count])
        rows.append([label, "meetings", "held", stats.meetings_with_past])
        rows.append([label, "agreements", "total", stats.agreements_with_past])
    for edition in stats.editions:
        rows.extend(edition_figures(edition))
    for row in stats.over_the_years():
        if row.aggregate:
            rows.append([row.name, "aggregate figures", "year", row.year])
            for side, count in row.companies_by_side.items():
                rows.append([row.name, "aggregate figures", f"companies {side.label}", count])
            rows.append([row.name, "aggregate figures", "meetings held", row.meetings])
            rows.append([row.name, "aggregate figures", "agreements", row.agreements])
    return [[neutralise(cell) for cell in row] for row in rows]


def meeting_rows(outcomes: list[MeetingOutcome], timezone: str) -> list[list[object]]:
    zone = ZoneInfo(timezone)
    rows: list[list[object]] = []
    for outcome in outcomes:
        p = outcome.placement
        a, b = p.request.from_company, p.request.to_company
        start = p.slot.starts_at.astimezone(zone)
        absent = p.day_status.absent_company if p.day_status else None
        row: list[object] = [
            p.request_id,
            start.date().isoformat(),
            start.strftime("%H:%M"),
            p.table.number if p.table else "",
            a.name,
            a.side.value,
            b.name,
            b.side.value,
            p.status.value if p.status else "",
            absent.name if absent else "",
            "" if outcome.held is None else ("yes" if outcome.held else "no"),
            outcome.agreement.value,
            outcome.agreement_type.value if outcome.agreement_type else "",
            ", ".join(outcome.disagreements),
        ]
        for report in (outcome.from_report, outcome.to_report):
            if report is None:
                row += ["no", "", "", "", "", "", "", "", ""]
            else:
                row += [
                    "yes",
                    "yes" if report.held else "no",
                    report.interest or "",
                    report.next_step.value,
                    report.agreement.value,
                    report.agreement_type.value if report.agreement_type else "",
                    float(report.value) if report.value is not None else "",
                    report.currency or "",
                    report.comment,
                ]
        rows.append([neutralise(cell) for cell in row])
    return rows


def to_csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8


def to_xlsx(sheets: list[tuple[str, list[str], list[list[object]]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
