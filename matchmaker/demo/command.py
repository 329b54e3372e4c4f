"""``flask --app matchmaker seed-demo``: fill an empty database with a realistic demo fair."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from matchmaker.demo.builder import DemoBuilder
from matchmaker.enums import RequestStatus, Side
from matchmaker.extensions import db
from matchmaker.models import Company, Event, User
from matchmaker.passwords import verify_password

CREDENTIALS_FILE = "demo-credentials.txt"


@click.command("seed-demo")
@click.option(
    "--companies",
    type=click.IntRange(2, 5000),
    default=300,
    show_default=True,
    help="How many companies take part (about 40% European, 60% Chinese).",
)
@click.option(
    "--if-empty",
    is_flag=True,
    help="Only if the database is empty; otherwise just print the saved demo login.",
)
@click.option("--seed", type=int, default=2026, show_default=True, help="Random seed.")
@click.option(
    "--previous/--no-previous",
    default=True,
    show_default=True,
    help="Also create the previous (closed) edition.",
)
@with_appcontext
def seed_demo_command(companies: int, if_empty: bool, seed: int, previous: bool) -> None:
    """Build a demo fair: organizer, editions, companies, participations and requests."""
    try:
        has_data = database_has_data()
    except (OperationalError, ProgrammingError) as error:
        db.session.rollback()
        raise click.ClickException(
            "The database has no tables yet: run `flask --app matchmaker db upgrade` first."
        ) from error
    if has_data:
        if if_empty:
            click.echo("The database already holds data; no demo data added.")
            echo_saved_login()
            return
        raise click.ClickException(
            "The database already holds data; seed-demo fills an empty database only "
            "(use --if-empty to just print the demo login)."
        )
    started = time.perf_counter()
    result = DemoBuilder(companies=companies, seed=seed, previous=previous).build()
    db.session.commit()
    path = save_login(result.organizer_email, result.organizer_password)
    eu = sum(1 for company in result.companies if company.side == Side.EU)
    current = result.current_event
    current_requests = [r for r in result.requests if r.event is current]
    by_status = {
        status.value: sum(1 for r in current_requests if r.status == status)
        for status in RequestStatus
    }
    click.echo(
        f"Demo fair ready in {time.perf_counter() - started:.1f}s: {current.name} "
        f"({current.start_date:%d}–{current.end_date:%d %b %Y}, Chengdu, phase "
        f"{current.phase.value}); {len(result.companies)} companies ({eu} European, "
        f"{len(result.companies) - eu} Chinese); {len(current_requests)} meeting requests "
        f"({', '.join(f'{n} {s}' for s, n in by_status.items())})."
    )
    _echo_login(result.organizer_email, result.organizer_password, path)


def database_has_data() -> bool:
    for model in (Company, Event, User):
        if db.session.scalar(select(func.count()).select_from(model)):
            return True
    return False


def credentials_path() -> Path:
    return Path(current_app.instance_path) / CREDENTIALS_FILE


def _database_label() -> str:
    return db.engine.url.render_as_string(hide_password=True)


def save_login(email: str, password: str) -> Path:
    """Write the organizer's demo login to instance/ (git-ignored), readable by the owner only."""
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# Salon Matchmaker demo login, written by `flask seed-demo`. Private: do not share.\n"
        f"database = {_database_label()}\n"
        f"email = {email}\n"
        f"password = {password}\n",
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path


def read_saved_login() -> dict[str, str] | None:
    path = credentials_path()
    if not path.exists():
        return None
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition(" = ")
        if sep and not key.startswith("#"):
            values[key.strip()] = value.strip()
    return values


def echo_saved_login() -> None:
    saved = read_saved_login()
    if not saved or saved.get("database") != _database_label() or "email" not in saved:
        click.echo(
            "The demo organizer login is not on file for this database "
            f"({credentials_path()} is missing or belongs to another database)."
        )
        return
    user = db.session.scalar(select(User).where(User.email == saved["email"]))
    if user is None:
        click.echo(f"The demo organizer {saved['email']} no longer exists in this database.")
        return
    if not verify_password(user.password_hash, saved.get("password", "")):
        click.echo(
            f"Organizer demo login: {saved['email']} (the password was changed since the demo "
            "was created)."
        )
        return
    _echo_login(saved["email"], saved["password"], credentials_path())


def _echo_login(email: str, password: str, path: Path) -> None:
    click.echo(f"Organizer demo login: {email} / {password}   (saved in {path})")
