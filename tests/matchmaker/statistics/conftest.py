from __future__ import annotations

import pytest

from tests.matchmaker.statistics.dataset import build_two_editions


@pytest.fixture
def editions(db_session):
    return build_two_editions()
