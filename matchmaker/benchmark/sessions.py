"""Logged-in cookies for the benchmark's simulated users.

Logging in hundreds of users through ``/login`` would measure argon2id, not the pages; instead
each user is logged in inside a request context of the app itself (``login_user``), and the
session the app's own session interface saves is taken from the response, with the CSRF token
the forms expect. Whatever session machinery the app uses, the cookie is the one it issued.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, session
from flask_login import login_user
from flask_wtf.csrf import generate_csrf

from matchmaker.accounts.sessions import SESSION_TOKEN_KEY, start_session
from matchmaker.extensions import db
from matchmaker.models import User


@dataclass(frozen=True)
class UserSession:
    user_id: int
    company_id: int | None
    cookie: str  # the value of a ``Cookie:`` header
    csrf_token: str


def logged_in(app: Flask, user: User) -> UserSession:
    # A fresh application context: ``g`` holds the CSRF token once made, and each user needs
    # their own (and their own session), even when the caller holds an app context.
    user_id, company_id = user.id, user.company_id
    with app.app_context(), app.test_request_context("/"):
        own = db.session.get(User, user_id)
        login_user(own)
        session[SESSION_TOKEN_KEY] = start_session(own)  # the server-side session row
        db.session.commit()
        token = generate_csrf()
        response = app.make_response("")
        app.session_interface.save_session(app, session._get_current_object(), response)
        pairs = [header.split(";", 1)[0] for header in response.headers.getlist("Set-Cookie")]
    return UserSession(user_id, company_id, "; ".join(pairs), token)
