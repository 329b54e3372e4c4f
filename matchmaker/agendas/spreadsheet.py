"""The whole published schedule as CSV and XLSX, one row per meeting, as it stands on the fair
day (``scheduling.day_plan``, like the agendas): a rebooked meeting at its new slot and table, with
its day status ("moved", "held", "no_show", "cancelled") in the last column.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) are
prefixed with an apostrophe: company names and messages are user input.
"""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from matchmaker.enums import MeetingMode
from matchmaker.languages.formatting import aware
from matchmaker.models import Event
from matchmaker.params import strip_control_characters
from matchmaker.scheduling.day_plan import Placement

HEADER = [
    "date",
    "start",
    "end",
    "table",
    "mode",
    "company_a",
    "side_a",
    "company_b",
    "side_b",
    "interpreter",
    "video_link",
    "request_id",
    "day_status",
]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell value safe for any stored text: no control character (XLSX cannot hold them),
    and a text a spreadsheet would run as a formula is shown as text."""
    if isinstance(value, str):
        value = strip_control_characters(value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def schedule_rows(event: Event, placements: list[Placement]) -> list[list[object]]:
    zone = ZoneInfo(event.timezone)
    rows: list[list[object]] = []
    for p in placements:
        start, end = (
            aware(p.slot.starts_at).astimezone(zone),
            aware(p.slot.ends_at).astimezone(zone),
        )
        a, b = p.request.from_company, p.request.to_company
        mode = MeetingMode.ON_SITE if p.table is not None else MeetingMode.ONLINE
        rows.append(
            [
                start.date().isoformat(),
                start.strftime("%H:%M"),
                end.strftime("%H:%M"),
                p.table.number if p.table else "",
                mode.value,
                a.name,
                a.side.value,
                b.name,
                b.side.value,
                p.interpreter_language or "",
                p.video_link or "",
                p.request_id,
                p.status.value if p.status else "",
            ]
        )
    return [[neutralise(cell) for cell in row] for row in rows]


def schedule_csv(event: Event, placements: list[Placement]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(schedule_rows(event, placements))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8 (汉字)


def schedule_xlsx(event: Event, placements: list[Placement]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Schedule"
    sheet.append(HEADER)
    for row in schedule_rows(event, placements):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
