"""The load benchmark's own parts: the cookies it issues log users in, and a refused action is
told from a success by its flashed message."""

from __future__ import annotations

from flask import flash, session

from matchmaker.benchmark.command import _refused
from matchmaker.benchmark.load import LabelFigures
from matchmaker.benchmark.sessions import logged_in
from tests.factories import make_user


def test_a_benchmark_session_cookie_is_a_logged_in_user(app, db_session):
    user = make_user()
    db_session.commit()
    issued = logged_in(app, user)
    client = app.test_client()
    name, _sep, value = issued.cookie.partition("=")
    client.set_cookie(name, value)
    assert client.get("/account/").status_code == 200
    assert app.test_client().get("/account/").status_code == 302  # without it: log in first


def test_a_flashed_error_marks_a_refused_write(app):
    serializer = app.session_interface.get_signing_serializer(app)
    cookies = {}
    for category in ("error", "success"):
        with app.test_request_context("/"):
            flash("message", category)
            cookies[category] = "session=" + serializer.dumps(dict(session)) + "; Path=/"
    assert _refused(serializer, cookies["error"])
    assert not _refused(serializer, cookies["success"])
    assert not _refused(serializer, "")


def test_percentiles_are_nearest_rank():
    figures = LabelFigures("page", 100, 0, [float(n) for n in range(1, 101)])
    assert (figures.percentile(50), figures.percentile(95), figures.percentile(99)) == (50, 95, 99)


def test_each_benchmark_user_gets_a_csrf_token_of_their_own(app, db_session):
    first, second = make_user(), make_user()
    db_session.commit()
    a, b = logged_in(app, first), logged_in(app, second)
    assert a.csrf_token != b.csrf_token
    for issued in (a, b):  # a form post with the user's own token passes the CSRF check
        app.config["WTF_CSRF_ENABLED"] = True
        client = app.test_client()
        name, _sep, value = issued.cookie.partition("=")
        client.set_cookie(name, value)
        response = client.post("/logout", data={"csrf_token": issued.csrf_token})
        assert response.status_code == 302
