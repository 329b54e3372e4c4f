"""Shared fixtures.

The web-app suite runs once per database backend: SQLite always, PostgreSQL too when
``MATCHMAKER_TEST_DATABASE_URL`` is set (``.ci/run`` sets it). A configured but unreachable
PostgreSQL fails the run; it is never skipped silently. Each pytest process works in a private
PostgreSQL database (created from the configured one and dropped at the end), so parallel runs on
one server do not disturb each other.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator

import pytest
from flask import g
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get("MATCHMAKER_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("MATCHMAKER_TEST_REDIS_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def pytest_sessionstart(session) -> None:
    """Compile message catalogues changed since the last ``make install`` (a merge brought new
    translations): the tests must see the .po files as they are, not a stale .mo."""
    from matchmaker.languages import catalogues

    if catalogues.stale_compiled():
        catalogues.compile_all()


def pytest_report_header(config) -> list[str]:
    if POSTGRES_URL:
        return [f"database backends: sqlite, postgresql ({make_url(POSTGRES_URL).host})"]
    return ["database backends: sqlite only (set MATCHMAKER_TEST_DATABASE_URL for PostgreSQL)"]


@pytest.fixture(scope="session")
def postgres_database_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped afterwards."""
    assert POSTGRES_URL, "MATCHMAKER_TEST_DATABASE_URL is not set"
    server_url = make_url(POSTGRES_URL)
    name = f"matchmaker_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite'}"
    return request.getfixturevalue("postgres_database_url")


@pytest.fixture
def app(database_url, tmp_path):
    from matchmaker import create_app, jobs
    from matchmaker.extensions import db

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret-key",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            "REDIS_URL": None,
            "SMTP_HOST": None,
            # Tests log in many times from one address; throttling has its own tests.
            "RATELIMIT_ENABLED": False,
            "CACHE_MAX_STALENESS_S": 0,  # a cached figure is retired at the first change
        }
    )

    @app.before_request
    def _user_from_this_requests_cookie():
        # Tests that hold an app context (db_session) make every request share it, and
        # Flask-Login caches the user on it: without this, a second test client would act as
        # the user the first one logged in. Each request must take its user from its cookie.
        g.pop("_login_user", None)
        g.pop("_flask_babel", None)  # Flask-Babel caches the request's locale on g likewise

    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    job_runner = app.extensions.get(jobs.EXTENSION_KEY)
    if isinstance(job_runner, jobs.InProcessRunner):
        job_runner.shutdown()  # a job still writing would block dropping the tables
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def redis_app(app):
    """The app with jobs going through RQ on the test Redis (a private, emptied database)."""
    assert REDIS_URL, "MATCHMAKER_TEST_REDIS_URL is not set"
    from redis import Redis

    Redis.from_url(REDIS_URL).flushdb()
    app.config["REDIS_URL"] = REDIS_URL
    yield app
    Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db_session(app):
    """The app's SQLAlchemy session inside an application context."""
    from matchmaker.extensions import db

    with app.app_context():
        yield db.session


CSRF_TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    """The CSRF token of the first form on a page (for tests that keep CSRF on)."""
    match = CSRF_TOKEN_RE.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def login_with_csrf(client, email: str, password: str) -> None:
    """Log in through the real form of an app that keeps CSRF on."""
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}
    )
    assert response.status_code == 302, "log-in failed"


class Clock:
    """Stands in for ``matchmaker.phases.now``: the real time until ``set`` moves it."""

    def __init__(self) -> None:
        self.moment = None

    def set(self, moment) -> None:
        from datetime import UTC

        self.moment = moment.astimezone(UTC)

    def __call__(self):
        from datetime import UTC, datetime

        return self.moment or datetime.now(UTC)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """Move the time the phase rules see (``clock.set(datetime(..., tzinfo=...))``)."""
    from matchmaker import phases

    replacement = Clock()
    monkeypatch.setattr(phases, "now", replacement)
    return replacement


def fair_day_moment(day: int = 0, hour: int = 10):
    """A moment on a day of the test fairs (``make_event``: 26–27 Nov 2026, Asia/Shanghai)."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    first = datetime(2026, 11, 26, hour, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    return first + timedelta(days=day)
