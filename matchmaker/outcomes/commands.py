"""``flask --app matchmaker remind-outcomes EVENT_ID``: the command-line twin of the organizers'
reminder button."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.outcomes.operations import send_reminders


@click.command("remind-outcomes")
@click.argument("event_id", type=int)
@with_appcontext
def remind_outcomes_command(event_id: int) -> None:
    """E-mail the representatives of companies with meetings they have not reported."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise click.ClickException(f"No edition with id {event_id}.")
    try:
        count = send_reminders(event, None)
    except RuleViolation as error:
        db.session.rollback()
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Reminded {count} companies with unreported meetings.")
