"""Publishing is one switch, safe to repeat; versions are kept and compared."""

from __future__ import annotations

import pytest

from matchmaker.enums import EventPhase, RequestStatus, RunKind
from matchmaker.errors import RuleViolation
from matchmaker.models import ScheduleRun
from matchmaker.scheduling.diff import compare_versions
from matchmaker.scheduling.publishing import (
    publish,
    published_schedule_document,
    version_of_run,
)
from matchmaker.scheduling.runs import start_run
from matchmaker.scheduling.tasks import execute_run
from solver.checker import check
from tests.solver.schemas import assert_valid_instance, assert_valid_schedule


def _solved_draft(fair, db_session, kind=RunKind.SOLVE):
    run = start_run(fair.event, fair.organizer, kind=kind)
    db_session.commit()
    execute_run(run.id)
    return version_of_run(db_session.get(ScheduleRun, run.id))


def test_publishing_switches_the_event_to_the_draft_and_twice_changes_nothing(
    ready_fair, db_session
):
    draft = _solved_draft(ready_fair, db_session)
    assert publish(draft, ready_fair.organizer) is True
    db_session.commit()
    assert ready_fair.event.published_version_id == draft.id
    assert ready_fair.event.phase == EventPhase.PUBLISHED
    stamp = draft.published_at
    assert publish(draft, ready_fair.organizer) is False
    assert draft.published_at == stamp


def test_a_replaced_version_cannot_be_published_again(ready_fair, db_session):
    first = _solved_draft(ready_fair, db_session)
    publish(first, ready_fair.organizer)
    db_session.commit()
    second = _solved_draft(ready_fair, db_session, kind=RunKind.REPLAN)
    publish(second, ready_fair.organizer)
    db_session.commit()
    assert ready_fair.event.published_version_id == second.id
    assert second.number == first.number + 1
    with pytest.raises(RuleViolation, match="replaced"):
        publish(first, ready_fair.organizer)


def test_the_published_schedule_exports_as_a_valid_solver_document(ready_fair, db_session):
    draft = _solved_draft(ready_fair, db_session)
    publish(draft, ready_fair.organizer)
    db_session.commit()
    document = published_schedule_document(ready_fair.event)
    run = db_session.get(ScheduleRun, draft.run_id)
    assert document["format"] == "matchmaker-schedule/1"
    assert len(document["meetings"]) == len(draft.meetings)
    assert check(run.instance, document).violations == []
    assert_valid_instance(run.instance)
    assert_valid_schedule(document)
    assert document["stats"]["scheduled"] == len(draft.meetings)


def test_replanning_after_a_cancellation_moves_only_what_it_must(ready_fair, db_session):
    draft = _solved_draft(ready_fair, db_session)
    publish(draft, ready_fair.organizer)
    db_session.commit()
    cancelled = next(m.request for m in draft.meetings)
    cancelled.status = RequestStatus.WITHDRAWN
    db_session.commit()
    replanned = _solved_draft(ready_fair, db_session, kind=RunKind.REPLAN)
    diff = compare_versions(draft, replanned)
    assert [m.request_id for m in diff.removed] == [cancelled.id]
    # Every other meeting fits where it was, so nothing else moves.
    assert diff.moved == [] and diff.added == []
    assert diff.unchanged == len(draft.meetings) - 1
    run = db_session.get(ScheduleRun, replanned.run_id)
    assert len(run.instance["previous"]) == len(draft.meetings)
    assert diff.affected_company_ids == {cancelled.from_company_id, cancelled.to_company_id}


def test_replanning_needs_a_published_schedule(ready_fair, db_session):
    with pytest.raises(RuleViolation, match="Nothing is published"):
        start_run(ready_fair.event, ready_fair.organizer, kind=RunKind.REPLAN)
