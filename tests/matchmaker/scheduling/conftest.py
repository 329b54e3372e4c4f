"""Fixtures of the scheduling tests (the fairs themselves are built in ``tests/builders.py``)."""

from __future__ import annotations

import pytest

from tests.builders import ReadyFair, build_ready_fair


@pytest.fixture
def ready_fair(db_session) -> ReadyFair:
    fair = build_ready_fair()
    db_session.commit()
    return fair
