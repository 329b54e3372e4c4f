"""``flask --app matchmaker <command>`` commands for set-up and operations."""

from __future__ import annotations

import secrets
from pathlib import Path

import click
from flask import Flask, current_app

from matchmaker.accounts.commands import create_organizer_command
from matchmaker.backup import backup_command, restore_command
from matchmaker.benchmark.command import bench_web_command
from matchmaker.demo.command import seed_demo_command
from matchmaker.notifications.commands import outbox_commands
from matchmaker.outcomes.commands import remind_outcomes_command
from matchmaker.scheduling.commands import COMMANDS as SCHEDULING_COMMANDS


def init_app(app: Flask) -> None:
    app.cli.add_command(init_config_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_organizer_command)
    app.cli.add_command(remind_outcomes_command)
    app.cli.add_command(bench_web_command)
    app.cli.add_command(outbox_commands)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    for command in SCHEDULING_COMMANDS:
        app.cli.add_command(command)


@click.command("init-config")
def init_config_command() -> None:
    """Write instance/config.py with a fresh random SECRET_KEY, unless it exists already."""
    instance = Path(current_app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    config_file = instance / "config.py"
    if config_file.exists():
        click.echo(f"{config_file} exists; left as it is.")
        return
    config_file.write_text(
        "# Local settings for this machine (git-ignored). See README, 'Configuration'.\n"
        f"SECRET_KEY = {secrets.token_urlsafe(48)!r}\n"
    )
    config_file.chmod(0o600)
    click.echo(f"Wrote {config_file} with a new SECRET_KEY.")
