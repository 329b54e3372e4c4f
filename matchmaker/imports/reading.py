"""Reading an uploaded spreadsheet into rows of text: XLSX (openpyxl) or CSV (``csv``).

CSV encodings: UTF-8 with or without a byte-order mark, else GB18030 (what Chinese Excel
writes; a superset of GBK and GB2312). The delimiter is sniffed among comma, semicolon (French
and German Excel) and tab. Limits: ``MAX_FILE_BYTES`` and ``MAX_ROWS``, refused with a message.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from openpyxl import load_workbook

from matchmaker.errors import RuleViolation

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60
MAX_CELL_LENGTH = 5000


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # row i is spreadsheet row i + 2 (row 1 holds the headers)


class ImportRefused(RuleViolation):
    """The file cannot be read at all (size, format, encoding, no header)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "file", status_code=400)


def read_table(filename: str, data: bytes) -> Table:
    if not data:
        raise ImportRefused(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(
            _(
                "The file is too large (%(size)s MB); the limit is %(limit)s MB. Split it into "
                "several files.",
                size=f"{len(data) / 1024 / 1024:.1f}",
                limit=MAX_FILE_BYTES // 1024 // 1024,
            )
        )
    name = (filename or "").lower()
    if name.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        raw_rows = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt")):
        raw_rows = _csv_rows(data)
    else:
        raise ImportRefused(_("Upload an .xlsx or .csv file."))
    rows = [[_cell_text(value) for value in row] for row in raw_rows]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows or not any(rows[0]):
        raise ImportRefused(_("The first row must hold the column names."))
    headers = [header.strip() for header in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise ImportRefused(_("The file has more than %(n)d columns.", n=MAX_COLUMNS))
    body = [row[: len(headers)] + [""] * (len(headers) - len(row)) for row in rows[1:]]
    if len(body) > MAX_ROWS:
        raise ImportRefused(
            _(
                "The file has %(rows)d rows; at most %(limit)d can be imported at once. Split it "
                "into several files.",
                rows=len(body),
                limit=MAX_ROWS,
            )
        )
    return Table(headers=headers, rows=body)


def decode_csv(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(_("The file is neither UTF-8 nor GB18030 text. Save it as CSV UTF-8."))


def _csv_rows(data: bytes) -> list[list[str]]:
    text = decode_csv(data)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = []
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    except csv.Error as error:
        raise ImportRefused(
            _("The CSV file cannot be read: %(error)s", error=str(error))
        ) from error


def _xlsx_rows(data: bytes) -> list[list[object]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportRefused(_("This is not a readable .xlsx file.")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()[:MAX_CELL_LENGTH]
