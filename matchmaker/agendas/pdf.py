"""Printable PDFs (ReportLab): a company's agenda and the per-table sheets for floor staff.

The text is in the current locale: the view renders an agenda in its company's language
(``languages.recipients``) and table sheets in the organizer's; dates and times go through
``languages.formatting``.

Text is set in ReportLab's built-in CID font STSong-Light, which covers Latin and Chinese
characters without shipping a font file (PDF readers supply the glyphs).
"""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
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
from matchmaker.languages.formatting import format_day, format_time, format_weekday_time
from matchmaker.models import Event
from matchmaker.reference import language_name

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
        Paragraph(_escape(_zones_line(event.timezone, home.key if home else None)), SUBTITLE),
        Spacer(1, 6 * mm),
    ]  # fmt: skip
    if check_in_url:
        story += [
            Table([[check_in_qr(check_in_url),
                    Paragraph(_escape(_("Show this code at the check-in desk when you arrive.")),
                              CELL)]],
                  colWidths=[36 * mm, None], style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
            Spacer(1, 4 * mm),
        ]  # fmt: skip
    header = [_("Day"), _("Time"), *([_("Your time")] if home else []), _("Meeting with"),
              _("Where"), _("Interpreter")]  # fmt: skip
    rows: list[list[object]] = [header]
    for item in agenda.items:
        row: list[object] = [
            format_day(item.starts_at, zone),
            f"{format_time(item.starts_at, zone)}–{format_time(item.ends_at, zone)}",
        ]
        if home:
            row.append(format_weekday_time(item.starts_at, home))
        where = item.meeting.video_link or item.where
        row += [
            _cell(item.counterpart.display_name),
            _cell(where),
            _cell(language_name(item.meeting.interpreter_language)),
        ]
        rows.append(row)
    if len(rows) == 1:
        story.append(Paragraph(_escape(_("No meeting is scheduled for you.")), CELL))
    else:
        story.append(Table(rows, repeatRows=1, style=GRID))
    _document(buffer, _("Agenda of %(company)s", company=agenda.company.name)).build(story)
    return buffer.getvalue()


def table_sheets_pdf(event: Event, sheets: list[TableSheet]) -> bytes:
    """One page per table: slot by slot, who sits there."""
    zone = ZoneInfo(event.timezone)
    buffer = io.BytesIO()
    story: list[object] = []
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        label = sheet.table.display_name
        story += [
            Paragraph(_escape(f"{label}" + (f" · {sheet.table.zone}" if sheet.table.zone else "")),
                      TITLE),
            Paragraph(_escape(f"{event.name} · {_zones_line(event.timezone, None)}"), SUBTITLE),
            Spacer(1, 5 * mm),
        ]  # fmt: skip
        rows: list[list[object]] = [
            [_("Day"), _("Time"), _("Company"), _("Company"), _("Interpreter")]
        ]
        for slot, meeting in sheet.rows:
            cells: list[object] = [
                format_day(slot.starts_at, zone),
                format_time(slot.starts_at, zone),
            ]
            if meeting is None:
                cells += ["—", "", ""]
            else:
                cells += [
                    _cell(meeting.request.from_company.display_name),
                    _cell(meeting.request.to_company.display_name),
                    _cell(language_name(meeting.interpreter_language)),
                ]
            rows.append(cells)
        story.append(Table(rows, repeatRows=1, style=GRID))
    if not story:
        story.append(Paragraph(_escape(_("No meeting at any table.")), CELL))
    _document(buffer, _("Table sheets of %(event)s", event=event.name)).build(story)
    return buffer.getvalue()


def _zones_line(venue_zone: str, home_zone: str | None) -> str:
    if home_zone:
        return _("Times in %(zone)s (and %(home)s)", zone=venue_zone, home=home_zone)
    return _("Times in %(zone)s", zone=venue_zone)
