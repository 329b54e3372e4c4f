from __future__ import annotations

import pytest

from tests.conftest import fair_day_moment
from tests.matchmaker.statistics.dataset import build_two_editions


@pytest.fixture
def editions(db_session):
    return build_two_editions()


@pytest.fixture(autouse=True)
def after_both_fairs(clock):
    """The organizers record both editions' days and reports afterwards (matchmaker.phases)."""
    clock.set(fair_day_moment(day=24))
    return clock
