"""Fixtures of the scheduling tests (the fairs themselves are built in ``tests/builders.py``)."""

from __future__ import annotations

import os

import pytest

from tests.builders import ReadyFair, build_ready_fair

REDIS_URL = os.environ.get("MATCHMAKER_TEST_REDIS_URL")


@pytest.fixture
def ready_fair(db_session) -> ReadyFair:
    fair = build_ready_fair()
    db_session.commit()
    return fair


@pytest.fixture
def redis_app(app):
    """The app with jobs going through RQ on the test Redis (a private, emptied database)."""
    assert REDIS_URL, "MATCHMAKER_TEST_REDIS_URL is not set"
    from redis import Redis

    Redis.from_url(REDIS_URL).flushdb()
    app.config["REDIS_URL"] = REDIS_URL
    yield app
    Redis.from_url(REDIS_URL).flushdb()
