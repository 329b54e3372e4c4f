"""Blueprint ``api_tokens``: a person's API tokens on the account page (make, list, revoke)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.api.forms import NewTokenForm, RevokeTokenForm
from matchmaker.lifecycle import render_on_refusal
from matchmaker.personal_tokens import api_tokens_of, create_api_token, revoke_api_token

api_tokens = Blueprint("api_tokens", __name__, url_prefix="/account/api-tokens")


def _page(form: NewTokenForm, new_secret: str | None = None, status: int = 200):
    return (
        render_template(
            "api/tokens.html",
            form=form,
            revoke_form=RevokeTokenForm(),
            tokens=api_tokens_of(current_user),
            new_secret=new_secret,
        ),
        status,
    )


@api_tokens.route("/")
@login_required
def index():
    return _page(NewTokenForm())


@api_tokens.route("/", methods=["POST"])
@login_required
def create():
    form = NewTokenForm()
    if not form.validate():
        return _page(form, status=400)
    render_on_refusal(
        "api/tokens.html",
        form=form,
        revoke_form=RevokeTokenForm(),
        tokens=api_tokens_of(current_user),
        new_secret=None,
    )
    _token, secret = create_api_token(current_user, form.name.data)
    flash(_("Copy the token now: it is shown only once."), "success")
    return _page(NewTokenForm(formdata=None), new_secret=secret)


@api_tokens.route("/<id:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    form = RevokeTokenForm()
    if form.validate():
        revoke_api_token(current_user, token_id)
        flash(_("The token is revoked: it no longer works."), "success")
    return redirect(url_for("api_tokens.index"))
