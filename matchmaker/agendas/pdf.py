"""Printable PDFs (ReportLab): a company's agenda and the per-table sheets for floor staff.

Text is set in ReportLab's built-in CID font STSong-Light, which covers Latin and Chinese
characters without shipping a font file (PDF readers supply the glyphs).
"""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from matchmaker.agendas.queries import Agenda, TableSheet
from matchmaker.models import Event

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

TITLE = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=20, spaceAfter=4)
SUBTITLE = ParagraphStyle("subtitle", fontName=FONT, fontSize=10, leading=13, textColor="#555555")
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11)
GRID = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1d4e89")),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> Paragraph:
    return Paragraph(_escape(text), CELL)


def _document(buffer: io.BytesIO, title: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer, pagesize=A4, title=title, leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=15 * mm, bottomMargin=15 * mm,
    )  # fmt: skip


def check_in_qr(url: str, size: float = 32 * mm) -> Drawing:
    """A QR code of ``url`` (the company's signed check-in link), ``size`` wide."""
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def agenda_pdf(agenda: Agenda, check_in_url: str | None = None) -> bytes:
    """The agenda; with ``check_in_url``, a QR code that the check-in desk scans."""
    event, zone, home = agenda.event, agenda.event_zone, agenda.home_zone
    buffer = io.BytesIO()
    story: list[object] = [
        Paragraph(_escape(agenda.company.display_name), TITLE),
        Paragraph(_escape(f"{event.name} · {event.venue}"), SUBTITLE),
        Paragraph(_escape(f"Times in {event.timezone}" + (f" (and {home.key})" if home else "")),
                  SUBTITLE),
        Spacer(1, 6 * mm),
    ]  # fmt: skip
    if check_in_url:
        story += [
            Table([[check_in_qr(check_in_url),
                    Paragraph("Show this code at the check-in desk when you arrive.", CELL)]],
                  colWidths=[36 * mm, None], style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
            Spacer(1, 4 * mm),
        ]  # fmt: skip
    header = ["Day", "Time", *(["Your time"] if home else []), "Meeting with", "Where", "Interp."]
    rows: list[list[object]] = [header]
    for item in agenda.items:
        local = item.starts_at.astimezone(zone)
        end = item.ends_at.astimezone(zone)
        row: list[object] = [local.strftime("%a %d %b"), f"{local:%H:%M}–{end:%H:%M}"]
        if home:
            row.append(item.starts_at.astimezone(home).strftime("%a %H:%M"))
        where = item.meeting.video_link or item.where
        row += [
            _cell(item.counterpart.display_name),
            _cell(where),
            item.meeting.interpreter_language or "",
        ]
        rows.append(row)
    if len(rows) == 1:
        story.append(Paragraph("No meeting is scheduled for you.", CELL))
    else:
        story.append(Table(rows, repeatRows=1, style=GRID))
    _document(buffer, f"Agenda – {agenda.company.name}").build(story)
    return buffer.getvalue()


def table_sheets_pdf(event: Event, sheets: list[TableSheet]) -> bytes:
    """One page per table: slot by slot, who sits there."""
    zone = ZoneInfo(event.timezone)
    buffer = io.BytesIO()
    story: list[object] = []
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        label = sheet.table.name or f"Table {sheet.table.number}"
        story += [
            Paragraph(_escape(f"{label}" + (f" · {sheet.table.zone}" if sheet.table.zone else "")),
                      TITLE),
            Paragraph(_escape(f"{event.name} · times in {event.timezone}"), SUBTITLE),
            Spacer(1, 5 * mm),
        ]  # fmt: skip
        rows: list[list[object]] = [["Day", "Time", "Company", "Company", "Interp."]]
        for slot, meeting in sheet.rows:
            start = slot.starts_at.astimezone(zone)
            cells: list[object] = [start.strftime("%a %d %b"), start.strftime("%H:%M")]
            if meeting is None:
                cells += ["—", "", ""]
            else:
                cells += [
                    _cell(meeting.request.from_company.display_name),
                    _cell(meeting.request.to_company.display_name),
                    meeting.interpreter_language or "",
                ]
            rows.append(cells)
        story.append(Table(rows, repeatRows=1, style=GRID))
    if not story:
        story.append(Paragraph("No meeting at any table.", CELL))
    _document(buffer, f"Table sheets – {event.name}").build(story)
    return buffer.getvalue()
