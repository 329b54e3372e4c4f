"""``flask create-organizer``: the first organizer account of a real deployment."""

from __future__ import annotations

import click
from wtforms import ValidationError

from matchmaker.accounts import operations
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.formfields import check_new_password


@click.command("create-organizer")
@click.argument("email")
@click.option("--name", "full_name", required=True, help="The organizer's full name.")
@click.password_option(help="Asked for (twice) when not given.")
def create_organizer_command(email: str, full_name: str, password: str) -> None:
    """Create an organizer account with EMAIL (the password is asked for)."""
    try:
        check_new_password(password, [email, full_name])
    except ValidationError as error:
        raise click.BadParameter(str(error), param_hint="password") from error
    if "@" not in email or len(email) > 254:
        raise click.BadParameter("not an e-mail address", param_hint="EMAIL")
    try:
        user = operations.create_organizer(email, full_name, password)
    except RuleViolation as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Organizer {user.email} created; log in at /login.")
