"""Blueprint ``imports``: organizers upload a spreadsheet, see the preview of every row, and
confirm an error-free file."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.access import require_organizer
from matchmaker.editions import all_events
from matchmaker.extensions import db
from matchmaker.imports import operations
from matchmaker.imports.columns import COLUMNS
from matchmaker.imports.forms import ConfirmForm, UploadForm
from matchmaker.imports.reading import MAX_FILE_BYTES, MAX_ROWS
from matchmaker.imports.template import template_csv, template_xlsx
from matchmaker.lifecycle import redirect_on_refusal, render_on_refusal
from matchmaker.models import Event

imports = Blueprint("imports", __name__, url_prefix="/organizer/import")


def _upload_form() -> UploadForm:
    form = UploadForm()
    form.set_events(all_events())
    return form


def _limits() -> dict:
    return {"max_rows": MAX_ROWS, "max_mb": MAX_FILE_BYTES // 1024 // 1024}


@imports.route("/")
@login_required
def index():
    require_organizer(current_user)
    return render_template("imports/upload.html", form=_upload_form(), **_limits())


@imports.route("/", methods=["POST"])
@login_required
def upload():
    require_organizer(current_user)
    form = _upload_form()
    if not form.validate():
        return render_template("imports/upload.html", form=form, **_limits()), 400
    event = db.get_or_404(Event, form.event_id.data)
    data = form.file.data.read(MAX_FILE_BYTES + 1)
    render_on_refusal("imports/upload.html", form=form, **_limits())
    stored, _plan = operations.upload(
        current_user, event, form.file.data.filename, data, form.send_invitations.data
    )
    return redirect(url_for("imports.preview", upload_id=stored.id))


@imports.route("/<id:upload_id>")
@login_required
def preview(upload_id: int):
    stored, plan = operations.preview(current_user, upload_id)
    return render_template(
        "imports/preview.html",
        upload=stored,
        plan=plan,
        form=ConfirmForm(),
        labels={column.key: str(column.label) for column in COLUMNS},
    )


@imports.route("/<id:upload_id>", methods=["POST"])
@login_required
def confirm(upload_id: int):
    form = ConfirmForm()
    if not form.validate():
        return redirect(url_for("imports.preview", upload_id=upload_id))
    redirect_on_refusal(url_for("imports.preview", upload_id=upload_id))
    result = operations.apply_upload(current_user, upload_id)
    flash(
        _(
            "Imported: %(created)d new companies, %(updated)d updated, %(unchanged)d unchanged, "
            "%(requests)d meeting requests, %(invitations)d invitations.",
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            requests=result.requests,
            invitations=result.invitations,
        ),
        "success",
    )
    return redirect(url_for("imports.index"))


@imports.route("/template.xlsx")
@login_required
def template_xlsx_download():
    require_organizer(current_user)
    return Response(
        template_xlsx(),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": 'attachment; filename="companies-template.xlsx"'},
    )


@imports.route("/template.csv")
@login_required
def template_csv_download():
    require_organizer(current_user)
    return Response(
        template_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="companies-template.csv"'},
    )
