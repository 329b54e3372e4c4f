from __future__ import annotations

import pytest

from tests.builders import build_published_fair


@pytest.fixture
def fair(db_session):
    built = build_published_fair()
    db_session.commit()
    return built
