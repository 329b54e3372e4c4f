"""Blueprint ``request_messages``: the thread page of a meeting request."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.request_messages import operations
from matchmaker.request_messages.forms import MessageForm
from matchmaker.responses import form_refused

request_messages = Blueprint("request_messages", __name__)


def _render(form: MessageForm, meeting_request, status: int = 200):
    return (
        render_template(
            "request_messages/thread.html",
            form=form,
            meeting_request=meeting_request,
            messages=operations.thread(current_user, meeting_request),
        ),
        status,
    )


@request_messages.route("/requests/<id:request_id>/messages")
@login_required
def thread_page(request_id: int):
    return _render(MessageForm(), operations.request_for_thread(current_user, request_id))


@request_messages.route("/requests/<id:request_id>/messages", methods=["POST"])
@login_required
def post(request_id: int):
    meeting_request = operations.request_for_thread(current_user, request_id)
    form = MessageForm()
    if not form.validate():
        return _render(form, meeting_request, 400)
    try:
        operations.post_message(current_user, meeting_request, form.body.data)
    except RuleViolation as error:
        return form_refused(
            error,
            form,
            "request_messages/thread.html",
            meeting_request=meeting_request,
            messages=operations.thread(current_user, meeting_request),
        )
    db.session.commit()
    flash(_("Your message is sent."), "success")
    return redirect(url_for("request_messages.thread_page", request_id=request_id))
