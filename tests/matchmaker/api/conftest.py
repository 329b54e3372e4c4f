"""A small fair for the API tests: an edition taking requests, three approved companies (two
with a representative), a request between two of them, an organizer, and a personal token for
each person."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher

from matchmaker.enums import EventPhase, RequestStatus
from matchmaker.extensions import db
from matchmaker.models import Company, Event, MeetingRequest, User
from matchmaker.personal_tokens import create_api_token
from tests import factories
from tests.factories import make_company, make_event, make_organizer, make_participation, make_user

_cheap_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    monkeypatch.setattr(factories, "hash_password", _cheap_hasher.hash)


@dataclass
class ApiFair:
    event: Event
    dupont: Company
    chengdu: Company
    bosch: Company
    alice: User  # Dupont
    li: User  # Chengdu
    organizer: User
    request: MeetingRequest  # Dupont -> Chengdu, pending
    tokens: dict[str, str]  # person -> secret

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


@pytest.fixture
def api_fair(db_session) -> ApiFair:
    event = make_event(phase=EventPhase.REQUESTS)
    dupont = make_company("Dupont SA", "FR")
    chengdu = make_company("Chengdu Tech", "CN", name_zh="成都科技")
    bosch = make_company("Bosch Werke", "DE")
    for company in (dupont, chengdu, bosch):
        make_participation(event, company)
    alice, li = make_user(dupont), make_user(chengdu)
    organizer = make_organizer()
    request = MeetingRequest(
        event=event, from_company=dupont, to_company=chengdu, status=RequestStatus.PENDING
    )
    db.session.add(request)
    db.session.flush()
    tokens = {
        name: create_api_token(user, f"{name}'s script")[1]
        for name, user in (("alice", alice), ("li", li), ("organizer", organizer))
    }
    db_session.commit()
    return ApiFair(event, dupont, chengdu, bosch, alice, li, organizer, request, tokens)
