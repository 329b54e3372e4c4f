"""Blueprint ``request_messages``: the thread page of a meeting request."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.lifecycle import render_on_refusal
from matchmaker.request_messages import operations
from matchmaker.request_messages.forms import MessageForm

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
    render_on_refusal(
        "request_messages/thread.html",
        form=form,
        meeting_request=meeting_request,
        messages=operations.thread(current_user, meeting_request),
    )
    operations.post_message(current_user, meeting_request, form.body.data)
    flash(_("Your message is sent."), "success")
    return redirect(url_for("request_messages.thread_page", request_id=request_id))
