"""Blueprint ``notifications``: a person's choice of e-mails (under /account) and the
organizers' outbox (under /organizer)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from matchmaker.access import require_organizer
from matchmaker.enums import NotificationKind, OutboxStatus
from matchmaker.lifecycle import redirect_on_refusal
from matchmaker.notifications import operations, queries
from matchmaker.notifications.delivery import INTERRUPTED
from matchmaker.notifications.forms import PreferencesForm, RetryForm

notifications = Blueprint("notifications", __name__)


@notifications.route("/account/notifications", methods=["GET", "POST"])
@login_required
def preferences():
    form = PreferencesForm()
    if request.method == "GET":
        form.kinds.data = [kind.value for kind in operations.chosen_kinds(current_user)]
    elif form.validate():
        operations.choose_kinds(current_user, form.chosen())
        flash(_("Your choice of e-mails is saved."), "success")
        return redirect(url_for("notifications.preferences"))
    else:
        return render_template("notifications/preferences.html", form=form, always=_always()), 400
    return render_template("notifications/preferences.html", form=form, always=_always())


def _always() -> list[NotificationKind]:
    return [kind for kind in NotificationKind if kind.always_sent]


@notifications.route("/organizer/outbox")
@login_required
def outbox():
    require_organizer(current_user)
    status_arg = request.args.get("status", "")
    try:
        status = OutboxStatus(status_arg) if status_arg else None
    except ValueError:
        abort(404)
    page = request.args.get("page", 1, type=int) or 1
    messages, pages = queries.outbox_page(current_user, status, page)
    return render_template(
        "notifications/outbox.html",
        messages=messages,
        pages=pages,
        page=page,
        status=status,
        counts=queries.outbox_counts(current_user),
        statuses=list(OutboxStatus),
        interrupted=INTERRUPTED,
        failed_status=OutboxStatus.FAILED,
        form=RetryForm(),
    )


@notifications.route("/organizer/outbox/<id:message_id>/retry", methods=["POST"])
@login_required
def retry(message_id: int):
    form = RetryForm()
    back = url_for("notifications.outbox", status="failed")
    if not form.validate():
        abort(400)
    redirect_on_refusal(back)
    operations.retry_message(current_user, message_id)
    flash(_("The e-mail will be sent again."), "success")
    return redirect(back)


@notifications.route("/organizer/outbox/retry-failed", methods=["POST"])
@login_required
def retry_failed():
    form = RetryForm()
    if not form.validate():
        abort(400)
    count = operations.retry_all_failed(current_user)
    flash(
        ngettext(
            "%(num)d e-mail will be sent again.", "%(num)d e-mails will be sent again.", count
        ),
        "success",
    )
    return redirect(url_for("notifications.outbox"))
