"""``flask create-organizer`` makes the first organizer of a real deployment."""

from __future__ import annotations

from sqlalchemy import select

from matchmaker.enums import Role
from matchmaker.models import User
from matchmaker.passwords import verify_password


def test_create_organizer_makes_an_organizer_account(app, db_session):
    result = app.test_cli_runner().invoke(
        args=["create-organizer", "Boss@Fair.example", "--name", "Wang Fang"],
        input="organizer password\norganizer password\n",
    )
    assert result.exit_code == 0, result.output
    user = db_session.scalar(select(User))
    assert (user.email, user.role, user.company_id) == ("boss@fair.example", Role.ORGANIZER, None)
    assert verify_password(user.password_hash, "organizer password")


def test_create_organizer_refuses_a_weak_password_and_a_taken_address(app, db_session):
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["create-organizer", "a@b.example", "--name", "A", "--password", "x"])
    assert weak.exit_code != 0 and "at least" in weak.output
    args = ["create-organizer", "a@b.example", "--name", "A", "--password", "long password!"]
    assert runner.invoke(args=args).exit_code == 0
    again = runner.invoke(args=args)
    assert again.exit_code != 0 and "exists already" in again.output
