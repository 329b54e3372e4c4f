"""The Alembic migrations build exactly the schema the models describe, on every backend."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.web import MIGRATIONS_DIRECTORY

MIGRATIONS = f"matchmaker/{MIGRATIONS_DIRECTORY}"
DATA_LOSS_CONFIRMATION = "i-know-this-drops-data"


@pytest.fixture
def empty_app(database_url):
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": database_url}
    )
    with app.app_context():
        db.drop_all()
        _drop_alembic_version()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        _drop_alembic_version()
        db.engine.dispose()


def _drop_alembic_version() -> None:
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def _directory(app) -> str:
    return app.extensions["migrate"].directory


def _differences() -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        return compare_metadata(context, db.metadata)


def test_upgrading_an_empty_database_to_head_matches_the_models(empty_app):
    with empty_app.app_context():
        upgrade(directory=_directory(empty_app))
        assert _differences() == []


def test_downgrading_to_base_removes_every_table(empty_app):
    with empty_app.app_context():
        directory = _directory(empty_app)
        upgrade(directory=directory)
        downgrade(directory=directory, revision="base", x_arg=[DATA_LOSS_CONFIRMATION])
        tables = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert tables == set()
        upgrade(directory=directory)
        assert _differences() == []


def test_a_downgrade_without_confirmation_refuses_and_keeps_every_table(empty_app):
    with empty_app.app_context():
        directory = _directory(empty_app)
        upgrade(directory=directory)
        before = set(inspect(db.engine).get_table_names())
        with pytest.raises(SystemExit) as refused:
            downgrade(directory=directory, revision="base")
        assert refused.value.code == 1
        db.engine.dispose()
        assert set(inspect(db.engine).get_table_names()) == before
        assert _differences() == []


def test_the_mail_kinds_of_e_mail_confirmation_are_allowed_after_upgrading(empty_app):
    """The kinds are guarded by CHECK constraints the models cannot show to autogenerate: the
    migration must widen them (and only to the known kinds)."""
    import sqlalchemy as sa

    with empty_app.app_context():
        upgrade(directory=_directory(empty_app))
        with db.engine.begin() as connection:
            user_id = connection.execute(
                sa.text(
                    "INSERT INTO users (email, password_hash, full_name, locale, role, active, "
                    "created_at) VALUES ('o@example.com', 'x', 'O', 'en', 'organizer', true, "
                    "CURRENT_TIMESTAMP) RETURNING id"
                )
            ).scalar_one()
            assert connection.execute(
                sa.text("SELECT email_confirmed FROM users WHERE id = :id"), {"id": user_id}
            ).scalar_one()
            for kind in ("confirm_email", "registration_attempt"):
                connection.execute(
                    sa.text("INSERT INTO notification_opt_outs (user_id, kind) VALUES (:u, :k)"),
                    {"u": user_id, "k": kind},
                )
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as connection:
            connection.execute(
                sa.text("INSERT INTO notification_opt_outs (user_id, kind) VALUES (:u, 'nope')"),
                {"u": user_id},
            )
