"""Fast password hashing for test users."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from tests import factories

_cheap_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    monkeypatch.setattr(factories, "hash_password", _cheap_hasher.hash)
