"""The whole published schedule as CSV and XLSX, one row per meeting.

Cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) are
prefixed with an apostrophe: company names and messages are user input.
"""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from openpyxl import Workbook

from matchmaker.models import Event, Meeting
from matchmaker.params import strip_control_characters

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


def schedule_rows(event: Event, meetings: list[Meeting]) -> list[list[object]]:
    zone = ZoneInfo(event.timezone)
    rows: list[list[object]] = []
    for m in meetings:
        start, end = m.slot.starts_at.astimezone(zone), m.slot.ends_at.astimezone(zone)
        a, b = m.request.from_company, m.request.to_company
        rows.append(
            [
                start.date().isoformat(),
                start.strftime("%H:%M"),
                end.strftime("%H:%M"),
                m.table.number if m.table else "",
                m.mode.value,
                a.name,
                a.side.value,
                b.name,
                b.side.value,
                m.interpreter_language or "",
                m.video_link or "",
                m.request_id,
            ]
        )
    return [[neutralise(cell) for cell in row] for row in rows]


def schedule_csv(event: Event, meetings: list[Meeting]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(schedule_rows(event, meetings))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8 (汉字)


def schedule_xlsx(event: Event, meetings: list[Meeting]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Schedule"
    sheet.append(HEADER)
    for row in schedule_rows(event, meetings):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
