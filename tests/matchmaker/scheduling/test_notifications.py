"""Companies hear about their agenda when a schedule is published or changes."""

from __future__ import annotations

from matchmaker.enums import RequestStatus, RunKind
from matchmaker.mail import outbox
from matchmaker.models import ScheduleRun
from matchmaker.scheduling.publishing import publish, version_of_run
from matchmaker.scheduling.runs import start_run
from matchmaker.scheduling.tasks import execute_run
from tests.factories import make_user


def _solve(fair, db_session, kind=RunKind.SOLVE):
    run = start_run(fair.event, fair.organizer, kind=kind)
    db_session.commit()
    execute_run(run.id)
    return version_of_run(db_session.get(ScheduleRun, run.id))


def test_every_company_with_meetings_hears_of_the_first_publication(app, ready_fair, db_session):
    representatives = {make_user(c).email: c for c in ready_fair.companies}
    db_session.commit()
    version = _solve(ready_fair, db_session)
    publish(version, ready_fair.organizer)
    db_session.commit()
    mails = {m.to: m for m in outbox(app)}
    assert set(mails) == set(representatives)
    company = ready_fair.companies[0]
    body = next(m.body for to, m in mails.items() if representatives[to] is company)
    assert f"/events/{ready_fair.event.id}/agenda/{company.id}" in body
    count = sum(
        company.id in (m.request.from_company_id, m.request.to_company_id) for m in version.meetings
    )
    assert f"has {count} meeting" in body


def test_after_a_re_plan_only_affected_companies_are_told(app, ready_fair, db_session):
    representatives = {make_user(c).email: c.id for c in ready_fair.companies}
    db_session.commit()
    first = _solve(ready_fair, db_session)
    publish(first, ready_fair.organizer)
    db_session.commit()
    outbox(app).clear()

    cancelled = first.meetings[0].request
    cancelled.status = RequestStatus.WITHDRAWN
    db_session.commit()
    second = _solve(ready_fair, db_session, RunKind.REPLAN)
    publish(second, ready_fair.organizer)
    db_session.commit()
    told = {representatives[m.to] for m in outbox(app)}
    assert told == {cancelled.from_company_id, cancelled.to_company_id}
    assert all("has changed" in m.subject for m in outbox(app))


def test_nothing_is_sent_when_publishing_is_rolled_back(app, ready_fair, db_session):
    make_user(ready_fair.companies[0])
    db_session.commit()
    version = _solve(ready_fair, db_session)
    publish(version, ready_fair.organizer)
    db_session.rollback()
    assert outbox(app) == []
