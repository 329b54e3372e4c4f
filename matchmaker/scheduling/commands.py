"""CLI twins of the organizer's scheduling actions (``flask --app matchmaker <command>``).

Each command is one transaction and exits non-zero with the reason on stderr when refused.
Actions are taken as an organizer account: ``--organizer EMAIL``, by default the oldest one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select
from werkzeug.exceptions import HTTPException

from matchmaker import jobs
from matchmaker.enums import Role, RunStatus
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import Event, ScheduleRun, User
from matchmaker.scheduling.instance_export import build_instance
from matchmaker.scheduling.publishing import (
    publish,
    published_schedule_document,
    version_of_run,
)
from matchmaker.scheduling.runs import start_run
from matchmaker.scheduling.tasks import execute_run

organizer_option = click.option(
    "--organizer", "organizer_email", default=None, help="act as this organizer (e-mail)"
)


def _refusals_exit(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a refused action into a clean exit 1 with the reason, after rolling back."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (RuleViolation, HTTPException) as error:
            db.session.rollback()
            message = getattr(error, "message", None) or getattr(error, "description", "")
            raise click.ClickException(str(message)) from error

    return wrapper


def _organizer(email: str | None) -> User:
    query = select(User).where(User.role == Role.ORGANIZER)
    query = query.where(User.email == email.lower()) if email else query.order_by(User.id)
    user = db.session.scalars(query.limit(1)).first()
    if user is None:
        raise click.ClickException(
            f"No organizer account {email!r}." if email else "No organizer account exists."
        )
    return user


def _event(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"No event with id {event_id}.")
    return event


def _write_json(document: dict[str, Any], output: str) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if output == "-":
        sys.stdout.write(text + "\n")
    else:
        Path(output).write_text(text + "\n", encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)


@click.command("export-instance")
@click.argument("event_id", type=int)
@click.option("-o", "--output", default="-", help="file, or - for stdout")
@with_appcontext
def export_instance_command(event_id: int, output: str) -> None:
    """Write the matchmaker-instance/1 document the scheduler would solve for EVENT_ID."""
    _write_json(build_instance(_event(event_id)), output)


@click.command("solve")
@click.argument("event_id", type=int)
@click.option("--time-limit", type=int, default=None, help="seconds (default: the event's)")
@click.option("--publish", "publish_after", is_flag=True, help="publish the draft if it succeeds")
@organizer_option
@with_appcontext
@_refusals_exit
def solve_command(
    event_id: int, time_limit: int | None, publish_after: bool, organizer_email: str | None
) -> None:
    """Run the scheduler for EVENT_ID in this process; the result is a new draft."""
    organizer = _organizer(organizer_email)
    run = start_run(_event(event_id), organizer, time_limit_s=time_limit)
    db.session.commit()
    click.echo(f"Run {run.id}: solving with a {run.time_limit_s} s limit…", err=True)
    execute_run(run.id)
    run = db.session.get(ScheduleRun, run.id)
    if run.status != RunStatus.SUCCEEDED:
        raise click.ClickException(f"Run {run.id} {run.status.value}: {run.error or ''}")
    stats = run.result["stats"]
    version = version_of_run(run)
    click.echo(
        f"Run {run.id} {stats['status']}: {stats['scheduled']} meetings, weight {stats['weight']}"
        f" (upper bound {stats['upper_bound']}), idle gaps {stats['idle_gaps']};"
        f" draft version {version.number}."
    )
    if publish_after:
        publish(version, organizer)
        db.session.commit()
        click.echo(f"Published version {version.number}.")


@click.command("publish")
@click.argument("run_id", type=int)
@organizer_option
@with_appcontext
@_refusals_exit
def publish_command(run_id: int, organizer_email: str | None) -> None:
    """Publish the draft that run RUN_ID produced."""
    organizer = _organizer(organizer_email)
    run = db.session.get(ScheduleRun, run_id)
    if run is None:
        raise click.ClickException(f"No run with id {run_id}.")
    version = version_of_run(run)
    if version is None:
        raise click.ClickException(f"Run {run_id} has no schedule ({run.status.value}).")
    changed = publish(version, organizer)
    db.session.commit()
    click.echo(
        f"Published version {version.number}." if changed else "Already published; no change."
    )


@click.command("export-schedule")
@click.argument("event_id", type=int)
@click.option("-o", "--output", default="-", help="file, or - for stdout")
@with_appcontext
@_refusals_exit
def export_schedule_command(event_id: int, output: str) -> None:
    """Write EVENT_ID's published schedule as a matchmaker-schedule/1 document."""
    _write_json(published_schedule_document(_event(event_id)), output)


@click.command("worker")
@click.option("--burst", is_flag=True, help="stop when the queue is empty")
def worker_command(burst: bool) -> None:
    """Process scheduler jobs from Redis (needs MATCHMAKER_REDIS_URL)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if not app.config.get("REDIS_URL"):
        raise click.ClickException("Set MATCHMAKER_REDIS_URL: without it jobs run in the app.")
    jobs.run_worker(app, burst=burst)


COMMANDS = [
    export_instance_command,
    solve_command,
    publish_command,
    export_schedule_command,
    worker_command,
]
