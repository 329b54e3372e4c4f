"""A small demo fair for the language tests: pages, e-mails and PDFs need real data."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from matchmaker.accounts.operations import confirmation_token, password_token
from matchmaker.demo.builder import DemoBuilder
from matchmaker.enums import Role
from matchmaker.models import Meeting, Participation, ScheduleRun, ScheduleVersion, User
from matchmaker.passwords import hash_password
from tests.factories import PASSWORD


@dataclass
class Fair:
    past_event_id: int
    company_id: int
    request_id: int
    version_id: int
    run_id: int
    participation_id: int
    representative: str
    organizer: str
    reset_token: str
    representative_id: int
    confirm_token: str


@pytest.fixture
def fair(app, db_session) -> Fair:
    result = DemoBuilder(companies=14, seed=9).build()
    past = result.events[1]  # the 2025 edition: published schedule, statuses, reports
    version = db_session.scalar(
        select(ScheduleVersion).where(ScheduleVersion.id == past.published_version_id)
    )
    meeting = db_session.scalars(select(Meeting).where(Meeting.version_id == version.id)).first()
    company = meeting.request.from_company
    representative = db_session.scalars(select(User).where(User.company_id == company.id)).first()
    organizer = db_session.scalars(select(User).where(User.role == Role.ORGANIZER)).first()
    for user in (representative, organizer):
        user.password_hash = hash_password(PASSWORD)
        user.locale = "en"
    run = ScheduleRun(event_id=past.id, time_limit_s=10, created_by_id=organizer.id)
    db_session.add(run)
    participation = db_session.scalar(
        select(Participation).where(
            Participation.event_id == past.id, Participation.company_id == company.id
        )
    )
    # Registered, not confirmed yet: the confirmation page has an account to show.
    pending = User(
        email="pending@example.com",
        password_hash=hash_password(PASSWORD),
        full_name="Pending Person",
        company=company,
        email_confirmed=False,
    )
    db_session.add(pending)
    db_session.commit()
    return Fair(
        past_event_id=past.id,
        company_id=company.id,
        request_id=meeting.request_id,
        version_id=version.id,
        run_id=run.id,
        participation_id=participation.id,
        representative=representative.email,
        organizer=organizer.email,
        reset_token=password_token(representative),
        representative_id=representative.id,
        confirm_token=confirmation_token(pending),
    )
