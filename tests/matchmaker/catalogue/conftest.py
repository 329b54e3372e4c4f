"""Fixtures of the catalogue tests: fast password hashing for test users, and signing in without
the log-in form (the form itself is tested with accounts)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from tests import factories

_cheap_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    monkeypatch.setattr(factories, "hash_password", _cheap_hasher.hash)


@pytest.fixture
def sign_in(client):
    """``sign_in(user)`` logs ``user`` in on ``client`` (or on ``on=<another client>``)."""

    def sign_in(user, on=None):
        factories.sign_in_without_form(on or client, user)

    return sign_in
