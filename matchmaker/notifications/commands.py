"""``flask --app matchmaker outbox deliver``: deliver the due e-mails in this process (cron
after a restart of an in-process deployment, or to check a mail server by hand)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from matchmaker.notifications.delivery import deliver_due

outbox_commands = AppGroup("outbox", help="The outbox of e-mails.")


@outbox_commands.command("deliver")
def deliver_command() -> None:
    """Send every e-mail that is due now; failures are retried later as usual."""
    report = deliver_due()
    click.echo(
        f"Sent {report.sent}; {report.retrying} will be tried again; "
        f"{report.failed} failed for good (Organizer area → Outbox)."
    )
