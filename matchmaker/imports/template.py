"""The spreadsheet template to download, with headers in the organizer's language (an import
accepts the headers of any language, and the column keys)."""

from __future__ import annotations

import csv
import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from matchmaker.imports.columns import COLUMNS

EXAMPLE = {
    "registration_number": "DE-HRB-12345",
    "name": "Muster Maschinenbau GmbH",
    "country": "DE",
    "region": "Bayern",
    "sector": "28",
    "size_band": "medium",
    "founded_year": "1998",
    "website": "https://muster.example",
    "description": "Packaging machines",
    "cooperation_types": "trade;joint_venture",
    "languages": "de;en",
    "email": "anna.muster@muster.example",
    "full_name": "Anna Muster",
    "job_title": "Export manager",
    "locale": "en",
    "delegates": "2",
    "attendance": "on_site",
    "days": "1;2",
}


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Companies")
    sheet.append([str(column.label) for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append([EXAMPLE.get(column.key, "") for column in COLUMNS])
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(_("Help"))
    help_sheet.append([_("Column"), _("What goes in it"), _("Required")])
    for column in COLUMNS:
        help_sheet.append(
            [str(column.label), str(column.help), _("yes") if column.required else ""]
        )
    help_sheet.append([])
    help_sheet.append(
        [
            _(
                "Delete the example row before importing. Rows are matched on the registration "
                "number if given, else on the representative's e-mail: importing the same file "
                "again changes nothing."
            )
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(column.label) for column in COLUMNS])
    writer.writerow([EXAMPLE.get(column.key, "") for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8
