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
