"""``flask backup FILE`` and ``flask restore FILE``: a consistent copy of the whole database.

SQLite: the online backup API (a consistent snapshot while the app keeps running; restoring
copies the file's pages back into the live database). PostgreSQL: ``pg_dump --format=custom``
and ``pg_restore --clean --if-exists --single-transaction`` (Debian's ``postgresql-client``;
its major version must not be older than the server's). Restoring replaces every table, so it
asks for ``--i-know-this-replaces-data``.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import click
from flask import current_app
from sqlalchemy.engine import make_url

from matchmaker.extensions import db

REPLACE_CONFIRMATION = "--i-know-this-replaces-data"


def backup_database(url: str, target: Path) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with sqlite3.connect(parsed.database) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", _libpq(url)])


def restore_database(url: str, source: Path) -> None:
    if not source.is_file():
        raise click.ClickException(f"{source} is not a file.")
    parsed = make_url(url)
    db.engine.dispose()  # no pooled connection keeps the old data open
    if parsed.get_backend_name() == "sqlite":
        with sqlite3.connect(source) as copy, sqlite3.connect(parsed.database) as live:
            copy.backup(live)
        return
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={_libpq(url)}",
            str(source),
        ]
    )


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as libpq understands it (no ``+psycopg`` driver part)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise click.ClickException(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        )
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise click.ClickException(f"{command[0]} failed: {done.stderr.strip()}")


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(target: Path) -> None:
    """Write a consistent copy of the whole database to TARGET."""
    backup_database(current_app.config["SQLALCHEMY_DATABASE_URI"], target)
    click.echo(f"Backup written to {target}.")


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    REPLACE_CONFIRMATION,
    "confirmed",
    is_flag=True,
    help="Confirm that every table is replaced by the backup's contents.",
)
def restore_command(source: Path, confirmed: bool) -> None:
    """Replace the whole database by the backup in SOURCE."""
    if not confirmed:
        raise click.ClickException(
            f"Restoring replaces every row of the database; add {REPLACE_CONFIRMATION}."
        )
    restore_database(current_app.config["SQLALCHEMY_DATABASE_URI"], source)
    click.echo(f"Database restored from {source}.")
