"""Blueprint ``calendar_feed``: the private subscription URL of each representative's agenda,
and the account page where it is made and revoked."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.agendas.feed import subscription_calendar
from matchmaker.agendas.forms import FeedForm
from matchmaker.mail import absolute_url
from matchmaker.personal_tokens import (
    active_feed_token,
    create_feed_token,
    revoke_feed_token,
    user_for_feed_token,
)

calendar_feed = Blueprint("calendar_feed", __name__)


@calendar_feed.route("/calendar/<secret>.ics")
def feed(secret: str):
    """No log-in: the secret is the key. Unknown, revoked, or not a representative: 404."""
    user = user_for_feed_token(secret)
    if user is None or user.company is None:
        abort(404)
    response = make_response(subscription_calendar(user))
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'inline; filename="meetings.ics"'
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _links(secret: str) -> dict[str, str]:
    https = absolute_url("calendar_feed.feed", secret=secret)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


@calendar_feed.route("/account/calendar")
@login_required
def settings():
    return _page()


def _page(secret: str | None = None):
    if current_user.company is None:
        abort(404)
    return render_template(
        "agendas/feed.html",
        form=FeedForm(),
        active=active_feed_token(current_user),
        links=_links(secret) if secret else None,
    )


@calendar_feed.route("/account/calendar", methods=["POST"])
@login_required
def make_link():
    if current_user.company is None:
        abort(404)
    if not FeedForm().validate():
        abort(400)
    secret = create_feed_token(current_user)
    flash(_("Your calendar link is ready. Copy it now: it is shown only once."), "success")
    return _page(secret)


@calendar_feed.route("/account/calendar/revoke", methods=["POST"])
@login_required
def revoke_link():
    if not FeedForm().validate():
        abort(400)
    if revoke_feed_token(current_user):
        flash(_("Your calendar link is revoked: calendars that use it stop updating."), "success")
    return redirect(url_for("calendar_feed.settings"))
