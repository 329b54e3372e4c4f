"""Blueprint ``home``: ``/``, the landing page for visitors and the dashboard for companies."""

from __future__ import annotations

from babel.dates import format_interval
from flask import Blueprint, redirect, render_template, url_for
from flask_babel import get_locale
from flask_login import current_user

from matchmaker.home import queries

home = Blueprint("home", __name__)


@home.app_template_filter("date_range")
def date_range(event) -> str:
    """An edition's dates for the locale ("9–10 Dec 2026", "2026年12月9日至10日")."""
    return format_interval(event.start_date, event.end_date, "yMMMd", locale=get_locale())


@home.route("/")
def index():
    if not current_user.is_authenticated:
        return render_template("home/landing.html", facts=queries.edition_facts())
    if current_user.is_organizer:
        return redirect(url_for("organizer.index"))
    return render_template(
        "home/dashboard.html",
        board=queries.dashboard(current_user),
        facts=queries.edition_facts(),
        profile_parts=queries.PROFILE_PARTS,
    )
