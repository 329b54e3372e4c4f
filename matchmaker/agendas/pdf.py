"""Printable PDFs (ReportLab): a company's agenda and the per-table sheets for floor staff.

Text is set in embedded TrueType faces (``fonts.py``): Latin in Noto Sans, Chinese runs in
WenQuanYi Micro Hei. Every cell is a Paragraph, so each run gets the face that has its glyphs.

The text is in the current locale: the view renders an agenda in its company's language
(``languages.recipients``) and table sheets in the organizer's; dates and times go through
``languages.formatting``.
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
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from matchmaker.agendas import fonts
from matchmaker.agendas.queries import Agenda, TableSheet
from matchmaker.languages.formatting import format_day, format_time, format_weekday_time, zone_name
from matchmaker.models import Event
from matchmaker.reference import language_name

FONT = fonts.LATIN
MARGIN = 15 * mm
BRAND = colors.HexColor("#123f73")

TITLE = ParagraphStyle(
    "title", fontName=FONT, fontSize=17, leading=22, spaceAfter=4, textColor=BRAND
)
SUBTITLE = ParagraphStyle("subtitle", fontName=FONT, fontSize=10, leading=13, textColor="#555555")
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11.5)
HEAD = ParagraphStyle("head", parent=CELL, textColor=colors.white)
GRID = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # the table's own default is Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), BRAND),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c5ccd6")),
        ("BOX", (0, 0), (-1, -1), 0.25, colors.HexColor("#c5ccd6")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f5f9")]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
)


def _text(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph whose Chinese runs are set in the Chinese face."""
    return Paragraph(fonts.markup(text), style)


def _cell(text: str) -> Paragraph:
    return _text(text, CELL)


def _row(cells: list[object], style: ParagraphStyle = CELL) -> list[object]:
    """Strings become paragraphs (fonts chosen per run); other flowables stay as they are."""
    return [_text(c, style) if isinstance(c, str) else c for c in cells]


def _document(buffer: io.BytesIO, title: str) -> SimpleDocTemplate:
    fonts.register()
    return SimpleDocTemplate(
        buffer, pagesize=A4, title=title, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=MARGIN, initialFontName=FONT,
    )  # fmt: skip


def check_in_qr(url: str, size: float = 32 * mm) -> Drawing:
    """A QR code of ``url`` (the company's signed check-in link), ``size`` wide."""
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.initialFontName = FONT  # else the drawing selects Helvetica, which is not embedded
    drawing.add(widget)
    return drawing


def agenda_pdf(agenda: Agenda, check_in_url: str | None = None) -> bytes:
    """The agenda; with ``check_in_url``, a QR code that the check-in desk scans."""
    event, zone, home = agenda.event, agenda.event_zone, agenda.home_zone
    buffer = io.BytesIO()
    story: list[object] = [
        _text(agenda.company.display_name, TITLE),
        _text(f"{event.name} · {event.venue}", SUBTITLE),
        _text(_zones_line(event.timezone, home.key if home else None), SUBTITLE),
        Spacer(1, 6 * mm),
    ]
    if check_in_url:
        story += [
            Table([[check_in_qr(check_in_url),
                    _cell(_("Show this code at the check-in desk when you arrive."))]],
                  colWidths=[36 * mm, None], style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                         ("FONTNAME", (0, 0), (-1, -1), FONT)]),
            Spacer(1, 4 * mm),
        ]  # fmt: skip
    header = [_("Day"), _("Time"), *([_("Your time")] if home else []), _("Meeting with"),
              _("Where"), _("Interpreter")]  # fmt: skip
    widths = [26 * mm, 24 * mm, *([22 * mm] if home else []), None, 32 * mm, 16 * mm]
    rows: list[list[object]] = [_row(header, HEAD)]
    for item in agenda.items:
        row: list[object] = [
            format_day(item.starts_at, zone),
            f"{format_time(item.starts_at, zone)}–{format_time(item.ends_at, zone)}",
        ]
        if home:
            row.append(format_weekday_time(item.starts_at, home))
        note = ""
        if item.fell_through:
            note = " (" + _("cancelled") + ")"
        elif item.changed_on_the_day:
            note = " (" + _("moved on the day") + ")"
        row += [
            item.counterpart.display_name + note,
            item.meeting.video_link or item.where,
            _language(item.meeting.interpreter_language),
        ]
        rows.append(_row(row))
    if len(rows) == 1:
        story.append(_cell(_("No meeting is scheduled for you.")))
    else:
        story.append(Table(rows, colWidths=_fill(widths), repeatRows=1, style=GRID))
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
            _text(label + (f" · {sheet.table.zone}" if sheet.table.zone else ""), TITLE),
            _text(f"{event.name} · {_zones_line(event.timezone, None)}", SUBTITLE),
            Spacer(1, 5 * mm),
        ]
        header = [_("Day"), _("Time"), _("Company"), _("Company"), _("Interpreter")]
        rows: list[list[object]] = [_row(header, HEAD)]
        for slot, meeting in sheet.rows:
            cells: list[object] = [
                format_day(slot.starts_at, zone),
                format_time(slot.starts_at, zone),
            ]
            if meeting is None:
                cells += ["—", "", ""]
            else:
                moved = meeting.day_status is not None and meeting.day_status.slot_id is not None
                cells += [
                    meeting.request.from_company.display_name,
                    meeting.request.to_company.display_name + (" (moved here)" if moved else ""),
                    _language(meeting.interpreter_language),
                ]
            rows.append(_row(cells))
        widths = _fill([26 * mm, 16 * mm, None, None, 16 * mm])
        story.append(Table(rows, colWidths=widths, repeatRows=1, style=GRID))
    if not story:
        story.append(_cell(_("No meeting at any table.")))
    _document(buffer, _("Table sheets of %(event)s", event=event.name)).build(story)
    return buffer.getvalue()


def _zones_line(venue_zone: str, home_zone: str | None) -> str:
    if home_zone:
        return _(
            "Times in %(zone)s (and %(home)s)",
            zone=zone_name(venue_zone),
            home=zone_name(home_zone),
        )
    return _("Times in %(zone)s", zone=zone_name(venue_zone))


def _language(code: str | None) -> str:
    """The interpreter's language by name, never its code."""
    return language_name(code) if code else ""


def _fill(widths: list[float | None]) -> list[float]:
    """Column widths with the page width left over shared by the ``None`` columns."""
    free = (A4[0] - MARGIN * 2 - sum(w for w in widths if w is not None)) / widths.count(None)
    return [free if w is None else w for w in widths]
