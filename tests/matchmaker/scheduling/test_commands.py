"""The organizer's scheduling actions from the command line."""

from __future__ import annotations

import json

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, ScheduleRun, ScheduleVersion
from matchmaker.scheduling.instance_export import build_instance
from matchmaker.scheduling.publishing import schedule_document
from solver.checker import check
from tests.solver.schemas import assert_valid_instance, assert_valid_schedule


def test_export_instance_writes_what_the_scheduler_would_solve(app, ready_fair, tmp_path):
    target = tmp_path / "instance.json"
    result = app.test_cli_runner().invoke(
        args=["export-instance", str(ready_fair.event.id), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(target.read_text())
    assert document["format"] == "matchmaker-instance/1"
    assert_valid_instance(document)
    assert len(document["requests"]) == len(ready_fair.requests)


def test_solve_publish_and_export_schedule(app, ready_fair, db_session, tmp_path):
    runner = app.test_cli_runner()
    solved = runner.invoke(args=["solve", str(ready_fair.event.id), "--time-limit", "5"])
    assert solved.exit_code == 0, solved.output
    assert "draft version 1" in solved.output
    run = db_session.scalars(select(ScheduleRun)).one()

    published = runner.invoke(args=["publish", str(run.id)])
    assert published.exit_code == 0 and "Published version 1" in published.output
    again = runner.invoke(args=["publish", str(run.id)])
    assert again.exit_code == 0 and "no change" in again.output

    target = tmp_path / "schedule.json"
    exported = runner.invoke(args=["export-schedule", str(ready_fair.event.id), "-o", str(target)])
    assert exported.exit_code == 0, exported.output
    schedule = json.loads(target.read_text())
    assert check(run.instance, schedule).violations == []
    assert_valid_schedule(schedule)
    assert schedule["stats"]["scheduled"] == len(ready_fair.requests)


def test_solve_with_publish_publishes_at_once(app, ready_fair, db_session):
    result = app.test_cli_runner().invoke(
        args=["solve", str(ready_fair.event.id), "--time-limit", "5", "--publish"]
    )
    assert result.exit_code == 0, result.output
    db_session.expire_all()
    assert ready_fair.event.published_version_id is not None


def test_bad_ids_and_refusals_exit_non_zero_with_the_reason(app, ready_fair):
    runner = app.test_cli_runner()
    unknown = runner.invoke(args=["export-instance", "999"])
    assert unknown.exit_code != 0 and "No event with id 999" in unknown.output
    nothing = runner.invoke(args=["export-schedule", str(ready_fair.event.id)])
    assert nothing.exit_code != 0 and "Nothing is published" in nothing.output
    too_short = runner.invoke(args=["solve", str(ready_fair.event.id), "--time-limit", "1"])
    assert too_short.exit_code != 0 and "between" in too_short.output
    no_run = runner.invoke(args=["publish", "12345"])
    assert no_run.exit_code != 0 and "No run with id 12345" in no_run.output
    assert "Traceback" not in unknown.output + nothing.output + too_short.output


def test_the_demo_event_1_is_ready_to_schedule(app):
    runner = app.test_cli_runner()
    seeded = runner.invoke(args=["seed-demo", "--companies", "40", "--seed", "7"])
    assert seeded.exit_code == 0, seeded.output
    with app.app_context():
        document = build_instance(db.session.get(Event, 1))
        for event in db.session.scalars(select(Event)):  # the past editions too
            assert_valid_instance(build_instance(event))
            if event.published_version_id is not None:
                version = db.session.get(ScheduleVersion, event.published_version_id)
                assert_valid_schedule(schedule_document(version))
    assert document["slots"] and document["interpreters"]
    assert len(document["requests"]) > 10
    assert any(p["unavailable"] for p in document["participants"])
    solved = runner.invoke(args=["solve", "1", "--time-limit", "5"])
    assert solved.exit_code == 0, solved.output
