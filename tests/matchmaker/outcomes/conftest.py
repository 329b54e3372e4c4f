from __future__ import annotations

import pytest

from tests.builders import build_published_fair
from tests.conftest import fair_day_moment


@pytest.fixture
def fair(db_session):
    built = build_published_fair()
    db_session.commit()
    return built


@pytest.fixture(autouse=True)
def during_the_fair(clock):
    """Day statuses, check-ins and reports are written on the fair's days (matchmaker.phases)."""
    clock.set(fair_day_moment())
    return clock
