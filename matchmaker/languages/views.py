"""Blueprint ``languages``: the switcher's POST. A logged-in user's choice goes on the account
(it follows them to every device and to their e-mails); a visitor's goes in the session."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, session
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.languages import operations
from matchmaker.languages.forms import LanguageForm
from matchmaker.languages.selection import SESSION_KEY
from matchmaker.responses import safe_next

languages = Blueprint("languages", __name__)


@languages.route("/language", methods=["POST"])
def switch():
    form = LanguageForm()
    if not form.validate():  # an unknown language (a missing CSRF token answers 400 before)
        abort(400, description=_("This language is not available."))
    locale = form.locale.data
    if current_user.is_authenticated:
        operations.set_interface_language(
            current_user, locale, tuple(current_app.config["LANGUAGES"])
        )
    session[SESSION_KEY] = locale
    return redirect(safe_next(form.next.data) or "/")
