"""Blueprint ``history``: organizers enter past editions' aggregate figures (form or import)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from matchmaker.access import require_organizer
from matchmaker.extensions import db
from matchmaker.history import operations
from matchmaker.history.forms import DeleteForm, PastEditionForm, PastImportForm
from matchmaker.imports.reading import MAX_FILE_BYTES
from matchmaker.lifecycle import render_on_refusal
from matchmaker.models import PastEdition

history = Blueprint("history", __name__, url_prefix="/organizer/history")


def _render(form: PastEditionForm, import_form: PastImportForm | None = None, status: int = 200):
    return (
        render_template(
            "history/index.html",
            form=form,
            import_form=import_form or PastImportForm(formdata=None),
            delete_form=DeleteForm(formdata=None),
            past=operations.past_editions(current_user),
            editing=request.args.get("edit", type=int),
        ),
        status,
    )


@history.route("/")
@login_required
def index():
    require_organizer(current_user)
    form = PastEditionForm(formdata=None)
    edit_id = request.args.get("edit", type=int)
    if edit_id is not None:
        row = db.session.get(PastEdition, edit_id)
        if row is None:
            abort(404)
        form = PastEditionForm(formdata=None, obj=row)
    return _render(form)


@history.route("/", methods=["POST"])
@login_required
def save():
    require_organizer(current_user)
    form = PastEditionForm()
    if not form.validate():
        return _render(form, status=400)
    render_on_refusal(
        "history/index.html",
        form=form,
        import_form=PastImportForm(formdata=None),
        delete_form=DeleteForm(formdata=None),
        past=operations.past_editions(current_user),
        editing=request.args.get("edit", type=int),
    )
    operations.save_past_edition(
        current_user, form.data_object(), request.args.get("edit", type=int)
    )
    flash(_("The edition is saved."), "success")
    return redirect(url_for("history.index"))


@history.route("/import", methods=["POST"])
@login_required
def import_file():
    require_organizer(current_user)
    form = PastImportForm()
    if not form.validate():
        return _render(PastEditionForm(formdata=None), form, 400)
    render_on_refusal(
        "history/index.html",
        errors_on=form,
        form=PastEditionForm(formdata=None),
        import_form=form,
        delete_form=DeleteForm(formdata=None),
        past=operations.past_editions(current_user),
        editing=request.args.get("edit", type=int),
    )
    count = operations.import_past_editions(
        current_user, form.file.data.filename, form.file.data.read(MAX_FILE_BYTES + 1)
    )
    flash(ngettext("%(num)d edition imported.", "%(num)d editions imported.", count), "success")
    return redirect(url_for("history.index"))


@history.route("/<id:past_id>/delete", methods=["POST"])
@login_required
def delete(past_id: int):
    if not DeleteForm().validate():
        abort(400)
    operations.delete_past_edition(current_user, past_id)
    flash(_("The edition is deleted."), "success")
    return redirect(url_for("history.index"))
